package io.tern.broker.routing;

import io.tern.broker.session.Session;
import io.tern.codec.QoS;
import io.tern.codec.packet.Subscription;
import java.util.Arrays;

/**
 * A session's subscription to one topic filter, as the topic index holds it; or, for a message that
 * matches several subscriptions of one session, what they ask for together.
 *
 * @param session       the subscribing session
 * @param subscription  the topic filter and its options
 * @param identifiers   the MQTT 5 subscription identifiers to send with each matching message: none, or
 *                      that of the subscription, or those of every subscription merged
 * @param group         for a member of a shared subscription group as the group holds it, that group
 *                      (whose members get each message in turn); {@code null} otherwise
 */
public record Subscriber(Session session, Subscription subscription, int[] identifiers, SharedGroup group) {
    private static final int[] NONE = new int[0];

    /**
     * A subscription with the MQTT 5 subscription identifier {@code identifier}, 0 for none; a shared
     * subscription ({@code $share/...}) joins its group when the index takes it.
     */
    public Subscriber(Session session, Subscription subscription, int identifier) {
        this(session, subscription, identifier == 0 ? NONE : new int[] {identifier}, null);
    }

    /** This subscription as a member of {@code sharedGroup}. */
    Subscriber inGroup(SharedGroup sharedGroup) {
        return new Subscriber(session, subscription, identifiers, sharedGroup);
    }

    /** The subscription identifier of a subscription in the index, 0 for none. */
    public int identifier() {
        return identifiers.length == 0 ? 0 : identifiers[0];
    }

    /**
     * What two subscriptions of the same session that match one message ask for together: one
     * delivery at the higher QoS [MQTT-3.3.4-2] carrying the identifiers of both [MQTT-3.3.4-4],
     * with RETAIN as published if either asks for it.
     */
    Subscriber mergedWith(Subscriber other) {
        Subscription a = subscription;
        Subscription b = other.subscription;
        QoS qos = a.qos().value() >= b.qos().value() ? a.qos() : b.qos();
        int[] merged = Arrays.copyOf(identifiers, identifiers.length + other.identifiers.length);
        System.arraycopy(other.identifiers, 0, merged, identifiers.length, other.identifiers.length);
        return new Subscriber(session, new Subscription(a.topicFilter(), qos, false,
                a.retainAsPublished() || b.retainAsPublished(), a.retainHandling()), merged, null);
    }
}
