package io.tern.broker.support;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.tern.codec.MqttPacketEncoder;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.QoS;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.Publish;
import io.tern.codec.packet.Will;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * MQTT 3.1.1 packets for raw-client tests: as packet objects for {@link RawClient#send}, or written
 * byte by byte for {@link RawClient#sendBytes} where a test must break a field.
 */
public final class Packets {
    private Packets() {
    }

    /** An MQTT 3.1.1 CONNECT without user name, password or will. */
    public static Connect connectPacket(String clientId, boolean cleanSession, int keepAlive) {
        return connectPacket(clientId, cleanSession, keepAlive, null);
    }

    /** An MQTT 3.1.1 CONNECT without user name or password; {@code will} may be null. */
    public static Connect connectPacket(String clientId, boolean cleanSession, int keepAlive, Will will) {
        return new Connect(MqttVersion.V3_1_1, clientId, cleanSession, keepAlive, null, null, will,
                MqttProperties.EMPTY);
    }

    /** A will with a UTF-8 message. */
    public static Will will(String topic, String message, QoS qos, boolean retain) {
        return new Will(topic, message.getBytes(StandardCharsets.UTF_8), qos, retain, MqttProperties.EMPTY);
    }

    /** A PUBLISH with a UTF-8 payload. */
    public static Publish publishPacket(String topic, QoS qos, boolean retain, boolean dup, int packetId,
                                        String payload) {
        return new Publish(topic, qos, retain, dup, packetId, MqttProperties.EMPTY,
                Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8));
    }

    /**
     * The bytes of a CONNECT written field by field, so that a test can break any of them: protocol
     * name, level, connect flags, keep alive, then the payload strings each with its two-byte length.
     */
    public static byte[] connectBytes(String protocolName, int level, int flags, int keepAlive, String... payload) {
        byte[][] fields = new byte[payload.length][];
        for (int i = 0; i < payload.length; i++) {
            fields[i] = payload[i].getBytes(StandardCharsets.UTF_8);
        }
        return connectBytes(protocolName, level, flags, keepAlive, fields);
    }

    /** A CONNECT as {@link #connectBytes(String, int, int, int, String...)}, payload fields given as bytes. */
    public static byte[] connectBytes(String protocolName, int level, int flags, int keepAlive, byte[]... payload) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, protocolName);
        body.write(level);
        body.write(flags);
        body.write(keepAlive >>> 8);
        body.write(keepAlive & 0xFF);
        for (byte[] field : payload) {
            body.write(field.length >>> 8);
            body.write(field.length & 0xFF);
            body.writeBytes(field);
        }
        return packet(0x10, body.toByteArray());
    }

    /** A packet: the first byte, the remaining length, the body. */
    public static byte[] packet(int firstByte, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        int length = body.length;
        do {
            int digit = length % 128;
            length /= 128;
            out.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The bytes of a packet encoded in {@code version}; the packet itself is left as it was (not released). */
    public static byte[] encode(MqttPacket packet, MqttVersion version) {
        ByteBuf encoded = MqttPacketEncoder.encode(ByteBufAllocator.DEFAULT, packet, version);
        try {
            byte[] bytes = new byte[encoded.readableBytes()];
            encoded.readBytes(bytes);
            return bytes;
        } finally {
            encoded.release();
        }
    }

    /** Several packets (or pieces of one) in one array, as a client that pipelines writes them at once. */
    public static byte[] concat(byte[]... packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] packet : packets) {
            out.writeBytes(packet);
        }
        return out.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >>> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }
}
