package io.tern.codec.v5;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ReferenceCountUtil;
import io.tern.codec.MqttCodecException;
import io.tern.codec.MqttPacketDecoder;
import io.tern.codec.MqttPacketDecoder.Role;
import io.tern.codec.MqttPacketEncoder;
import io.tern.codec.MqttVersion;
import io.tern.codec.PacketType;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.Publish;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * Raw MQTT 5 bytes for the example tests of this package: building them field by field, decoding them with a
 * fresh {@link MqttPacketDecoder}, and encoding packets to compare with them.
 */
final class Wire {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    private Wire() {
    }

    // ---- building bytes ----

    /** The bytes of hex digits, pairs optionally separated by spaces: {@code hex("82 07 00 01")}. */
    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    /** Upper-case hex pairs separated by single spaces, the form the tests compare encodings in. */
    static String hexOf(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** One byte per value (each 0 to 255). */
    static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }

    /** The parts one after the other. */
    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A Two Byte Integer, big-endian. */
    static byte[] u16(int value) {
        return bytes(value >>> 8 & 0xFF, value & 0xFF);
    }

    /** A Four Byte Integer, big-endian. */
    static byte[] u32(long value) {
        return bytes((int) (value >>> 24 & 0xFF), (int) (value >>> 16 & 0xFF), (int) (value >>> 8 & 0xFF),
                (int) (value & 0xFF));
    }

    /** A Variable Byte Integer in its shortest form. */
    static byte[] vbi(int value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            int digit = value & 0x7F;
            value >>>= 7;
            out.write(value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
        return out.toByteArray();
    }

    /** A UTF-8 Encoded String: its two-byte length, then its UTF-8 bytes. */
    static byte[] str(String text) {
        return rawStr(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A string field holding exactly these bytes, well-formed UTF-8 or not, after their two-byte length. */
    static byte[] rawStr(byte[] content) {
        return cat(u16(content.length), content);
    }

    /** Binary Data: a two-byte length, then the bytes. */
    static byte[] bin(byte[] data) {
        return cat(u16(data.length), data);
    }

    /** Binary Data holding the ASCII bytes of {@code text}. */
    static byte[] bin(String text) {
        return bin(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** A property section: the Property Length, then the properties. */
    static byte[] props(byte[]... properties) {
        byte[] content = cat(properties);
        return cat(vbi(content.length), content);
    }

    /** One property: its identifier, then its value as already encoded. */
    static byte[] prop(int id, byte[] value) {
        return cat(vbi(id), value);
    }

    /** A User Property (0x26) of two UTF-8 strings. */
    static byte[] userProp(String name, String value) {
        return prop(0x26, cat(str(name), str(value)));
    }

    /** A whole packet: the first byte, the Remaining Length in its shortest form, then the body. */
    static byte[] packet(int firstByte, byte[]... body) {
        byte[] content = cat(body);
        return cat(bytes(firstByte), vbi(content.length), content);
    }

    /**
     * An MQTT 5 CONNECT: protocol name "MQTT", level 5, the connect flags, Keep Alive 60, the CONNECT properties,
     * then the payload fields as given.
     */
    static byte[] connect(int flags, byte[] properties, byte[]... payload) {
        return packet(0x10, str("MQTT"), bytes(5, flags), u16(60), properties, cat(payload));
    }

    // ---- decoding ----

    /**
     * A fresh decoder: for a CONNECT one that has not yet learnt the version (a server's first packet), for
     * any other packet one that knows the connection speaks MQTT 5.
     */
    static MqttPacketDecoder decoder(Role role, byte[] bytes) {
        MqttPacketDecoder decoder = new MqttPacketDecoder(role, MqttPacketDecoder.MAX_PACKET_SIZE);
        if (bytes.length == 0 || (bytes[0] & 0xF0) != 0x10) {
            decoder.version(MqttVersion.V5);
        }
        return decoder;
    }

    /** Decodes the bytes, which must be exactly one whole packet. A PUBLISH must be released by the caller. */
    static MqttPacket decode(Role role, byte[] bytes) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        try {
            MqttPacket packet = decoder(role, bytes).decode(in);
            assertThat(packet).as("a whole packet in %s", hexOf(bytes)).isNotNull();
            assertThat(in.readableBytes()).as("bytes left after the packet").isZero();
            return packet;
        } finally {
            in.release();
        }
    }

    /** Decodes the bytes as one packet of the given record type. A PUBLISH must be released by the caller. */
    static <T extends MqttPacket> T decode(Role role, byte[] bytes, Class<T> type) {
        MqttPacket packet = decode(role, bytes);
        if (!type.isInstance(packet)) {
            ReferenceCountUtil.release(packet);
        }
        assertThat(packet).isInstanceOf(type);
        return type.cast(packet);
    }

    /** Decodes the bytes as one PUBLISH, checks it, and releases it. */
    static void withPublish(Role role, byte[] bytes, Consumer<Publish> check) {
        Publish publish = decode(role, bytes, Publish.class);
        try {
            check.accept(publish);
        } finally {
            publish.release();
        }
    }

    /** The payload of a PUBLISH as a hex string, without consuming it. */
    static String payloadHex(Publish publish) {
        return hexOf(ByteBufUtil.getBytes(publish.payload()));
    }

    /** Decodes the bytes, which the decoder must refuse; the refusal. */
    static MqttCodecException rejection(Role role, byte[] bytes) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        try {
            MqttPacket packet = decoder(role, bytes).decode(in);
            ReferenceCountUtil.release(packet);
            throw new AssertionError("expected a refusal of " + hexOf(bytes) + ", got " + packet);
        } catch (MqttCodecException e) {
            return e;
        } finally {
            in.release();
        }
    }

    /**
     * Decodes the bytes, which the decoder must refuse with {@code reasonCode}, naming the packet type of the first
     * byte.
     */
    static MqttCodecException assertRejected(Role role, byte[] bytes, ReasonCode reasonCode) {
        MqttCodecException e = rejection(role, bytes);
        assertThat(e.reasonCode()).as("reason code for %s (%s)", hexOf(bytes), e.getMessage()).isEqualTo(reasonCode);
        assertThat(e.packetType()).as("packet type").isEqualTo(PacketType.of((bytes[0] & 0xFF) >>> 4));
        return e;
    }

    // ---- encoding ----

    /** The MQTT 5 encoding of the packet, checked against {@link MqttPacketEncoder#encodedSize}. */
    static byte[] encode(MqttPacket packet) {
        ByteBuf out = MqttPacketEncoder.encode(UnpooledByteBufAllocator.DEFAULT, packet, MqttVersion.V5);
        try {
            byte[] bytes = ByteBufUtil.getBytes(out);
            assertThat(MqttPacketEncoder.encodedSize(packet, MqttVersion.V5)).as("encodedSize").isEqualTo(bytes.length);
            return bytes;
        } finally {
            out.release();
        }
    }

    /** Asserts the exact MQTT 5 encoding of the packet. */
    static void assertEncodes(MqttPacket packet, byte[] expected) {
        assertThat(hexOf(encode(packet))).as("encoding of %s", packet).isEqualTo(hexOf(expected));
    }

    /** Asserts the exact MQTT 5 encoding of the packet, given in hex. */
    static void assertEncodes(MqttPacket packet, String expectedHex) {
        assertEncodes(packet, hex(expectedHex));
    }

    /** A PUBLISH payload buffer of these ASCII characters (the PUBLISH that holds it releases it). */
    static ByteBuf payload(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }
}
