package io.tern.cli.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tern.codec.MqttPacketEncoder;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.QoS;
import io.tern.codec.packet.Publish;

/**
 * One publisher's PUBLISH packet up to its payload, encoded once by the codec: each message is then
 * one pooled buffer holding a copy of these bytes, its packet identifier and its {@link Payload}, so
 * that a message costs no allocation but its buffer (no {@link Publish} record, no promise).
 */
final class PublishTemplate {
    private final byte[] header;
    private final int packetIdOffset;
    private final int payloadSize;

    PublishTemplate(String topic, QoS qos, int payloadSize, MqttVersion version) {
        this.payloadSize = payloadSize;
        boolean acknowledged = qos != QoS.AT_MOST_ONCE;
        Publish publish = new Publish(topic, qos, false, false, acknowledged ? 1 : 0, MqttProperties.EMPTY,
                Unpooled.wrappedBuffer(new byte[payloadSize]));
        ByteBuf encoded = MqttPacketEncoder.encodeWithoutPayload(ByteBufAllocator.DEFAULT, publish, version);
        try {
            header = ByteBufUtil.getBytes(encoded);
        } finally {
            encoded.release();
            publish.release();
        }
        // The packet identifier closes the variable header, before the MQTT 5 property length (0: one byte).
        packetIdOffset = acknowledged ? header.length - 2 - (version.isV5() ? 1 : 0) : -1;
        if (acknowledged && (header[packetIdOffset] != 0 || header[packetIdOffset + 1] != 1)) {
            throw new IllegalStateException("unexpected PUBLISH header layout for " + version);
        }
    }

    /** A PUBLISH packet, ready to write: {@code packetId} is ignored for QoS 0. */
    ByteBuf message(ByteBufAllocator allocator, int packetId, int publisher, long sequence, long sentNanos) {
        ByteBuf out = allocator.ioBuffer(header.length + payloadSize);
        out.writeBytes(header);
        if (packetIdOffset >= 0) {
            out.setShort(packetIdOffset, packetId);
        }
        Payload.write(out, payloadSize, publisher, sequence, sentNanos);
        return out;
    }
}
