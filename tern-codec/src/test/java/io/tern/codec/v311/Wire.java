package io.tern.codec.v311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tern.codec.MqttCodecException;
import io.tern.codec.MqttPacketDecoder;
import io.tern.codec.MqttPacketDecoder.Role;
import io.tern.codec.MqttPacketEncoder;
import io.tern.codec.MqttVersion;
import io.tern.codec.PacketType;
import io.tern.codec.VariableByteInteger;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.Publish;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Named;

/**
 * Raw bytes for the MQTT 3.1 / 3.1.1 codec tests: building packets byte by byte, running the decoder on them
 * and the encoder into them.
 */
final class Wire {
    /** MQTT 3.1 and 3.1.1, which share every packet layout but CONNECT's protocol name and level. */
    static final List<MqttVersion> VERSIONS = List.of(MqttVersion.V3_1, MqttVersion.V3_1_1);

    private static final ByteBufAllocator ALLOC = new UnpooledByteBufAllocator(false);
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private Wire() {
    }

    // ---- bytes ----

    /** Bytes from hexadecimal pairs, spaces allowed anywhere: {@code "10 0c 00 04"}. */
    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    /** Lower-case hexadecimal pairs separated by spaces, for readable comparisons. */
    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** The given byte values. */
    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    /** A Two Byte Integer, big-endian. */
    static byte[] u16(int value) {
        return bytes(value >>> 8, value);
    }

    /** A UTF-8 Encoded String: the two-byte length, then the UTF-8 bytes of {@code text}. */
    static byte[] str(String text) {
        return str(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A string field holding exactly these bytes, well-formed UTF-8 or not: the two-byte length, then them. */
    static byte[] str(byte[] raw) {
        return cat(u16(raw.length), raw);
    }

    /** The parts one after the other. */
    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A packet: the first byte (type and flags), the remaining length in its shortest form, then the body. */
    static byte[] packet(int firstByte, byte[]... body) {
        byte[] content = cat(body);
        ByteBuf length = Unpooled.buffer(4);
        VariableByteInteger.write(length, content.length);
        return cat(bytes(firstByte), ByteBufUtil.getBytes(length), content);
    }

    /**
     * A CONNECT of {@code version} (its protocol name and level) with these connect flags, keep alive 60 and this
     * payload.
     */
    static byte[] connect(MqttVersion version, int flags, byte[]... payload) {
        return packet(0x10, str(version.protocolName()), bytes(version.level(), flags), u16(60), cat(payload));
    }

    /** A byte value shown in hexadecimal in test names: {@code 0x3e}. */
    static Named<Integer> hexByte(int value) {
        return Named.of(String.format("0x%02x", value), value);
    }

    /** A copy of {@code bytes} with another first byte (type and flags). */
    static byte[] withFirstByte(byte[] bytes, int firstByte) {
        byte[] copy = bytes.clone();
        copy[0] = (byte) firstByte;
        return copy;
    }

    // ---- decoding ----

    /** A decoder of what clients send, on a connection of {@code version} ({@code null}: before CONNECT). */
    static MqttPacketDecoder server(MqttVersion version) {
        return decoder(Role.SERVER, version);
    }

    /** A decoder of what servers send, on a connection of {@code version}. */
    static MqttPacketDecoder client(MqttVersion version) {
        return decoder(Role.CLIENT, version);
    }

    /**
     * The decoder that receives {@code type} on a connection of {@code version}: a server that has yet to see
     * CONNECT for CONNECT, a client for what only servers send, a server for the rest.
     */
    static MqttPacketDecoder receiverOf(PacketType type, MqttVersion version) {
        return switch (type) {
            case CONNECT -> server(null);
            case CONNACK, SUBACK, UNSUBACK, PINGRESP -> client(version);
            default -> server(version);
        };
    }

    private static MqttPacketDecoder decoder(Role role, MqttVersion version) {
        MqttPacketDecoder decoder = new MqttPacketDecoder(role, MqttPacketDecoder.MAX_PACKET_SIZE);
        decoder.version(version);
        return decoder;
    }

    /**
     * Decodes {@code bytes}, which must hold exactly one packet. A PUBLISH comes back with a copy of its payload on
     * the heap, the decoded one released (after checking that it held the only extra reference to the read buffer).
     */
    static MqttPacket decode(MqttPacketDecoder decoder, byte[] bytes) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        try {
            MqttPacket packet = decoder.decode(in);
            assertThat(packet).as("a packet from %s", hex(bytes)).isNotNull();
            assertThat(in.readableBytes()).as("bytes left over").isZero();
            if (packet instanceof Publish publish) {
                Publish copy = publish.replace(Unpooled.wrappedBuffer(ByteBufUtil.getBytes(publish.payload())));
                assertThat(publish.release()).as("the payload slice holds one reference").isFalse();
                return copy;
            }
            return packet;
        } finally {
            assertThat(in.refCnt()).as("read buffer references").isEqualTo(1);
            in.release();
        }
    }

    /** Decodes {@code bytes} and returns the violation the decoder reports. */
    static MqttCodecException reject(MqttPacketDecoder decoder, byte[] bytes) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        try {
            return assertThrows(MqttCodecException.class, () -> decoder.decode(in), () -> hex(bytes));
        } finally {
            assertThat(in.refCnt()).as("read buffer references").isEqualTo(1);
            in.release();
        }
    }

    /** Decodes a prefix of a packet: the decoder must wait, consuming nothing. */
    static void assertIncomplete(MqttPacketDecoder decoder, byte[] bytes) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        try {
            assertThat(decoder.decode(in)).as("a packet from the prefix %s", hex(bytes)).isNull();
            assertThat(in.readerIndex()).as("bytes consumed").isZero();
        } finally {
            in.release();
        }
    }

    // ---- encoding ----

    /** The bytes the encoder writes for {@code packet} on a connection of {@code version}. */
    static byte[] encode(MqttPacket packet, MqttVersion version) {
        ByteBuf out = MqttPacketEncoder.encode(ALLOC, packet, version);
        try {
            assertThat(out.readableBytes()).as("encoded size")
                    .isEqualTo(MqttPacketEncoder.encodedSize(packet, version));
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    /** A payload buffer holding the UTF-8 bytes of {@code text}. */
    static ByteBuf payload(String text) {
        return Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8));
    }
}
