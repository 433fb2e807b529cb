package io.tern.codec.v311;

import static io.tern.codec.v311.Wire.bytes;
import static io.tern.codec.v311.Wire.decode;
import static io.tern.codec.v311.Wire.encode;
import static io.tern.codec.v311.Wire.hex;
import static io.tern.codec.v311.Wire.reject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.tern.codec.MqttCodecException;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.PacketType;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Connack;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CONNACK of MQTT 3.1 and 3.1.1 (section 3.2): four bytes, the acknowledge flags (Session Present in bit 0) and a
 * return code, which the codec represents as the reason code of the same meaning.
 */
@DisplayName("MQTT 3.1/3.1.1 CONNACK")
class ConnackTest {

    private static MqttCodecException rejectConnack(MqttVersion version, int flags, int returnCode) {
        MqttCodecException e = reject(Wire.client(version), bytes(0x20, 0x02, flags, returnCode));
        assertThat(e.packetType()).isEqualTo(PacketType.CONNACK);
        assertThat(e.version()).isEqualTo(version);
        return e;
    }

    static Stream<Arguments> returnCodes() {
        return Wire.VERSIONS.stream().flatMap(version -> Stream.of(
                Arguments.of(version, Wire.hexByte(0x00), ReasonCode.SUCCESS, ""),
                Arguments.of(version, Wire.hexByte(0x01), ReasonCode.UNSUPPORTED_PROTOCOL_VERSION,
                        " [MQTT-3.1.2-2]"),
                Arguments.of(version, Wire.hexByte(0x02), ReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                        " [MQTT-3.1.3-9]"),
                Arguments.of(version, Wire.hexByte(0x03), ReasonCode.SERVER_UNAVAILABLE, ""),
                Arguments.of(version, Wire.hexByte(0x04), ReasonCode.BAD_USER_NAME_OR_PASSWORD, ""),
                Arguments.of(version, Wire.hexByte(0x05), ReasonCode.NOT_AUTHORIZED, "")));
    }

    @ParameterizedTest(name = "{0} return code {1} is {2}{3}")
    @MethodSource("returnCodes")
    @DisplayName("return codes 0x00 to 0x05 are written and read as 20 02 00 rc: 0x01 unacceptable protocol "
            + "version [MQTT-3.1.2-2], 0x02 identifier rejected [MQTT-3.1.3-9]")
    void returnCodesBothWays(MqttVersion version, int returnCode, ReasonCode reasonCode, String ids) {
        Connack connack = new Connack(false, reasonCode, MqttProperties.EMPTY);
        byte[] bytes = bytes(0x20, 0x02, 0x00, returnCode);

        assertThat(hex(encode(connack, version))).isEqualTo(hex(bytes));
        assertThat(decode(Wire.client(version), bytes)).isEqualTo(connack);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.tern.codec.v311.Wire#VERSIONS")
    @DisplayName("Session Present is bit 0 of the acknowledge flags: 20 02 01 00")
    void sessionPresentBothWays(MqttVersion version) {
        Connack connack = new Connack(true, ReasonCode.SUCCESS, MqttProperties.EMPTY);
        byte[] bytes = bytes(0x20, 0x02, 0x01, 0x00);

        assertThat(hex(encode(connack, version))).isEqualTo(hex(bytes));
        assertThat(decode(Wire.client(version), bytes)).isEqualTo(connack);
    }

    static Stream<Arguments> refusals() {
        return Wire.VERSIONS.stream().flatMap(version -> IntStream.rangeClosed(1, 5)
                .mapToObj(code -> Arguments.of(version, code)));
    }

    @ParameterizedTest(name = "{0} return code {1}")
    @MethodSource("refusals")
    @DisplayName("[MQTT-3.2.2-4] Session Present with a non-zero return code is malformed")
    void sessionPresentOnARefusalIsMalformed(MqttVersion version, int returnCode) {
        assertThat(rejectConnack(version, 0x01, returnCode).reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    @DisplayName("[MQTT-3.2.2-4] a refusing CONNACK with Session Present cannot be built, so never encoded")
    void sessionPresentOnARefusalCannotBeEncoded() {
        for (ReasonCode code : new ReasonCode[] {ReasonCode.UNSUPPORTED_PROTOCOL_VERSION,
            ReasonCode.CLIENT_IDENTIFIER_NOT_VALID, ReasonCode.SERVER_UNAVAILABLE,
            ReasonCode.BAD_USER_NAME_OR_PASSWORD, ReasonCode.NOT_AUTHORIZED}) {
            assertThatIllegalArgumentException().isThrownBy(() -> new Connack(true, code, MqttProperties.EMPTY));
        }
    }

    static Stream<Arguments> reservedAcknowledgeFlags() {
        return Wire.VERSIONS.stream().flatMap(version -> IntStream.of(0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0x03,
                0xFE, 0xFF).mapToObj(flags -> Arguments.of(version, Wire.hexByte(flags))));
    }

    @ParameterizedTest(name = "{0} acknowledge flags {1}")
    @MethodSource("reservedAcknowledgeFlags")
    @DisplayName("the reserved bits 7-1 of the acknowledge flags set are malformed")
    void reservedAcknowledgeFlagsAreMalformed(MqttVersion version, int flags) {
        assertThat(rejectConnack(version, flags, 0).reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    static Stream<Arguments> reservedReturnCodes() {
        return Wire.VERSIONS.stream().flatMap(version -> IntStream.of(0x06, 0x07, 0x7F, 0x80, 0x84, 0x87, 0xFF)
                .mapToObj(code -> Arguments.of(version, Wire.hexByte(code))));
    }

    @ParameterizedTest(name = "{0} return code {1}")
    @MethodSource("reservedReturnCodes")
    @DisplayName("return codes 6 to 255 are reserved: malformed (MQTT 5 reason codes included)")
    void reservedReturnCodesAreMalformed(MqttVersion version, int returnCode) {
        assertThat(rejectConnack(version, 0x00, returnCode).reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    static Stream<Arguments> mqtt5Refusals() {
        return Wire.VERSIONS.stream().flatMap(version -> Stream.of(
                Arguments.of(version, ReasonCode.BANNED, Wire.hexByte(0x05)),
                Arguments.of(version, ReasonCode.BAD_AUTHENTICATION_METHOD, Wire.hexByte(0x04)),
                Arguments.of(version, ReasonCode.SERVER_BUSY, Wire.hexByte(0x03)),
                Arguments.of(version, ReasonCode.QUOTA_EXCEEDED, Wire.hexByte(0x03))));
    }

    @ParameterizedTest(name = "{0} {1} as {2}")
    @MethodSource("mqtt5Refusals")
    @DisplayName("a refusal that only MQTT 5 names is written as the nearest 3.1.1 return code")
    void mqtt5RefusalsTakeTheNearestReturnCode(MqttVersion version, ReasonCode code, int returnCode) {
        assertThat(hex(encode(new Connack(false, code, MqttProperties.EMPTY), version)))
                .isEqualTo(hex(bytes(0x20, 0x02, 0x00, returnCode)));
    }
}
