package io.tern.codec.packet;

import io.tern.codec.QoS;
import java.util.Objects;

/**
 * One topic filter of a SUBSCRIBE with its options. MQTT 3 has only the maximum QoS; the other
 * options keep their MQTT 3 behaviour there ({@code false}, {@code false},
 * {@link RetainHandling#SEND_ON_SUBSCRIBE}).
 *
 * @param topicFilter       the topic filter, possibly a shared subscription {@code $share/group/filter}
 * @param qos               the maximum QoS the client accepts for this subscription
 * @param noLocal           MQTT 5: do not send the client its own messages
 * @param retainAsPublished MQTT 5: keep the RETAIN flag of forwarded messages as published
 * @param retainHandling    MQTT 5: when to send retained messages on subscribe
 */
public record Subscription(String topicFilter, QoS qos, boolean noLocal, boolean retainAsPublished,
                           RetainHandling retainHandling) {
    /** Checks the components. */
    public Subscription {
        Objects.requireNonNull(topicFilter, "topicFilter");
        Objects.requireNonNull(qos, "qos");
        Objects.requireNonNull(retainHandling, "retainHandling");
    }

    /** A subscription with the MQTT 3 options. */
    public Subscription(String topicFilter, QoS qos) {
        this(topicFilter, qos, false, false, RetainHandling.SEND_ON_SUBSCRIBE);
    }
}
