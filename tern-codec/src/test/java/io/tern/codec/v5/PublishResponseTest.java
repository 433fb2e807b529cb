package io.tern.codec.v5;

import static io.tern.codec.v5.Wire.assertEncodes;
import static io.tern.codec.v5.Wire.assertRejected;
import static io.tern.codec.v5.Wire.bytes;
import static io.tern.codec.v5.Wire.decode;
import static io.tern.codec.v5.Wire.packet;
import static io.tern.codec.v5.Wire.prop;
import static io.tern.codec.v5.Wire.props;
import static io.tern.codec.v5.Wire.str;
import static io.tern.codec.v5.Wire.u16;
import static io.tern.codec.v5.Wire.userProp;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.codec.MqttPacketDecoder.Role;
import io.tern.codec.MqttProperties;
import io.tern.codec.PacketType;
import io.tern.codec.PropertyId;
import io.tern.codec.ReasonCode;
import io.tern.codec.UserProperty;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.PubComp;
import io.tern.codec.packet.PubRec;
import io.tern.codec.packet.PubRel;
import io.tern.codec.packet.PublishResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * MQTT 5.0 sections 3.4 to 3.7, PUBACK, PUBREC, PUBREL and PUBCOMP: the full form and the two short forms.
 * Reason codes: {@link ReasonCodesTest}; PUBREL flags: {@link FixedHeaderTest}.
 */
@DisplayName("MQTT 5.0 PUBACK, PUBREC, PUBREL, PUBCOMP (3.4 to 3.7)")
class PublishResponseTest {

    private static PublishResponse response(PacketType type, int packetId, ReasonCode code, MqttProperties properties) {
        return switch (type) {
            case PUBACK -> new PubAck(packetId, code, properties);
            case PUBREC -> new PubRec(packetId, code, properties);
            case PUBREL -> new PubRel(packetId, code, properties);
            default -> new PubComp(packetId, code, properties);
        };
    }

    // each of the four packets: its first byte and a reason code other than Success it may carry
    @ParameterizedTest(name = "{0}")
    @CsvSource({"PUBACK, 0x40, 0x10", "PUBREC, 0x50, 0x91", "PUBREL, 0x62, 0x92", "PUBCOMP, 0x70, 0x92"})
    @DisplayName("Remaining Length 2 means Success without properties; 3, a reason code without properties; more, a "
            + "reason code and properties (3.4.2.1)")
    void decodesEveryForm(PacketType type, String firstByte, String otherCode) {
        int first = Integer.decode(firstByte);
        int code = Integer.decode(otherCode);
        for (Role receiver : Role.values()) {
            PublishResponse shortest = (PublishResponse) decode(receiver, packet(first, u16(0x1234)));
            assertThat(shortest.type()).isEqualTo(type);
            assertThat(shortest.packetId()).isEqualTo(0x1234);
            assertThat(shortest.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(shortest.properties().isEmpty()).isTrue();

            PublishResponse withCode = (PublishResponse) decode(receiver, packet(first, u16(1), bytes(code)));
            assertThat(withCode.reasonCode().value()).isEqualTo(code);
            assertThat(withCode.properties().isEmpty()).isTrue();

            PublishResponse emptyProperties = (PublishResponse) decode(receiver,
                    packet(first, u16(1), bytes(code), props()));
            assertThat(emptyProperties.reasonCode().value()).isEqualTo(code);
            assertThat(emptyProperties.properties().isEmpty()).isTrue();

            PublishResponse full = (PublishResponse) decode(receiver, packet(first, u16(0xFFFF), bytes(0),
                    props(prop(0x1F, str("why")), userProp("k", "v"))));
            assertThat(full.packetId()).isEqualTo(0xFFFF);
            assertThat(full.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(full.properties().stringValue(PropertyId.REASON_STRING)).isEqualTo("why");
            assertThat(full.properties().userProperties()).containsExactly(new UserProperty("k", "v"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"PUBACK, 0x40, 0x10", "PUBREC, 0x50, 0x91", "PUBREL, 0x62, 0x92", "PUBCOMP, 0x70, 0x92"})
    @DisplayName("[MQTT-2.2.2-1] the encoder leaves out reason code and Property Length only for Success without "
            + "properties, and the Property Length only when there are no properties")
    void encoderShortForms(PacketType type, String firstByte, String otherCode) {
        int first = Integer.decode(firstByte);
        ReasonCode code = ReasonCode.of(Integer.decode(otherCode));
        MqttProperties reason = MqttProperties.builder().set(PropertyId.REASON_STRING, "why").build();

        assertEncodes(response(type, 7, ReasonCode.SUCCESS, MqttProperties.EMPTY), packet(first, u16(7)));
        assertEncodes(response(type, 7, code, MqttProperties.EMPTY), packet(first, u16(7), bytes(code.value())));
        assertEncodes(response(type, 7, ReasonCode.SUCCESS, reason),
                packet(first, u16(7), bytes(0), props(prop(0x1F, str("why")))));
        assertEncodes(response(type, 7, code, reason),
                packet(first, u16(7), bytes(code.value()), props(prop(0x1F, str("why")))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"PUBACK, 0x40", "PUBREC, 0x50", "PUBREL, 0x62", "PUBCOMP, 0x70"})
    @DisplayName("fewer than two bytes, or properties cut short, are malformed (0x81)")
    void truncated(PacketType type, String firstByte) {
        int first = Integer.decode(firstByte);
        assertRejected(Role.SERVER, packet(first), ReasonCode.MALFORMED_PACKET);
        assertRejected(Role.SERVER, packet(first, bytes(1)), ReasonCode.MALFORMED_PACKET);
        assertRejected(Role.SERVER, packet(first, u16(1), bytes(0, 4, 0x1F, 0)), ReasonCode.MALFORMED_PACKET);
    }
}
