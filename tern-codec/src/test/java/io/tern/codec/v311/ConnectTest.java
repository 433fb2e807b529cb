package io.tern.codec.v311;

import static io.tern.codec.v311.Wire.bytes;
import static io.tern.codec.v311.Wire.connect;
import static io.tern.codec.v311.Wire.decode;
import static io.tern.codec.v311.Wire.encode;
import static io.tern.codec.v311.Wire.hex;
import static io.tern.codec.v311.Wire.packet;
import static io.tern.codec.v311.Wire.reject;
import static io.tern.codec.v311.Wire.str;
import static io.tern.codec.v311.Wire.u16;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.tern.codec.MqttCodecException;
import io.tern.codec.MqttPacketDecoder;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.PacketType;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.Will;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CONNECT of MQTT 3.1 (protocol name {@code MQIsdp}, level 3) and MQTT 3.1.1 ({@code MQTT}, level 4): protocol
 * name and level, connect flags, and payload fields (sections 3.1.2 and 3.1.3).
 */
@DisplayName("MQTT 3.1/3.1.1 CONNECT")
class ConnectTest {
    private static final byte[] CLIENT_ID = str("c");
    private static final byte[] WILL_TOPIC = str("w/t");
    private static final byte[] WILL_MESSAGE = str(bytes(0xFF, 0x00, 0xFE)); // binary, not UTF-8
    private static final byte[] USER_NAME = str("user");
    private static final byte[] PASSWORD = str(bytes(0x00, 0xFF)); // binary, not UTF-8

    /**
     * A CONNECT with every field: flags user name, password, will retain, will QoS 1, will, clean session
     * (1110 1110), keep alive 65,535.
     */
    private static byte[] fullConnect(MqttVersion version) {
        return packet(0x10, str(version.protocolName()), bytes(version.level(), 0xEE), u16(0xFFFF),
                CLIENT_ID, WILL_TOPIC, WILL_MESSAGE, USER_NAME, PASSWORD);
    }

    private static Connect fullConnectRecord(MqttVersion version) {
        return new Connect(version, "c", true, 0xFFFF, "user", bytes(0x00, 0xFF),
                new Will("w/t", bytes(0xFF, 0x00, 0xFE), QoS.AT_LEAST_ONCE, true, MqttProperties.EMPTY),
                MqttProperties.EMPTY);
    }

    private static MqttCodecException rejectConnect(byte[] bytes) {
        MqttPacketDecoder decoder = Wire.server(null);
        MqttCodecException e = reject(decoder, bytes);
        assertThat(e.packetType()).isEqualTo(PacketType.CONNECT);
        return e;
    }

