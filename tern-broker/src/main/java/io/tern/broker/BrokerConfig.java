package io.tern.broker;

import io.tern.codec.MqttPacketDecoder;
import io.tern.codec.QoS;
import java.time.Duration;

/**
 * The limits and choices of a broker; {@link #defaults()} gives those of a broker with no
 * configuration.
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
 */
public record BrokerConfig(int maxInflight, int maxQueuedMessages, long maxQueuedBytes, boolean queueQos0,
                           QoS maxQos, int maxPacketSize, Duration connectTimeout, long sessionExpirySeconds,
                           boolean allowZeroLengthClientId, Duration sysInterval) {
    /** The session expiry that means the session never expires. */
    public static final long NEVER_EXPIRE = 0xFFFF_FFFFL;

    /** Checks the limits. */
    public BrokerConfig {
        requirePositive("maxInflight", maxInflight);
        if (maxInflight > 0xFFFF) {
            throw new IllegalArgumentException("maxInflight must be at most 65535, not " + maxInflight);
        }
        requirePositive("maxQueuedMessages", maxQueuedMessages);
        if (maxQueuedBytes < 0) {
            throw new IllegalArgumentException("maxQueuedBytes must not be negative, not " + maxQueuedBytes);
        }
        if (maxPacketSize < 2 || maxPacketSize > MqttPacketDecoder.MAX_PACKET_SIZE) {
            throw new IllegalArgumentException("maxPacketSize must be between 2 and "
                    + MqttPacketDecoder.MAX_PACKET_SIZE + ", not " + maxPacketSize);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive, not " + connectTimeout);
        }
        if (sysInterval.isNegative()) {
            throw new IllegalArgumentException("sysInterval must not be negative, not " + sysInterval);
        }
        if (sessionExpirySeconds < 0 || sessionExpirySeconds > NEVER_EXPIRE) {
            throw new IllegalArgumentException("sessionExpirySeconds must be between 0 and " + NEVER_EXPIRE
                    + ", not " + sessionExpirySeconds);
        }
    }

    /** The configuration of a broker started without one. */
    public static BrokerConfig defaults() {
        return new BrokerConfig(32, 1000, 0, false, QoS.EXACTLY_ONCE, MqttPacketDecoder.MAX_PACKET_SIZE,
                Duration.ofSeconds(10), NEVER_EXPIRE, true, Duration.ofSeconds(10));
    }

    private static void requirePositive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, not " + value);
        }
    }
}
