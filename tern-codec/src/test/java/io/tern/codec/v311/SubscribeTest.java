package io.tern.codec.v311;

import static io.tern.codec.v311.Wire.bytes;
import static io.tern.codec.v311.Wire.decode;
import static io.tern.codec.v311.Wire.encode;
import static io.tern.codec.v311.Wire.hex;
import static io.tern.codec.v311.Wire.packet;
import static io.tern.codec.v311.Wire.reject;
import static io.tern.codec.v311.Wire.str;
import static io.tern.codec.v311.Wire.u16;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.codec.MqttCodecException;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.PacketType;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.RetainHandling;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Subscription;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SUBSCRIBE and SUBACK of MQTT 3.1 and 3.1.1 (sections 3.8 and 3.9): topic filter and requested QoS pairs, and one
 * return code per pair. Fixed-header flags: {@link FixedHeaderTest}; filter syntax: {@link TopicTest}.
 */
@DisplayName("MQTT 3.1/3.1.1 SUBSCRIBE and SUBACK")
class SubscribeTest {

    private static MqttCodecException rejectSubscribe(MqttVersion version, byte[] bytes) {
        MqttCodecException e = reject(Wire.server(version), bytes);
        assertThat(e.packetType()).isEqualTo(PacketType.SUBSCRIBE);
        assertThat(e.version()).isEqualTo(version);
        return e;
    }

    private static MqttCodecException rejectSuback(MqttVersion version, byte[] bytes) {
        MqttCodecException e = reject(Wire.client(version), bytes);
        assertThat(e.packetType()).isEqualTo(PacketType.SUBACK);
        assertThat(e.version()).isEqualTo(version);
        return e;
    }

    // ---- SUBSCRIBE ----

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.tern.codec.v311.Wire#VERSIONS")
    @DisplayName("[MQTT-3.8.3-1] the payload is topic filters, UTF-8 strings, each followed by its requested QoS, "
            + "written and read in order")
    void severalFiltersBothWays(MqttVersion version) {
        byte[] bytes = packet(0x82, u16(10), str("a/b"), bytes(0), str("#"), bytes(1), str("+/€"), bytes(2));
        Subscribe subscribe = new Subscribe(10, List.of(new Subscription("a/b", QoS.AT_MOST_ONCE),
                new Subscription("#", QoS.AT_LEAST_ONCE), new Subscription("+/€", QoS.EXACTLY_ONCE)),
                MqttProperties.EMPTY);

        assertThat(hex(encode(subscribe, version))).isEqualTo(hex(bytes));
        assertThat(decode(Wire.server(version), bytes)).isEqualTo(subscribe);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.tern.codec.v311.Wire#VERSIONS")
    @DisplayName("[MQTT-3.8.3-3] a SUBSCRIBE without any topic filter is a protocol error")
    void noFilterIsAProtocolError(MqttVersion version) {
        assertThat(rejectSubscribe(version, packet(0x82, u16(7))).reasonCode())
                .isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    static Stream<Arguments> reservedQosBits() {
        return Wire.VERSIONS.stream().flatMap(version -> IntStream.of(0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0xFC, 0xFD,
                0x03, 0xFF).boxed().flatMap(options -> Stream.of(
                        Arguments.of(version, Wire.hexByte(options), "only pair"),
                        Arguments.of(version, Wire.hexByte(options), "second pair"))));
    }

    @ParameterizedTest(name = "{0} requested QoS byte {1} in the {2}")
    @MethodSource("reservedQosBits")
    @DisplayName("[MQTT-3.8.3-4] a requested QoS byte with any of its upper 6 reserved bits set, or QoS 3, is "
            + "malformed")
    void reservedBitsOfRequestedQosAreMalformed(MqttVersion version, int options, String where) {
        byte[] bytes = where.equals("only pair")
                ? packet(0x82, u16(7), str("a"), bytes(options))
                : packet(0x82, u16(7), str("a"), bytes(1), str("b"), bytes(options));

        assertThat(rejectSubscribe(version, bytes).reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.tern.codec.v311.Wire#VERSIONS")
    @DisplayName("[MQTT-3.8.3-4] the encoder writes the requested QoS alone: the MQTT 5 subscription options of "
            + "a subscription are left out, the reserved bits 0")
    void encoderLeavesTheReservedBitsZero(MqttVersion version) {
        Subscribe subscribe = new Subscribe(7, List.of(new Subscription("a", QoS.EXACTLY_ONCE, true, true,
                RetainHandling.DO_NOT_SEND)), MqttProperties.EMPTY);

        assertThat(hex(encode(subscribe, version))).isEqualTo(hex(packet(0x82, u16(7), str("a"), bytes(2))));
    }

    // ---- SUBACK ----

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.tern.codec.v311.Wire#VERSIONS")
    @DisplayName("[MQTT-3.9.3-2] the return codes 0x00, 0x01, 0x02 (maximum QoS granted) and 0x80 (failure) decode "
            + "in order")
    void returnCodesDecode(MqttVersion version) {
        Suback suback = (Suback) decode(Wire.client(version), packet(0x90, u16(7), bytes(0x02, 0x80, 0x00, 0x01)));

        assertThat(suback.packetId()).isEqualTo(7);
        assertThat(suback.reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_2, ReasonCode.UNSPECIFIED_ERROR,
                ReasonCode.GRANTED_QOS_0, ReasonCode.GRANTED_QOS_1);
    }

    static Stream<Arguments> reservedReturnCodes() {
        return Wire.VERSIONS.stream().flatMap(version -> IntStream.of(0x03, 0x04, 0x10, 0x7F, 0x81, 0x83, 0x87, 0x8F,
                0x91, 0x97, 0x9E, 0xA1, 0xA2, 0xFF).mapToObj(code -> Arguments.of(version, Wire.hexByte(code))));
    }

    @ParameterizedTest(name = "{0} return code {1}")
    @MethodSource("reservedReturnCodes")
    @DisplayName("[MQTT-3.9.3-2] any other SUBACK return code, MQTT 5 reason codes included, is malformed")
    void reservedReturnCodesAreMalformed(MqttVersion version, int code) {
        assertThat(rejectSuback(version, packet(0x90, u16(7), bytes(0x00, code))).reasonCode())
                .isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.tern.codec.v311.Wire#VERSIONS")
    @DisplayName("[MQTT-3.9.3-1][MQTT-3.9.3-2] the encoder writes one return code per subscription in order, every "
            + "failure as 0x80")
    void encoderWritesReturnCodesInOrder(MqttVersion version) {
        Suback suback = new Suback(9, List.of(ReasonCode.GRANTED_QOS_2, ReasonCode.NOT_AUTHORIZED,
                ReasonCode.GRANTED_QOS_0, ReasonCode.TOPIC_FILTER_INVALID, ReasonCode.UNSPECIFIED_ERROR,
                ReasonCode.QUOTA_EXCEEDED, ReasonCode.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED, ReasonCode.GRANTED_QOS_1),
                MqttProperties.EMPTY);

        assertThat(hex(encode(suback, version)))
                .isEqualTo(hex(packet(0x90, u16(9), bytes(0x02, 0x80, 0x00, 0x80, 0x80, 0x80, 0x80, 0x01))));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.tern.codec.v311.Wire#VERSIONS")
    @DisplayName("a SUBACK without any return code is a protocol error")
    void subackWithoutReturnCodeIsAProtocolError(MqttVersion version) {
        assertThat(rejectSuback(version, packet(0x90, u16(7))).reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }
}
