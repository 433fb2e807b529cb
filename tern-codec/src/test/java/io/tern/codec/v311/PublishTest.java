package io.tern.codec.v311;

import static io.tern.codec.v311.Wire.bytes;
import static io.tern.codec.v311.Wire.decode;
import static io.tern.codec.v311.Wire.encode;
import static io.tern.codec.v311.Wire.hex;
import static io.tern.codec.v311.Wire.hexByte;
import static io.tern.codec.v311.Wire.packet;
import static io.tern.codec.v311.Wire.reject;
import static io.tern.codec.v311.Wire.str;
import static io.tern.codec.v311.Wire.u16;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.netty.buffer.ByteBufUtil;
import io.tern.codec.MqttCodecException;
import io.tern.codec.MqttPacketDecoder;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.PacketType;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Publish;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PUBLISH of MQTT 3.1 and 3.1.1 (section 3.3): the DUP, QoS and RETAIN flags, the packet identifier that only QoS
 * 1 and 2 carry, and a payload of any bytes. Topic names: {@link TopicTest}; packet identifiers:
 * {@link PacketIdentifierTest}. PUBLISH goes both ways, so each case runs at a server and at a client.
 */
@DisplayName("MQTT 3.1/3.1.1 PUBLISH")
class PublishTest {
    private static final byte[] TOPIC = str("a/b");

    /** Each row at a server's and at a client's decoder of each version: version, decoder, then the row. */
    private static Stream<Arguments> atBothEnds(Object[]... rows) {
        return Arrays.stream(rows).flatMap(row -> Wire.VERSIONS.stream().flatMap(version -> Stream.of(
                Named.of("server", Wire.server(version)), Named.of("client", Wire.client(version))).map(decoder -> {
                    Object[] arguments = new Object[row.length + 2];
                    arguments[0] = version;
                    arguments[1] = decoder;
                    System.arraycopy(row, 0, arguments, 2, row.length);
                    return Arguments.of(arguments);
                })));
    }

    private static Object[] row(Object... values) {
        return values;
    }

    private static void assertMalformed(MqttVersion version, MqttPacketDecoder decoder, byte[] bytes) {
        MqttCodecException e = reject(decoder, bytes);

        assertThat(e.reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(e.packetType()).isEqualTo(PacketType.PUBLISH);
        assertThat(e.version()).isEqualTo(version);
    }

    static Stream<Arguments> validFlags() {
        return atBothEnds(
                row("0011 0000", QoS.AT_MOST_ONCE, false, false),
                row("0011 0001", QoS.AT_MOST_ONCE, false, true),
                row("0011 0010", QoS.AT_LEAST_ONCE, false, false),
                row("0011 0011", QoS.AT_LEAST_ONCE, false, true),
                row("0011 1010", QoS.AT_LEAST_ONCE, true, false),
                row("0011 1011", QoS.AT_LEAST_ONCE, true, true),
                row("0011 0100", QoS.EXACTLY_ONCE, false, false),
                row("0011 0101", QoS.EXACTLY_ONCE, false, true),
                row("0011 1100", QoS.EXACTLY_ONCE, true, false),
                row("0011 1101", QoS.EXACTLY_ONCE, true, true));
    }

    @ParameterizedTest(name = "{0} {1} {2}: {3}, DUP {4}, RETAIN {5}")
    @MethodSource("validFlags")
    @DisplayName("DUP (bit 3), QoS (bits 2-1) and RETAIN (bit 0) are written and read in the fixed header")
    void flagsBothWays(MqttVersion version, MqttPacketDecoder decoder, String first, QoS qos, boolean dup,
                       boolean retain) {
        int packetId = qos == QoS.AT_MOST_ONCE ? 0 : 0x1234;
        byte[] bytes = packet(Integer.parseInt(first.replace(" ", ""), 2), TOPIC,
                packetId == 0 ? new byte[0] : u16(packetId), bytes('h', 'i'));
        Publish publish = new Publish("a/b", qos, retain, dup, packetId, MqttProperties.EMPTY, Wire.payload("hi"));

        assertThat(hex(encode(publish, version))).isEqualTo(hex(bytes));
        assertThat(decode(decoder, bytes)).isEqualTo(publish);
    }

    static Stream<Arguments> qos3() {
        return atBothEnds(row(hexByte(0x36)), row(hexByte(0x37)), row(hexByte(0x3E)), row(hexByte(0x3F)));
    }

    @ParameterizedTest(name = "{0} {1} first byte {2}")
    @MethodSource("qos3")
    @DisplayName("[MQTT-3.3.1-4] QoS 3 (both QoS bits set) is malformed")
    void qos3IsMalformed(MqttVersion version, MqttPacketDecoder decoder, int first) {
        assertMalformed(version, decoder, packet(first, TOPIC, u16(1), bytes('h', 'i')));
    }

    static Stream<Arguments> dupAtQos0() {
        return atBothEnds(row(hexByte(0x38)), row(hexByte(0x39)));
    }

    @ParameterizedTest(name = "{0} {1} first byte {2}")
    @MethodSource("dupAtQos0")
    @DisplayName("[MQTT-3.3.1-2] DUP set on a QoS 0 PUBLISH is malformed")
    void dupAtQos0IsMalformed(MqttVersion version, MqttPacketDecoder decoder, int first) {
        assertMalformed(version, decoder, packet(first, TOPIC, bytes('h', 'i')));
    }

    @Test
    @DisplayName("[MQTT-3.3.1-2] a QoS 0 PUBLISH with DUP cannot be built, so never encoded")
    void dupAtQos0CannotBeEncoded() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Publish("a/b", QoS.AT_MOST_ONCE, false, true, 0,
                MqttProperties.EMPTY, Wire.payload("hi")));
    }

    static Stream<Arguments> payloads() {
        return atBothEnds(row(""), row("00"), row("ff fe 00 c0 80 ed a0 80"), row("68 69"));
    }

    @ParameterizedTest(name = "{0} {1} payload [{2}]")
    @MethodSource("payloads")
    @DisplayName("the payload is every byte after the variable header, kept as it is: empty, or not UTF-8")
    void payloadIsTheRestOfThePacket(MqttVersion version, MqttPacketDecoder decoder, String payload) {
        Publish publish = (Publish) decode(decoder, packet(0x32, TOPIC, u16(5), Wire.hex(payload)));

        assertThat(hex(ByteBufUtil.getBytes(publish.payload()))).isEqualTo(payload);
        assertThat(publish.packetId()).isEqualTo(5);
    }

    static Stream<Arguments> cutShort() {
        return atBothEnds(Stream.of(packet(0x32, TOPIC), packet(0x34, TOPIC, bytes(0)),
                packet(0x30, bytes(0, 3), bytes('a', '/')), packet(0x30, bytes(0)))
                .map(bytes -> row(Named.of(hex(bytes), bytes))).toArray(Object[][]::new));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cutShort")
    @DisplayName("a PUBLISH that ends inside its topic name or packet identifier is malformed")
    void variableHeaderCutShortIsMalformed(MqttVersion version, MqttPacketDecoder decoder, byte[] bytes) {
        assertMalformed(version, decoder, bytes);
    }
}
