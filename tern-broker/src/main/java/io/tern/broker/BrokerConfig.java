package io.tern.broker;

import io.tern.codec.MqttPacketDecoder;
import io.tern.codec.QoS;
import java.time.Duration;
import java.util.Objects;

/**
 * The limits and choices of a broker; {@link #defaults()} gives those of a broker with no
 * configuration, and {@link #builder()} a configuration that changes some of them.
 *
 * @param maxInflight             QoS 1/2 messages sent to a client and not yet acknowledged, per client
 * @param maxQueuedMessages       messages held for a client beyond those in flight (while it is offline or its
 *                                window is full); newer ones are dropped and counted
 * @param maxQueuedBytes          bytes (payload and topic) held that way, 0 for no byte limit
 * @param queueQos0               whether QoS 0 messages are queued for offline persistent sessions, like
 *                                mosquitto's {@code queue_qos0_messages}
 * @param maxQos                  the highest QoS granted to subscriptions
 * @param maxPacketSize           the largest packet accepted from clients, in bytes
 * @param connectTimeout          how long a new connection may take to send CONNECT
 * @param sessionExpirySeconds    how long the session of an MQTT 3 client with clean session 0 outlives its
 *                                connection; 0xFFFFFFFF means for ever
 * @param allowZeroLengthClientId whether a client may connect without a client identifier and get one assigned
 * @param sysInterval             how often the {@code $SYS/broker/...} topics are published; zero turns them off
 * @param receiveMaximum          the MQTT 5 Receive Maximum of the broker: QoS 2 messages a client may have sent
 *                                and not yet released with PUBREL; an MQTT 5 client that sends more is
 *                                disconnected (0x93)
 * @param topicAliasMaximum       the topic aliases an MQTT 5 client may use towards the broker, 0 for none
 * @param maxKeepAlive            the longest keep alive, in seconds, a client may ask for: MQTT 5 clients asking
 *                                for more (or for none) get this one as Server Keep Alive, MQTT 3 clients are
 *                                refused; 65535 puts no limit
 * @param responseInformation     the prefix of the response topics the broker suggests to MQTT 5 clients that ask
 *                                (followed by their client identifier), or {@code null} to suggest none
 * @param retainAvailable         whether the broker keeps retained messages; without, a client publishing with
 *                                RETAIN, or connecting with a retained will, is refused (0x9A), as mosquitto's
 *                                {@code retain_available false} does
 * @param maxConnections          client connections open at once, 0 for no limit; a connection beyond is refused
 *                                at its CONNECT with 0x97 (quota exceeded), MQTT 3 with return code 3
 * @param maxConnectRate          new connections per source address, {@link Rate#UNLIMITED} for no limit; one
 *                                beyond is refused at its CONNECT with 0x9F (connection rate exceeded), MQTT 3
 *                                with return code 3
 * @param maxSubscriptions        subscriptions per client, 0 for no limit; one more is refused in SUBACK with
 *                                0x97 (quota exceeded), MQTT 3 with 0x80
 * @param maxTopicLength          the longest topic name or filter a client may use, in UTF-8 bytes (1 to 65535)
 * @param maxTopicLevels          the most levels a topic name or filter may have, 0 for no limit; a filter beyond
 *                                either limit is refused in SUBACK (0x8F, MQTT 3 0x80), a PUBLISH or will topic
 *                                beyond ends the connection (DISCONNECT or CONNACK 0x90 for MQTT 5)
 * @param maxPublishRate          PUBLISH packets per client, {@link Rate#UNLIMITED} for no limit; an MQTT 5
 *                                client that sends faster is disconnected with 0x96 (message rate too high), an
 *                                MQTT 3 client is slowed down: the broker stops reading from it for a while
 * @param maxPendingBytes         bytes written to a client and not yet taken by its socket beyond which it is a
 *                                slow consumer: QoS 0 messages for it are dropped and counted, QoS 1 and 2 wait in
 *                                its queue, and the broker stops reading from it until it catches up
 */
