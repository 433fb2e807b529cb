package io.tern.codec.v5;

import static io.tern.codec.v5.Wire.assertEncodes;
import static io.tern.codec.v5.Wire.assertRejected;
import static io.tern.codec.v5.Wire.bytes;
import static io.tern.codec.v5.Wire.hex;
import static io.tern.codec.v5.Wire.packet;
import static io.tern.codec.v5.Wire.payloadHex;
import static io.tern.codec.v5.Wire.props;
import static io.tern.codec.v5.Wire.str;
import static io.tern.codec.v5.Wire.u16;
import static io.tern.codec.v5.Wire.withPublish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.netty.buffer.Unpooled;
import io.tern.codec.MqttPacketDecoder.Role;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.Publish;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Subscription;
import io.tern.codec.packet.Unsuback;
import io.tern.codec.packet.Unsubscribe;
import io.tern.codec.packet.Will;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** MQTT 5.0 section 2.2, the variable header: the Packet Identifier and the Property Length. */
@DisplayName("MQTT 5.0 variable header (2.2)")
class VariableHeaderTest {

    // ---- 2.2.1 Packet Identifier ----

    @Test
    @DisplayName("[MQTT-2.2.1-2] a QoS 0 PUBLISH has no Packet Identifier: the Property Length follows the topic")
    void qos0PublishHasNoPacketIdentifier() {
        withPublish(Role.SERVER, hex("30 05 00 01 61 00 AB"), publish -> {
            assertThat(publish.qos()).isEqualTo(QoS.AT_MOST_ONCE);
            assertThat(publish.packetId()).isZero();
            assertThat(publish.properties().isEmpty()).isTrue();
            assertThat(payloadHex(publish)).isEqualTo("AB");
        });
        withPublish(Role.SERVER, hex("32 07 00 01 61 00 07 00 AB"), publish -> {
            assertThat(publish.packetId()).isEqualTo(7);
            assertThat(payloadHex(publish)).isEqualTo("AB");
        });

        Publish qos0 = new Publish("a", QoS.AT_MOST_ONCE, false, false, 0, MqttProperties.EMPTY,
                Unpooled.wrappedBuffer(bytes(0xAB)));
        Publish qos1 = new Publish("a", QoS.AT_LEAST_ONCE, false, false, 7, MqttProperties.EMPTY,
                Unpooled.wrappedBuffer(bytes(0xAB)));
        try {
            assertEncodes(qos0, "30 05 00 01 61 00 AB");
            assertEncodes(qos1, "32 07 00 01 61 00 07 00 AB");
        } finally {
            qos0.release();
            qos1.release();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "[MQTT-2.2.1-3] client's QoS 1 PUBLISH   | SERVER | 32 06 00 01 61 00 00 00",
            "[MQTT-2.2.1-3] client's QoS 2 PUBLISH   | SERVER | 34 06 00 01 61 00 00 00",
            "[MQTT-2.2.1-3] SUBSCRIBE                | SERVER | 82 07 00 00 00 00 01 61 00",
            "[MQTT-2.2.1-3] UNSUBSCRIBE              | SERVER | A2 06 00 00 00 00 01 61",
            "[MQTT-2.2.1-4] server's QoS 1 PUBLISH   | CLIENT | 32 06 00 01 61 00 00 00",
            "[MQTT-2.2.1-4] server's QoS 2 PUBLISH   | CLIENT | 34 06 00 01 61 00 00 00"})
    @DisplayName("[MQTT-2.2.1-3] [MQTT-2.2.1-4] a Packet Identifier is non-zero: 0 is malformed (0x81)")
    void packetIdentifierZeroIsMalformed(String sender, Role receiver, String packet) {
        assertRejected(receiver, hex(packet), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    @DisplayName("[MQTT-2.2.1-3] [MQTT-2.2.1-4] a sender cannot build a QoS 1 or 2 PUBLISH, SUBSCRIBE or UNSUBSCRIBE "
            + "with Packet Identifier 0")
    void packetIdentifierZeroCannotBeSent() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Publish("a", QoS.AT_LEAST_ONCE, false, false, 0,
                MqttProperties.EMPTY, Unpooled.EMPTY_BUFFER));
        assertThatIllegalArgumentException().isThrownBy(() -> new Publish("a", QoS.EXACTLY_ONCE, false, false, 0,
                MqttProperties.EMPTY, Unpooled.EMPTY_BUFFER));
        assertThatIllegalArgumentException().isThrownBy(() -> new Subscribe(0,
                List.of(new Subscription("a", QoS.AT_MOST_ONCE)), MqttProperties.EMPTY));
        assertThatIllegalArgumentException().isThrownBy(() -> new Unsubscribe(0, List.of("a"),
                MqttProperties.EMPTY));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "PUBACK   | SERVER | 40 02 00 00",
            "PUBREC   | SERVER | 50 02 00 00",
            "PUBREL   | SERVER | 62 02 00 00",
            "PUBCOMP  | SERVER | 70 02 00 00",
            "SUBACK   | CLIENT | 90 04 00 00 00 00",
            "UNSUBACK | CLIENT | B0 04 00 00 00 00"})
    @DisplayName("an acknowledgement with Packet Identifier 0, which no PUBLISH, SUBSCRIBE or UNSUBSCRIBE has, is "
            + "malformed (0x81)")
    void acknowledgementOfPacketIdentifierZero(String type, Role receiver, String packet) {
        assertRejected(receiver, hex(packet), ReasonCode.MALFORMED_PACKET);
    }

    // ---- 2.2.2 Properties ----

    static Stream<Arguments> packetsWithoutProperties() {
        return Stream.of(
                Arguments.of(new Connect(MqttVersion.V5, "c", true, 60, null, null, null, MqttProperties.EMPTY),
                        "10 0E 00 04 4D 51 54 54 05 02 00 3C 00 00 01 63"),
                Arguments.of(new Connect(MqttVersion.V5, "c", true, 60, null, null,
                                new Will("w", new byte[] {'x'}, QoS.AT_MOST_ONCE, false, MqttProperties.EMPTY),
                                MqttProperties.EMPTY),
                        "10 15 00 04 4D 51 54 54 05 06 00 3C 00 00 01 63 00 00 01 77 00 01 78"),
                Arguments.of(new Connack(false, ReasonCode.SUCCESS, MqttProperties.EMPTY), "20 03 00 00 00"),
                Arguments.of(new Publish("a", QoS.AT_MOST_ONCE, false, false, 0, MqttProperties.EMPTY,
                        Unpooled.EMPTY_BUFFER), "30 04 00 01 61 00"),
                Arguments.of(new Subscribe(1, List.of(new Subscription("a", QoS.AT_LEAST_ONCE)), MqttProperties.EMPTY),
                        "82 07 00 01 00 00 01 61 01"),
                Arguments.of(new Suback(1, List.of(ReasonCode.GRANTED_QOS_1), MqttProperties.EMPTY),
                        "90 04 00 01 00 01"),
                Arguments.of(new Unsubscribe(1, List.of("a"), MqttProperties.EMPTY), "A2 06 00 01 00 00 01 61"),
                Arguments.of(new Unsuback(1, List.of(ReasonCode.SUCCESS), MqttProperties.EMPTY), "B0 04 00 01 00 00"),
                Arguments.of(new PubAck(1, ReasonCode.SUCCESS,
                                MqttProperties.builder().set(PropertyId.REASON_STRING, "r").build()),
                        "40 08 00 01 00 04 1F 00 01 72"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packetsWithoutProperties")
    @DisplayName("[MQTT-2.2.2-1] a properties section without properties is written as Property Length 0, one byte "
            + "00 (CONNECT, Will Properties, CONNACK, PUBLISH, SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK)")
    void propertyLengthZeroIsWritten(MqttPacket packet, String expected) {
        assertEncodes(packet, expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "CONNACK without Property Length | CLIENT | 20 02 00 00",
            "CONNECT without Property Length | SERVER | 10 0C 00 04 4D 51 54 54 05 02 00 3C 00 00"})
    @DisplayName("[MQTT-2.2.2-1] a packet whose properties section is missing, rather than empty, is malformed (0x81)")
    void missingPropertyLengthIsMalformed(String description, Role receiver, String packet) {
        assertRejected(receiver, hex(packet), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    @DisplayName("[MQTT-2.2.2-1] Property Length 0 decodes to no properties")
    void propertyLengthZeroDecodes() {
        MqttPacket connack = Wire.decode(Role.CLIENT, packet(0x20, bytes(0, 0), props()));
        assertThat(((Connack) connack).properties()).isSameAs(MqttProperties.EMPTY);
        MqttPacket puback = Wire.decode(Role.SERVER, packet(0x40, u16(1), bytes(0x10), props()));
        assertThat(((PubAck) puback).properties().isEmpty()).isTrue();
        withPublish(Role.SERVER, packet(0x30, str("a"), props()),
                publish -> assertThat(publish.properties().isEmpty()).isTrue());
    }
}
