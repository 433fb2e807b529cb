package io.tern.codec.v5;

import static io.tern.codec.v5.Wire.assertEncodes;
import static io.tern.codec.v5.Wire.assertRejected;
import static io.tern.codec.v5.Wire.bin;
import static io.tern.codec.v5.Wire.bytes;
import static io.tern.codec.v5.Wire.connect;
import static io.tern.codec.v5.Wire.decode;
import static io.tern.codec.v5.Wire.hex;
import static io.tern.codec.v5.Wire.packet;
import static io.tern.codec.v5.Wire.prop;
import static io.tern.codec.v5.Wire.props;
import static io.tern.codec.v5.Wire.str;
import static io.tern.codec.v5.Wire.u16;
import static io.tern.codec.v5.Wire.u32;
import static io.tern.codec.v5.Wire.userProp;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tern.codec.MqttCodecException;
import io.tern.codec.MqttPacketDecoder;
import io.tern.codec.MqttPacketDecoder.Role;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.UserProperty;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.Will;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** MQTT 5.0 section 3.1, CONNECT: variable header, connect flags, properties and payload format. */
@DisplayName("MQTT 5.0 CONNECT (3.1)")
class ConnectTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"C0 00", "30 04 00 01 61 00", "82 07 00 01 00 00 01 61 00", "E0 00", "F0 00",
            "40 02 00 01"})
    @DisplayName("[MQTT-3.1.0-1] a server's first packet must be CONNECT: any other is a Protocol Error (0x82)")
    void firstPacketMustBeConnect(String packet) {
        MqttPacketDecoder decoder = new MqttPacketDecoder(Role.SERVER, MqttPacketDecoder.MAX_PACKET_SIZE);
        ByteBuf in = Unpooled.wrappedBuffer(hex(packet));
        try {
            decoder.decode(in);
            throw new AssertionError("decoded " + packet + " before CONNECT");
        } catch (MqttCodecException e) {
            assertThat(e.reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
            assertThat(e.version()).isNull();
        } finally {
            in.release();
        }
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"MQIsdp", "mqtt", "MQTTX", "MQT", "", "MQTT ", "\u00b5QTT"})
    @DisplayName("[MQTT-3.1.2-1] a Protocol Name other than \"MQTT\" with level 5 is refused with Unsupported "
            + "Protocol Version (0x84)")
    void protocolNameOtherThanMqtt(String name) {
        assertRejected(Role.SERVER, packet(0x10, str(name), bytes(5, 0x02), u16(60), props(), str("c")),
                ReasonCode.UNSUPPORTED_PROTOCOL_VERSION);
    }

    @ParameterizedTest(name = "level {0}")
    @ValueSource(ints = {0, 1, 2, 6, 7, 0x7F, 0xFF})
    @DisplayName("[MQTT-3.1.2-2] a Protocol Version that is not served (not 5, nor 3 or 4) is refused with "
            + "Unsupported Protocol Version (0x84)")
    void unservedProtocolVersion(int level) {
        assertRejected(Role.SERVER, packet(0x10, str("MQTT"), bytes(level, 0x02), u16(60), props(), str("c")),
                ReasonCode.UNSUPPORTED_PROTOCOL_VERSION);
    }

    @Test
    @DisplayName("[MQTT-3.1.2-2] Protocol Version 5 sets the version the server's decoder reads the connection with")
    void protocolVersionFive() {
        MqttPacketDecoder decoder = new MqttPacketDecoder(Role.SERVER, MqttPacketDecoder.MAX_PACKET_SIZE);
        ByteBuf in = Unpooled.wrappedBuffer(connect(0x02, props(), str("c")));
        try {
            Connect connect = (Connect) decoder.decode(in);
            assertThat(connect.version()).isEqualTo(MqttVersion.V5);
            assertThat(decoder.version()).isEqualTo(MqttVersion.V5);
        } finally {
            in.release();
        }
    }

    @ParameterizedTest(name = "flags {0}")
    @ValueSource(ints = {0x01, 0x03, 0xC3, 0x07})
    @DisplayName("[MQTT-3.1.2-3] the reserved Connect Flag (bit 0) set is malformed (0x81)")
    void reservedConnectFlag(int flags) {
        assertRejected(Role.SERVER, connect(flags, props(), str("c"), props(), str("w"), bin("x"), str("u"),
                bin("p")), ReasonCode.MALFORMED_PACKET);
    }

    @ParameterizedTest(name = "flags {0}")
    @CsvSource({"0x08, Will QoS 1", "0x10, Will QoS 2", "0x18, Will QoS 3", "0x20, Will Retain",
            "0x28, Will QoS 1 and Will Retain", "0x3A, everything but the Will Flag"})
    @DisplayName("[MQTT-3.1.2-11] [MQTT-3.1.2-13] without the Will Flag, Will QoS and Will Retain are 0: otherwise "
            + "malformed (0x81)")
    void willQosAndRetainWithoutWill(String flags, String description) {
        assertRejected(Role.SERVER, connect(Integer.decode(flags), props(), str("c")), ReasonCode.MALFORMED_PACKET);
    }

    @ParameterizedTest(name = "flags {0}")
    @CsvSource({"0x04, AT_MOST_ONCE, false", "0x0C, AT_LEAST_ONCE, false", "0x14, EXACTLY_ONCE, false",
            "0x24, AT_MOST_ONCE, true", "0x2C, AT_LEAST_ONCE, true", "0x34, EXACTLY_ONCE, true"})
    @DisplayName("[MQTT-3.1.2-12] with the Will Flag, Will QoS 0, 1 and 2 are accepted, with or without Will Retain")
    void willQos(String flags, QoS qos, boolean retain) {
        Will will = decode(Role.SERVER, connect(Integer.decode(flags), props(), str("c"), props(), str("w"), bin("x")),
                Connect.class).will();
        assertThat(will.qos()).isEqualTo(qos);
        assertThat(will.retain()).isEqualTo(retain);
    }

    @ParameterizedTest(name = "flags {0}")
    @ValueSource(ints = {0x1C, 0x3C})
    @DisplayName("[MQTT-3.1.2-12] Will QoS 3 is malformed (0x81)")
    void willQos3(int flags) {
        assertRejected(Role.SERVER, connect(flags, props(), str("c"), props(), str("w"), bin("x")),
                ReasonCode.MALFORMED_PACKET);
    }

    @Test
    @DisplayName("[MQTT-3.1.2-9] with the Will Flag, Will Properties, Will Topic and Will Payload are read from the "
            + "payload")
    void willIsPresent() {
        Connect connect = decode(Role.SERVER, connect(0x06, props(), str("c"),
                props(prop(0x18, u32(30)), prop(0x01, bytes(1))), str("will/topic"), bin("bye")), Connect.class);
        Will will = connect.will();
        assertThat(will.topic()).isEqualTo("will/topic");
        assertThat(new String(will.payload(), StandardCharsets.US_ASCII)).isEqualTo("bye");
        assertThat(will.properties().longValue(PropertyId.WILL_DELAY_INTERVAL, 0)).isEqualTo(30);
        assertThat(will.properties().intValue(PropertyId.PAYLOAD_FORMAT_INDICATOR, 0)).isEqualTo(1);
        assertThat(decode(Role.SERVER, connect(0x02, props(), str("c")), Connect.class).will()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no Will Properties, Topic or Payload    | ",
            "Will Properties only                    | 00",
            "no Will Payload                         | 00 00 01 77",
            "Will Payload cut short                  | 00 00 01 77 00 05 61",
            "Will Properties without their content   | 05 18 00"})
    @DisplayName("[MQTT-3.1.2-9] with the Will Flag, a missing Will Properties, Will Topic or Will Payload is "
            + "malformed (0x81)")
    void willIsMissing(String description, String willFields) {
        byte[] tail = willFields == null ? new byte[0] : hex(willFields);
        assertRejected(Role.SERVER, connect(0x06, props(), str("c"), tail), ReasonCode.MALFORMED_PACKET);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "[MQTT-3.1.2-16] [MQTT-3.1.2-18] no flags, no fields | 0x02 |                          |      |",
            "[MQTT-3.1.2-17] [MQTT-3.1.2-18] user name only      | 0x82 | 00 01 75                 | u    |",
            "[MQTT-3.1.2-17] [MQTT-3.1.2-19] both                | 0xC2 | 00 01 75 00 02 70 77     | u    | pw",
            "[MQTT-3.1.2-16] [MQTT-3.1.2-19] password only       | 0x42 | 00 02 70 77              |      | pw",
            "[MQTT-3.1.2-17] empty user name and password        | 0xC2 | 00 00 00 00              | ''   | ''"})
    @DisplayName("[MQTT-3.1.2-16] [MQTT-3.1.2-17] [MQTT-3.1.2-18] [MQTT-3.1.2-19] User Name and Password are present "
            + "exactly when their flags are set; 5.0 allows a Password without a User Name")
    void userNameAndPasswordFollowTheirFlags(String description, String flags, String fields, String username,
                                             String password) {
        byte[] tail = fields == null ? new byte[0] : hex(fields);
        Connect connect = decode(Role.SERVER, connect(Integer.decode(flags), props(), str("c"), tail), Connect.class);
        assertThat(connect.username()).isEqualTo(username);
        assertThat(connect.password()).isEqualTo(password == null ? null
                : password.getBytes(StandardCharsets.US_ASCII));

        Connect built = new Connect(MqttVersion.V5, "c", true, 60, username,
                password == null ? null : password.getBytes(StandardCharsets.US_ASCII), null, MqttProperties.EMPTY);
        assertEncodes(built, connect(Integer.decode(flags), props(), str("c"), tail));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "[MQTT-3.1.2-17] User Name Flag without User Name      | 0x82 | ",
            "[MQTT-3.1.2-16] User Name without User Name Flag      | 0x02 | 00 01 75",
            "[MQTT-3.1.2-19] Password Flag without Password        | 0x42 | ",
            "[MQTT-3.1.2-19] User Name but no Password after both flags | 0xC2 | 00 01 75",
            "[MQTT-3.1.2-18] Password without Password Flag        | 0x82 | 00 01 75 00 01 70"})
    @DisplayName("[MQTT-3.1.2-16] [MQTT-3.1.2-17] [MQTT-3.1.2-18] [MQTT-3.1.2-19] a User Name or Password that does "
            + "not match its flag is malformed (0x81)")
    void userNameAndPasswordNotMatchingTheirFlags(String description, String flags, String fields) {
        byte[] tail = fields == null ? new byte[0] : hex(fields);
        assertRejected(Role.SERVER, connect(Integer.decode(flags), props(), str("c"), tail),
                ReasonCode.MALFORMED_PACKET);
    }

    @Test
    @DisplayName("[MQTT-3.1.3-1] the payload fields come in the order Client Identifier, Will Properties, Will Topic, "
            + "Will Payload, User Name, Password, both ways")
    void payloadOrder() {
        byte[] bytes = packet(0x10, str("MQTT"), bytes(5, 0xEE), u16(0xFFFF),
                props(prop(0x11, u32(120)), prop(0x21, u16(100)), userProp("k", "v")),
                str("client-1"),
                props(prop(0x02, u32(600)), prop(0x18, u32(10))),
                str("will/topic"),
                bin("bye"),
                str("user"),
                bin("pass"));

        Connect connect = decode(Role.SERVER, bytes, Connect.class);
        assertThat(connect.version()).isEqualTo(MqttVersion.V5);
        assertThat(connect.cleanStart()).isTrue();
        assertThat(connect.keepAlive()).isEqualTo(0xFFFF);
        assertThat(connect.properties().longValue(PropertyId.SESSION_EXPIRY_INTERVAL, 0)).isEqualTo(120);
        assertThat(connect.properties().intValue(PropertyId.RECEIVE_MAXIMUM, 0)).isEqualTo(100);
        assertThat(connect.properties().userProperties()).containsExactly(new UserProperty("k", "v"));
        assertThat(connect.clientId()).isEqualTo("client-1");
        assertThat(connect.will().properties().longValue(PropertyId.MESSAGE_EXPIRY_INTERVAL, 0)).isEqualTo(600);
        assertThat(connect.will().properties().longValue(PropertyId.WILL_DELAY_INTERVAL, 0)).isEqualTo(10);
        assertThat(connect.will().topic()).isEqualTo("will/topic");
        assertThat(connect.will().payload()).isEqualTo("bye".getBytes(StandardCharsets.US_ASCII));
        assertThat(connect.will().qos()).isEqualTo(QoS.AT_LEAST_ONCE);
        assertThat(connect.will().retain()).isTrue();
        assertThat(connect.username()).isEqualTo("user");
        assertThat(connect.password()).isEqualTo("pass".getBytes(StandardCharsets.US_ASCII));

        Connect built = new Connect(MqttVersion.V5, "client-1", true, 0xFFFF, "user",
                "pass".getBytes(StandardCharsets.US_ASCII),
                new Will("will/topic", "bye".getBytes(StandardCharsets.US_ASCII), QoS.AT_LEAST_ONCE, true,
                        MqttProperties.builder().set(PropertyId.WILL_DELAY_INTERVAL, 10)
                                .set(PropertyId.MESSAGE_EXPIRY_INTERVAL, 600).build()),
                MqttProperties.builder().userProperty("k", "v").set(PropertyId.RECEIVE_MAXIMUM, 100)
                        .set(PropertyId.SESSION_EXPIRY_INTERVAL, 120).build());
        assertEncodes(built, bytes);
        assertEncodes(connect, bytes);
    }

    @Test
    @DisplayName("[MQTT-3.1.3-3] the Client Identifier is the first payload field and may be zero-length")
    void zeroLengthClientIdentifier() {
        assertThat(decode(Role.SERVER, connect(0x02, props(), str("")), Connect.class).clientId()).isEmpty();
        assertEncodes(new Connect(MqttVersion.V5, "", true, 60, null, null, null, MqttProperties.EMPTY),
                connect(0x02, props(), str("")));
    }

    @Test
    @DisplayName("[MQTT-3.1.3-3] a CONNECT without a Client Identifier is malformed (0x81)")
    void missingClientIdentifier() {
        assertRejected(Role.SERVER, connect(0x02, props()), ReasonCode.MALFORMED_PACKET);
        assertRejected(Role.SERVER, connect(0x02, props(), bytes(0)), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    @DisplayName("[MQTT-3.1.3-10] the Will's User Properties keep the order they were received in, through decoding "
            + "and encoding")
    void willUserPropertiesKeepTheirOrder() {
        byte[] bytes = connect(0x06, props(), str("c"),
                props(userProp("z", "1"), prop(0x03, str("text")), userProp("a", "2"), userProp("z", "0"),
                        userProp("z", "1")),
                str("w"), bin("x"));
        Connect connect = decode(Role.SERVER, bytes, Connect.class);
        assertThat(connect.will().properties().userProperties()).containsExactly(new UserProperty("z", "1"),
                new UserProperty("a", "2"), new UserProperty("z", "0"), new UserProperty("z", "1"));
        // the encoder writes identifier order: Content Type (0x03) first, then the User Properties in their order
        assertEncodes(connect, connect(0x06, props(), str("c"),
                props(prop(0x03, str("text")), userProp("z", "1"), userProp("a", "2"), userProp("z", "0"),
                        userProp("z", "1")),
                str("w"), bin("x")));
    }
}
