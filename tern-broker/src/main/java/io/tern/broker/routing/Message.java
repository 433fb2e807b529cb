package io.tern.broker.routing;

import io.netty.buffer.ByteBuf;
import io.netty.util.AbstractReferenceCounted;
import io.netty.util.ReferenceCounted;
import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.packet.Publish;

/**
 * An application message as the broker routes it: what the publisher sent, once, shared by every
 * subscriber that receives it. The payload buffer is released when the last holder releases the
 * message.
 */
public final class Message extends AbstractReferenceCounted {
    private final String topic;
    private final QoS qos;
    private final boolean retained;
    private final ByteBuf payload;
    private final MqttProperties properties;
    private final String publisherId;
    /** When the MQTT 5 message expiry interval ends, in {@link System#currentTimeMillis()} time; 0 for never. */
    private final long expiresAtMillis;

    /**
     * A message that takes over one reference to {@code payload}.
     *
     * @param topic       the topic name
     * @param qos         the QoS it was published with
     * @param retained    whether it was published with RETAIN
     * @param payload     the payload; this message owns one reference
     * @param properties  the MQTT 5 properties to forward (without topic alias); a message expiry interval
     *                    in them counts from now
     * @param publisherId the client identifier of the publisher, for MQTT 5 no local
     */
    public Message(String topic, QoS qos, boolean retained, ByteBuf payload, MqttProperties properties,
                   String publisherId) {
        this.topic = topic;
        this.qos = qos;
        this.retained = retained;
        this.payload = payload;
        this.properties = properties;
        this.publisherId = publisherId;
        long expiry = properties.longValue(PropertyId.MESSAGE_EXPIRY_INTERVAL, -1);
        this.expiresAtMillis = expiry < 0 ? 0 : System.currentTimeMillis() + expiry * 1000;
    }

    /**
     * The message a PUBLISH carries, with a reference of its own to the payload (the PUBLISH keeps
     * its reference).
     *
     * @param publish     what the client sent
     * @param topic       the topic name (which a topic alias may have stood for)
     * @param publisherId the client identifier of the publisher
     */
    public static Message of(Publish publish, String topic, String publisherId) {
        return new Message(topic, publish.qos(), publish.retained(), publish.payload().retain(),
                publish.properties().without(PropertyId.TOPIC_ALIAS), publisherId);
    }

    /** The topic name. */
    public String topic() {
        return topic;
    }

    /** The QoS it was published with. */
    public QoS qos() {
        return qos;
    }

    /** Whether it was published with RETAIN. */
    public boolean retained() {
        return retained;
    }

    /** The payload; not retained for the caller. */
    public ByteBuf payload() {
        return payload;
    }

    /** The MQTT 5 properties forwarded with it. */
    public MqttProperties properties() {
        return properties;
    }

    /** The client identifier of the publisher. */
    public String publisherId() {
        return publisherId;
    }

    /**
     * When its MQTT 5 message expiry interval ends, in {@link System#currentTimeMillis()} time, or 0
     * if it never expires; a store keeps it so that a restored message does not start its interval again.
     */
    public long expiresAtMillis() {
        return expiresAtMillis;
    }

    /** Whether its MQTT 5 message expiry interval has passed [MQTT-3.3.2-5]. */
    public boolean isExpired() {
        return expiresAtMillis != 0 && System.currentTimeMillis() >= expiresAtMillis;
    }

    /** The size that counts against byte limits of queues. */
    public int size() {
        return payload.readableBytes() + topic.length();
    }

    /**
     * A PUBLISH of this message to one subscriber, holding its own reference to the payload. Its
     * message expiry interval, if any, is what remains of it [MQTT-3.3.2-6].
     *
     * @param qos                     the QoS of this delivery
     * @param retain                  the RETAIN flag of this delivery
     * @param dup                     the DUP flag
     * @param packetId                the packet identifier, 0 for QoS 0
     * @param subscriptionIdentifiers the identifiers of the subscriptions it is delivered for (MQTT 5)
     */
    public Publish toPublish(QoS qos, boolean retain, boolean dup, int packetId, int[] subscriptionIdentifiers) {
        MqttProperties forwarded = properties;
        if (expiresAtMillis != 0 || subscriptionIdentifiers.length > 0) {
            MqttProperties.Builder builder = properties.toBuilder();
            if (expiresAtMillis != 0) {
                long remainingMillis = Math.max(0, expiresAtMillis - System.currentTimeMillis());
                builder.set(PropertyId.MESSAGE_EXPIRY_INTERVAL, (remainingMillis + 999) / 1000);
            }
            for (int identifier : subscriptionIdentifiers) {
                builder.subscriptionIdentifier(identifier);
            }
            forwarded = builder.build();
        }
        return new Publish(topic, qos, retain, dup, packetId, forwarded, payload.retainedDuplicate());
    }

    @Override
    protected void deallocate() {
        payload.release();
    }

    @Override
    public ReferenceCounted touch(Object hint) {
        payload.touch(hint);
        return this;
    }

    @Override
    public String toString() {
        return "Message[topic=" + topic + ", qos=" + qos + ", retained=" + retained + ", "
                + payload.readableBytes() + " bytes]";
    }
}
