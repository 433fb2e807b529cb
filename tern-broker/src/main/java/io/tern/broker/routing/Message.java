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

    /**
     * A message that takes over one reference to {@code payload}.
     *
     * @param topic       the topic name
     * @param qos         the QoS it was published with
     * @param retained    whether it was published with RETAIN
     * @param payload     the payload; this message owns one reference
     * @param properties  the MQTT 5 properties to forward (without topic alias)
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

    /** The size that counts against byte limits of queues. */
    public int size() {
        return payload.readableBytes() + topic.length();
    }

    /**
     * A PUBLISH of this message to one subscriber, holding its own reference to the payload.
     *
     * @param qos      the QoS of this delivery
     * @param retain   the RETAIN flag of this delivery
     * @param dup      the DUP flag
     * @param packetId the packet identifier, 0 for QoS 0
     */
    public Publish toPublish(QoS qos, boolean retain, boolean dup, int packetId) {
        return new Publish(topic, qos, retain, dup, packetId, properties, payload.retainedDuplicate());
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
