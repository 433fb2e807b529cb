package io.tern.client;

import io.tern.client.internal.TopicChecks;
import io.tern.codec.QoS;
import io.tern.codec.UserProperty;
import io.tern.codec.packet.RetainHandling;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A topic filter to subscribe to, with its options. Make one with {@link #of(String, QoS)} or
 * {@link #builder(String)}. The options other than the QoS are MQTT 5 only and ignored on MQTT 3.1.1.
 */
public final class Subscription {
    private final String filter;
    private final QoS qos;
    private final boolean noLocal;
    private final boolean retainAsPublished;
    private final RetainHandling retainHandling;
    private final int identifier;
    private final List<UserProperty> userProperties;

    private Subscription(Builder builder) {
        this.filter = builder.filter;
        this.qos = builder.qos;
        this.noLocal = builder.noLocal;
        this.retainAsPublished = builder.retainAsPublished;
        this.retainHandling = builder.retainHandling;
        this.identifier = builder.identifier;
        this.userProperties = List.copyOf(builder.userProperties);
    }

    /** A subscription with default options. */
    public static Subscription of(String filter, QoS qos) {
        return builder(filter).qos(qos).build();
    }

    /** A builder of a subscription to a topic filter, QoS 0 unless told otherwise. */
    public static Builder builder(String filter) {
        return new Builder(filter);
    }

    /** The topic filter, possibly with wildcards or a shared subscription {@code $share/group/filter}. */
    public String filter() {
        return filter;
    }

    /** The highest QoS the client accepts on this subscription. */
    public QoS qos() {
        return qos;
    }

    /** MQTT 5: whether the server keeps this client's own messages from it. */
    public boolean noLocal() {
        return noLocal;
    }

    /** MQTT 5: whether forwarded messages keep the RETAIN flag they were published with. */
    public boolean retainAsPublished() {
        return retainAsPublished;
    }

    /** MQTT 5: when the server sends retained messages for this subscription. */
    public RetainHandling retainHandling() {
        return retainHandling;
    }

    /** MQTT 5: the subscription identifier that messages matching this subscription carry back. */
    public OptionalInt identifier() {
        return identifier == 0 ? OptionalInt.empty() : OptionalInt.of(identifier);
    }

    /** MQTT 5: the user properties of the SUBSCRIBE packet that carries this subscription, in order. */
    public List<UserProperty> userProperties() {
        return userProperties;
    }

    @Override
    public String toString() {
        return filter + " (QoS " + qos.value() + ")";
    }

    /** Collects the options of a subscription. */
    public static final class Builder {
        private final String filter;
        private QoS qos = QoS.AT_MOST_ONCE;
        private boolean noLocal;
        private boolean retainAsPublished;
        private RetainHandling retainHandling = RetainHandling.SEND_ON_SUBSCRIBE;
        private int identifier;
        private final List<UserProperty> userProperties = new ArrayList<>();

        private Builder(String filter) {
            this.filter = Objects.requireNonNull(filter, "filter");
        }

        /** The highest QoS accepted; QoS 0 if not set. */
        public Builder qos(QoS qos) {
            this.qos = Objects.requireNonNull(qos, "qos");
            return this;
        }

        /** MQTT 5: keep this client's own messages from it. */
        public Builder noLocal(boolean noLocal) {
            this.noLocal = noLocal;
            return this;
        }

        /** MQTT 5: keep the RETAIN flag of forwarded messages as published. */
        public Builder retainAsPublished(boolean retainAsPublished) {
            this.retainAsPublished = retainAsPublished;
            return this;
        }

        /** MQTT 5: when retained messages are sent. */
        public Builder retainHandling(RetainHandling retainHandling) {
            this.retainHandling = Objects.requireNonNull(retainHandling, "retainHandling");
            return this;
        }

        /**
         * MQTT 5: a subscription identifier. Subscriptions made in one call share one SUBSCRIBE packet,
         * which carries one identifier, so they must all have the same one or none.
         *
         * @throws IllegalArgumentException if not between 1 and 268,435,455
         */
        public Builder identifier(int identifier) {
            if (identifier < 1 || identifier > 268_435_455) {
                throw new IllegalArgumentException(
                        "subscription identifier must be between 1 and 268435455, not " + identifier);
            }
            this.identifier = identifier;
            return this;
        }

        /**
         * MQTT 5: adds a user property to the SUBSCRIBE packet, after those already added. Subscriptions
         * made in one call share one packet, so they must all have the same user properties.
         */
        public Builder userProperty(String name, String value) {
            userProperties.add(new UserProperty(name, value));
            return this;
        }

        /**
         * The subscription.
         *
         * @throws IllegalArgumentException if the filter is not a valid topic filter or shared subscription
         */
        public Subscription build() {
            TopicChecks.requireFilter(filter);
            return new Subscription(this);
        }
    }
}