public record BrokerConfig(int maxInflight, int maxQueuedMessages, long maxQueuedBytes, boolean queueQos0,
                           QoS maxQos, int maxPacketSize, Duration connectTimeout, long sessionExpirySeconds,
                           boolean allowZeroLengthClientId, Duration sysInterval, int receiveMaximum,
                           int topicAliasMaximum, int maxKeepAlive, String responseInformation,
                           boolean retainAvailable, int maxConnections, Rate maxConnectRate,
                           int maxSubscriptions, int maxTopicLength, int maxTopicLevels, Rate maxPublishRate,
                           int maxPendingBytes) {
    /** The session expiry that means the session never expires. */
    public static final long NEVER_EXPIRE = 0xFFFF_FFFFL;
    /** The keep alive limit that puts no limit. */
    public static final int NO_KEEP_ALIVE_LIMIT = 0xFFFF;

    private static final BrokerConfig DEFAULTS = new BrokerConfig(32, 1000, 0, false, QoS.EXACTLY_ONCE,
            MqttPacketDecoder.MAX_PACKET_SIZE, Duration.ofSeconds(10), NEVER_EXPIRE, true, Duration.ofSeconds(10),
            1024, 10, NO_KEEP_ALIVE_LIMIT, "response/", true, 0, Rate.UNLIMITED, 0, 0xFFFF, 200, Rate.UNLIMITED,
            256 * 1024);

    /** Checks the limits. */
    public BrokerConfig {
        requireBetween("maxInflight", maxInflight, 1, 0xFFFF);
        requireBetween("maxQueuedMessages", maxQueuedMessages, 1, Integer.MAX_VALUE);
        requireBetween("maxQueuedBytes", maxQueuedBytes, 0, Long.MAX_VALUE);
        Objects.requireNonNull(maxQos, "maxQos");
        requireBetween("maxPacketSize", maxPacketSize, 2, MqttPacketDecoder.MAX_PACKET_SIZE);
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive, not " + connectTimeout);
        }
        if (sysInterval.isNegative()) {
            throw new IllegalArgumentException("sysInterval must not be negative, not " + sysInterval);
        }
        requireBetween("sessionExpirySeconds", sessionExpirySeconds, 0, NEVER_EXPIRE);
        requireBetween("receiveMaximum", receiveMaximum, 1, 0xFFFF);
        requireBetween("topicAliasMaximum", topicAliasMaximum, 0, 0xFFFF);
        requireBetween("maxKeepAlive", maxKeepAlive, 1, NO_KEEP_ALIVE_LIMIT);
        requireBetween("maxConnections", maxConnections, 0, Integer.MAX_VALUE);
        Objects.requireNonNull(maxConnectRate, "maxConnectRate");
        requireBetween("maxSubscriptions", maxSubscriptions, 0, Integer.MAX_VALUE);
        requireBetween("maxTopicLength", maxTopicLength, 1, 0xFFFF);
        requireBetween("maxTopicLevels", maxTopicLevels, 0, Integer.MAX_VALUE);
        Objects.requireNonNull(maxPublishRate, "maxPublishRate");
        requireBetween("maxPendingBytes", maxPendingBytes, 1, Integer.MAX_VALUE);
    }

    /** The configuration of a broker started without one. */
    public static BrokerConfig defaults() {
        return DEFAULTS;
    }

    /** A builder that starts from the defaults. */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** A builder that starts from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void requireBetween(String name, long value, long min, long max) {
        if (value >= min && value <= max) {
            return;
        }
        boolean unbounded = max == Long.MAX_VALUE || max == Integer.MAX_VALUE;
        String range = !unbounded ? "be between " + min + " and " + max
                : min == 0 ? "not be negative" : "be at least " + min;
        throw new IllegalArgumentException(name + " must " + range + ", not " + value);
    }

    /** Builds a {@link BrokerConfig} field by field; {@link #build()} checks the result. */
    public static final class Builder {
        private int maxInflight;
        private int maxQueuedMessages;
        private long maxQueuedBytes;
        private boolean queueQos0;
        private QoS maxQos;
        private int maxPacketSize;
        private Duration connectTimeout;
        private long sessionExpirySeconds;
        private boolean allowZeroLengthClientId;
        private Duration sysInterval;
        private int receiveMaximum;
        private int topicAliasMaximum;
        private int maxKeepAlive;
        private String responseInformation;
        private boolean retainAvailable;
        private int maxConnections;
        private Rate maxConnectRate;
        private int maxSubscriptions;
        private int maxTopicLength;
        private int maxTopicLevels;
        private Rate maxPublishRate;
        private int maxPendingBytes;

        private Builder(BrokerConfig from) {
            maxInflight = from.maxInflight;
            maxQueuedMessages = from.maxQueuedMessages;
            maxQueuedBytes = from.maxQueuedBytes;
            queueQos0 = from.queueQos0;
            maxQos = from.maxQos;
            maxPacketSize = from.maxPacketSize;
            connectTimeout = from.connectTimeout;
            sessionExpirySeconds = from.sessionExpirySeconds;
            allowZeroLengthClientId = from.allowZeroLengthClientId;
            sysInterval = from.sysInterval;
            receiveMaximum = from.receiveMaximum;
            topicAliasMaximum = from.topicAliasMaximum;
            maxKeepAlive = from.maxKeepAlive;
            responseInformation = from.responseInformation;
            retainAvailable = from.retainAvailable;
            maxConnections = from.maxConnections;
            maxConnectRate = from.maxConnectRate;
            maxSubscriptions = from.maxSubscriptions;
            maxTopicLength = from.maxTopicLength;
            maxTopicLevels = from.maxTopicLevels;
            maxPublishRate = from.maxPublishRate;
            maxPendingBytes = from.maxPendingBytes;
        }

        /** Sets {@link BrokerConfig#maxInflight()}. */
        public Builder maxInflight(int value) {
            maxInflight = value;
            return this;
        }

        /** Sets {@link BrokerConfig#maxQueuedMessages()}. */
        public Builder maxQueuedMessages(int value) {
            maxQueuedMessages = value;
            return this;
        }

        /** Sets {@link BrokerConfig#maxQueuedBytes()}. */
        public Builder maxQueuedBytes(long value) {
            maxQueuedBytes = value;
            return this;
        }

        /** Sets {@link BrokerConfig#queueQos0()}. */
        public Builder queueQos0(boolean value) {
            queueQos0 = value;
            return this;
        }

        /** Sets {@link BrokerConfig#maxQos()}. */
        public Builder maxQos(QoS value) {
            maxQos = value;
            return this;
        }

        /** Sets {@link BrokerConfig#maxPacketSize()}. */
        public Builder maxPacketSize(int value) {
            maxPacketSize = value;
            return this;
        }

        /** Sets {@link BrokerConfig#connectTimeout()}. */
        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        /** Sets {@link BrokerConfig#sessionExpirySeconds()}, the expiry of persistent MQTT 3 sessions. */
        public Builder sessionExpirySeconds(long value) {
            sessionExpirySeconds = value;
            return this;
        }

        /** Sets {@link BrokerConfig#allowZeroLengthClientId()}. */
        public Builder allowZeroLengthClientId(boolean value) {
            allowZeroLengthClientId = value;
            return this;
        }

        /** Sets {@link BrokerConfig#sysInterval()}. */
        public Builder sysInterval(Duration value) {
            sysInterval = value;
            return this;
        }

        /** Sets {@link BrokerConfig#receiveMaximum()}. */
        public Builder receiveMaximum(int value) {
            receiveMaximum = value;
            return this;
        }

        /** Sets {@link BrokerConfig#topicAliasMaximum()}. */
        public Builder topicAliasMaximum(int value) {
            topicAliasMaximum = value;
            return this;
        }

        /** Sets {@link BrokerConfig#maxKeepAlive()}. */
        public Builder maxKeepAlive(int value) {
            maxKeepAlive = value;
            return this;
        }

        /** Sets {@link BrokerConfig#responseInformation()}. */
        public Builder responseInformation(String value) {
            responseInformation = value;
            return this;
        }

        /** Sets {@link BrokerConfig#retainAvailable()}. */
        public Builder retainAvailable(boolean value) {
            retainAvailable = value;
            return this;
        }

        /** Sets {@link BrokerConfig#maxConnections()}. */
        public Builder maxConnections(int value) {
            maxConnections = value;
            return this;
        }

        /** Sets {@link BrokerConfig#maxConnectRate()}. */
        public Builder maxConnectRate(Rate value) {
            maxConnectRate = value;
            return this;
        }

        /** Sets {@link BrokerConfig#maxSubscriptions()}. */
        public Builder maxSubscriptions(int value) {
            maxSubscriptions = value;
            return this;
        }

        /** Sets {@link BrokerConfig#maxTopicLength()}. */
        public Builder maxTopicLength(int value) {
            maxTopicLength = value;
            return this;
        }

        /** Sets {@link BrokerConfig#maxTopicLevels()}. */
        public Builder maxTopicLevels(int value) {
            maxTopicLevels = value;
            return this;
        }

        /** Sets {@link BrokerConfig#maxPublishRate()}. */
        public Builder maxPublishRate(Rate value) {
            maxPublishRate = value;
            return this;
        }

        /** Sets {@link BrokerConfig#maxPendingBytes()}. */
        public Builder maxPendingBytes(int value) {
            maxPendingBytes = value;
            return this;
        }

        /** The configuration, checked. */
        public BrokerConfig build() {
            return new BrokerConfig(maxInflight, maxQueuedMessages, maxQueuedBytes, queueQos0, maxQos, maxPacketSize,
                    connectTimeout, sessionExpirySeconds, allowZeroLengthClientId, sysInterval, receiveMaximum,
                    topicAliasMaximum, maxKeepAlive, responseInformation, retainAvailable, maxConnections,
                    maxConnectRate, maxSubscriptions, maxTopicLength, maxTopicLevels, maxPublishRate, maxPendingBytes);
        }
    }
}