    private static void assertMalformed(MqttVersion version, byte[] bytes) {
        MqttCodecException e = rejectConnect(bytes);

        assertThat(e.reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(e.version()).isEqualTo(version);
    }

    // ---- the layout ----

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.tern.codec.v311.Wire#VERSIONS")
    @DisplayName("[MQTT-3.1.3-1][MQTT-3.1.3-3][MQTT-3.1.2-9][MQTT-3.1.2-19][MQTT-3.1.2-21] the decoder reads the "
            + "payload in order: client identifier first, then will topic, will message, user name, password")
    void decoderReadsEveryFieldInOrder(MqttVersion version) {
        MqttPacketDecoder decoder = Wire.server(null);

        assertThat(decode(decoder, fullConnect(version))).isEqualTo(fullConnectRecord(version));
        assertThat(decoder.version()).isEqualTo(version);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.tern.codec.v311.Wire#VERSIONS")
    @DisplayName("[MQTT-3.1.3-1][MQTT-3.1.3-3][MQTT-3.1.2-9][MQTT-3.1.2-19][MQTT-3.1.2-21] the encoder writes the "
            + "protocol name and level of the version (MQIsdp 3, MQTT 4), the flags, and the payload in order")
    void encoderWritesEveryFieldInOrder(MqttVersion version) {
        assertThat(hex(encode(fullConnectRecord(version), version))).isEqualTo(hex(fullConnect(version)));
    }

    static Stream<Arguments> flagsOfFields() {
        Will willQos0 = new Will("w/t", bytes(0xFF, 0x00, 0xFE), QoS.AT_MOST_ONCE, false, MqttProperties.EMPTY);
        Will willQos2Retained = new Will("w/t", bytes(0xFF, 0x00, 0xFE), QoS.EXACTLY_ONCE, true,
                MqttProperties.EMPTY);
        Stream<Arguments> rows = Stream.of(
                row("client identifier only, clean session", 0x02,
                        v -> new Connect(v, "c", true, 60, null, null, null, MqttProperties.EMPTY),
                        CLIENT_ID),
                row("client identifier only, no clean session", 0x00,
                        v -> new Connect(v, "c", false, 60, null, null, null, MqttProperties.EMPTY),
                        CLIENT_ID),
                row("will QoS 0", 0x06,
                        v -> new Connect(v, "c", true, 60, null, null, willQos0, MqttProperties.EMPTY),
                        CLIENT_ID, WILL_TOPIC, WILL_MESSAGE),
                row("will QoS 2 retained", 0x36,
                        v -> new Connect(v, "c", true, 60, null, null, willQos2Retained, MqttProperties.EMPTY),
                        CLIENT_ID, WILL_TOPIC, WILL_MESSAGE),
                row("user name", 0x82,
                        v -> new Connect(v, "c", true, 60, "user", null, null, MqttProperties.EMPTY),
                        CLIENT_ID, USER_NAME),
                row("user name and password", 0xC2,
                        v -> new Connect(v, "c", true, 60, "user", bytes(0x00, 0xFF), null, MqttProperties.EMPTY),
                        CLIENT_ID, USER_NAME, PASSWORD));
        return rows.flatMap(row -> Wire.VERSIONS.stream().map(version -> Arguments.of(version, row.get()[0],
                Wire.hexByte((Integer) row.get()[1]), row.get()[2])));
    }

    private static Arguments row(String label, int flags, Function<MqttVersion, Connect> connect, byte[]... payload) {
        return Arguments.of(Named.of(label, connect), flags, payload);
    }

    @ParameterizedTest(name = "{0} {1}: flags {2}")
    @MethodSource("flagsOfFields")
    @DisplayName("[MQTT-3.1.2-11][MQTT-3.1.2-13][MQTT-3.1.2-15][MQTT-3.1.2-18][MQTT-3.1.2-20] the encoder sets the "
            + "flag of each field it writes and only those: no will, no will QoS or will retain; no user name or "
            + "password, no field")
    void encoderFlagsMatchTheFields(MqttVersion version, Function<MqttVersion, Connect> connect, int flags,
                                    byte[][] payload) {
        Connect packet = connect.apply(version);

        assertThat(hex(encode(packet, version))).isEqualTo(hex(connect(version, flags, payload)));
        assertThat(decode(Wire.server(null), connect(version, flags, payload))).isEqualTo(packet);
    }

    // ---- protocol name and level ----

    static Stream<Arguments> unsupportedLevels() {
        return Stream.of(0, 1, 2, 6, 7, 0x7F, 0xFF).map(Wire::hexByte).flatMap(level -> Stream.of(
                Arguments.of("MQTT", level), Arguments.of("MQIsdp", level)));
    }

    @ParameterizedTest(name = "\"{0}\" level {1}")
    @MethodSource("unsupportedLevels")
    @DisplayName("[MQTT-3.1.2-2] an unsupported protocol level is UNSUPPORTED_PROTOCOL_VERSION (CONNACK 0x01 in "
            + "3.1.1), the version of the connection still unknown")
    void unsupportedProtocolLevel(String name, int level) {
        assertUnsupportedProtocol(name, level);
    }

    static Stream<Arguments> wrongProtocolNames() {
        return Stream.of(Arguments.of("MQTT", 3), Arguments.of("MQIsdp", 4), Arguments.of("mqtt", 4),
                Arguments.of("MQTT ", 4), Arguments.of("", 4), Arguments.of("MQTS", 4), Arguments.of("mqisdp", 3),
                Arguments.of("MQIsdpX", 3), Arguments.of("MQ", 3));
    }

    @ParameterizedTest(name = "\"{0}\" level {1}")
    @MethodSource("wrongProtocolNames")
    @DisplayName("[MQTT-3.1.2-1] a protocol name other than MQTT at level 4 (or MQIsdp at level 3) is not processed "
            + "as MQTT 3.1.1: UNSUPPORTED_PROTOCOL_VERSION, the version of the connection still unknown")
    void wrongProtocolName(String name, int level) {
        assertUnsupportedProtocol(name, level);
    }

    /** A CONNECT with this protocol name and level is refused, and the version stays unknown. */
    private static void assertUnsupportedProtocol(String name, int level) {
        MqttPacketDecoder decoder = Wire.server(null);

        MqttCodecException e = reject(decoder, packet(0x10, str(name), bytes(level, 0x02), u16(60), CLIENT_ID));

        assertThat(e.reasonCode()).isEqualTo(ReasonCode.UNSUPPORTED_PROTOCOL_VERSION);
        assertThat(e.packetType()).isEqualTo(PacketType.CONNECT);
        assertThat(e.version()).isNull();
        assertThat(decoder.version()).isNull();
    }

    // ---- connect flags ----

    static Stream<Arguments> reservedFlag() {
        return Wire.VERSIONS.stream().flatMap(version -> Stream.of(
                Arguments.of(version, Named.of("0000 0001", connect(version, 0x01, CLIENT_ID))),
                Arguments.of(version, Named.of("0000 0011", connect(version, 0x03, CLIENT_ID))),
                Arguments.of(version, Named.of("1110 1111", packet(0x10, str(version.protocolName()),
                        bytes(version.level(), 0xEF), u16(60), CLIENT_ID, WILL_TOPIC, WILL_MESSAGE, USER_NAME,
                        PASSWORD)))));
    }

    @ParameterizedTest(name = "{0} flags {1}")
    @MethodSource("reservedFlag")
    @DisplayName("[MQTT-3.1.2-3] the reserved connect flag (bit 0) set is malformed")
    void reservedConnectFlag(MqttVersion version, byte[] bytes) {
        assertMalformed(version, bytes);
    }

    static Stream<Arguments> willBitsWithoutWill() {
        return Wire.VERSIONS.stream().flatMap(version -> Stream.of(
                Arguments.of(version, "0000 1010", "[MQTT-3.1.2-13]"),
                Arguments.of(version, "0001 0010", "[MQTT-3.1.2-13]"),
                Arguments.of(version, "0001 1010", "[MQTT-3.1.2-13]"),
                Arguments.of(version, "0010 0010", "[MQTT-3.1.2-15]"),
                Arguments.of(version, "0011 1010", "[MQTT-3.1.2-13][MQTT-3.1.2-15]")));
    }

    @ParameterizedTest(name = "{0} flags {1} {2}")
    @MethodSource("willBitsWithoutWill")
    @DisplayName("[MQTT-3.1.2-11] without the will flag, a will QoS [MQTT-3.1.2-13] or will retain "
            + "[MQTT-3.1.2-15] bit set is malformed")
    void willBitsWithoutWillFlag(MqttVersion version, String flags, String ids) {
        assertMalformed(version, connect(version, Integer.parseInt(flags.replace(" ", ""), 2), CLIENT_ID));
    }

    static Stream<Arguments> willQos3() {
        return Wire.VERSIONS.stream().flatMap(version -> Stream.of("0001 1110", "0011 1110")
                .map(flags -> Arguments.of(version, flags)));
    }

    @ParameterizedTest(name = "{0} flags {1}")
    @MethodSource("willQos3")
    @DisplayName("[MQTT-3.1.2-14] will QoS 3 is malformed")
    void willQos3IsMalformed(MqttVersion version, String flags) {
        assertMalformed(version, connect(version, Integer.parseInt(flags.replace(" ", ""), 2), CLIENT_ID,
                WILL_TOPIC, WILL_MESSAGE));
    }

    static Stream<Arguments> willQos() {
        return Wire.VERSIONS.stream().flatMap(version -> Stream.of(
                Arguments.of(version, Wire.hexByte(0x06), QoS.AT_MOST_ONCE, false),
                Arguments.of(version, Wire.hexByte(0x0E), QoS.AT_LEAST_ONCE, false),
                Arguments.of(version, Wire.hexByte(0x16), QoS.EXACTLY_ONCE, false),
                Arguments.of(version, Wire.hexByte(0x26), QoS.AT_MOST_ONCE, true),
                Arguments.of(version, Wire.hexByte(0x2E), QoS.AT_LEAST_ONCE, true),
                Arguments.of(version, Wire.hexByte(0x36), QoS.EXACTLY_ONCE, true)));
    }

    @ParameterizedTest(name = "{0} flags {1}: {2}, retain {3}")
    @MethodSource("willQos")
    @DisplayName("with the will flag, will QoS 0, 1 or 2 and will retain are read from the flags")
    void willQosAndRetainAreRead(MqttVersion version, int flags, QoS qos, boolean retain) {
        Connect connect = (Connect) decode(Wire.server(null), connect(version, flags, CLIENT_ID, WILL_TOPIC,
                WILL_MESSAGE));

        assertThat(connect.will().qos()).isEqualTo(qos);
        assertThat(connect.will().retain()).isEqualTo(retain);
        assertThat(connect.will().topic()).isEqualTo("w/t");
        assertThat(connect.will().payload()).isEqualTo(bytes(0xFF, 0x00, 0xFE));
    }

    // ---- payload ----

    static Stream<Arguments> fieldsDisagreeingWithFlags() {
        return Wire.VERSIONS.stream().flatMap(version -> Stream.of(
                Arguments.of(version, "[MQTT-3.1.2-9] will flag, no will topic", connect(version, 0x06, CLIENT_ID)),
                Arguments.of(version, "[MQTT-3.1.2-9] will flag, no will message",
                        connect(version, 0x06, CLIENT_ID, WILL_TOPIC)),
                Arguments.of(version, "[MQTT-3.1.2-11] no will flag, will topic and message",
                        connect(version, 0x02, CLIENT_ID, WILL_TOPIC, WILL_MESSAGE)),
                Arguments.of(version, "[MQTT-3.1.2-18] no user name flag, a user name",
                        connect(version, 0x02, CLIENT_ID, USER_NAME)),
                Arguments.of(version, "[MQTT-3.1.2-19] user name flag, no user name",
                        connect(version, 0x82, CLIENT_ID)),
                Arguments.of(version, "[MQTT-3.1.2-20] no password flag, a password",
                        connect(version, 0x82, CLIENT_ID, USER_NAME, PASSWORD)),
                Arguments.of(version, "[MQTT-3.1.2-21] password flag, no password",
                        connect(version, 0xC2, CLIENT_ID, USER_NAME))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("fieldsDisagreeingWithFlags")
    @DisplayName("[MQTT-3.1.2-9][MQTT-3.1.2-11][MQTT-3.1.2-18][MQTT-3.1.2-19][MQTT-3.1.2-20][MQTT-3.1.2-21] a "
            + "payload whose fields disagree with the connect flags is malformed")
    void fieldsDisagreeingWithFlagsAreMalformed(MqttVersion version, String label, byte[] bytes) {
        assertMalformed(version, bytes);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.tern.codec.v311.Wire#VERSIONS")
    @DisplayName("[MQTT-3.1.2-22] a password without a user name is malformed")
    void passwordWithoutUserNameIsMalformed(MqttVersion version) {
        assertMalformed(version, connect(version, 0x42, CLIENT_ID, PASSWORD));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.tern.codec.v311.Wire#VERSIONS")
    @DisplayName("[MQTT-3.1.2-22] the encoder refuses a password without a user name")
    void encoderRefusesPasswordWithoutUserName(MqttVersion version) {
        Connect connect = new Connect(version, "c", true, 60, null, bytes(1, 2), null, MqttProperties.EMPTY);

        assertThatIllegalArgumentException().isThrownBy(() -> encode(connect, version));
    }

    static Stream<Arguments> missingClientId() {
        return Wire.VERSIONS.stream().flatMap(version -> Stream.of(
                Arguments.of(version, Named.of("no payload", new byte[0])),
                Arguments.of(version, Named.of("half a length", bytes(0))),
                Arguments.of(version, Named.of("length 1, no byte", bytes(0, 1)))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("missingClientId")
    @DisplayName("[MQTT-3.1.3-3] a CONNECT without a client identifier is malformed")
    void missingClientIdIsMalformed(MqttVersion version, byte[] payload) {
        assertMalformed(version, connect(version, 0x02, payload));
    }

    static Stream<Arguments> zeroLengthClientId() {
        return Wire.VERSIONS.stream().flatMap(version -> Stream.of(true, false)
                .map(clean -> Arguments.of(version, clean)));
    }

    @ParameterizedTest(name = "{0} clean session {1}")
    @MethodSource("zeroLengthClientId")
    @DisplayName("[MQTT-3.1.3-3] a zero-length client identifier is present and decodes (accepting it is the "
            + "server's decision)")
    void zeroLengthClientIdDecodes(MqttVersion version, boolean clean) {
        Connect connect = (Connect) decode(Wire.server(null), connect(version, clean ? 0x02 : 0x00, str("")));

        assertThat(connect.clientId()).isEmpty();
        assertThat(connect.cleanStart()).isEqualTo(clean);
        assertThat(connect.version()).isEqualTo(version);
    }
}
