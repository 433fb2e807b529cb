package io.tern.codec.packet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.tern.codec.MqttProperties;
import io.tern.codec.PacketType;
import io.tern.codec.QoS;
import java.util.Objects;

/**
 * PUBLISH: an application message. The payload is a reference-counted buffer (a slice of the read
 * buffer when decoded), so a PUBLISH must be released once, like any {@link ByteBufHolder}.
 *
 * @param topic      the topic name; empty only when a MQTT 5 topic alias stands for it
 * @param qos        the quality of service
 * @param retained   the RETAIN flag: whether the message is (to be) retained
 * @param dup        the DUP flag; only for QoS 1 and 2
 * @param packetId   the packet identifier, 1 to 65,535 for QoS 1 and 2, 0 for QoS 0
 * @param properties the PUBLISH properties (MQTT 5), or {@link MqttProperties#EMPTY}
 * @param payload    the application message
 */
public record Publish(String topic, QoS qos, boolean retained, boolean dup, int packetId, MqttProperties properties,
                      ByteBuf payload) implements MqttPacket, ByteBufHolder {
    /** Checks the components. */
    public Publish {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(qos, "qos");
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(payload, "payload");
        if (qos == QoS.AT_MOST_ONCE) {
            if (packetId != 0 || dup) {
                throw new IllegalArgumentException("a QoS 0 PUBLISH has neither packet identifier nor DUP");
            }
        } else {
            PacketIds.requireValid(packetId);
        }
    }

    @Override
    public PacketType type() {
        return PacketType.PUBLISH;
    }

    /** This PUBLISH with another payload, as {@link ByteBufHolder#replace} requires. */
    @Override
    public Publish replace(ByteBuf content) {
        return new Publish(topic, qos, retained, dup, packetId, properties, content);
    }

    @Override
    public ByteBuf content() {
        return payload;
    }

    @Override
    public Publish copy() {
        return replace(payload.copy());
    }

    @Override
    public Publish duplicate() {
        return replace(payload.duplicate());
    }

    @Override
    public Publish retainedDuplicate() {
        return replace(payload.retainedDuplicate());
    }

    @Override
    public int refCnt() {
        return payload.refCnt();
    }

    @Override
    public Publish retain() {
        payload.retain();
        return this;
    }

    @Override
    public Publish retain(int increment) {
        payload.retain(increment);
        return this;
    }

    @Override
    public Publish touch() {
        payload.touch();
        return this;
    }

    @Override
    public Publish touch(Object hint) {
        payload.touch(hint);
        return this;
    }

    @Override
    public boolean release() {
        return payload.release();
    }

    @Override
    public boolean release(int decrement) {
        return payload.release(decrement);
    }
}
