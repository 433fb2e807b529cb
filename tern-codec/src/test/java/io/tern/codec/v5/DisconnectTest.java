package io.tern.codec.v5;

import static io.tern.codec.v5.Wire.assertEncodes;
import static io.tern.codec.v5.Wire.assertRejected;
import static io.tern.codec.v5.Wire.bytes;
import static io.tern.codec.v5.Wire.decode;
import static io.tern.codec.v5.Wire.packet;
import static io.tern.codec.v5.Wire.prop;
import static io.tern.codec.v5.Wire.props;
import static io.tern.codec.v5.Wire.str;
import static io.tern.codec.v5.Wire.u32;
import static io.tern.codec.v5.Wire.userProp;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.codec.MqttPacketDecoder.Role;
import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.codec.ReasonCode;
import io.tern.codec.UserProperty;
import io.tern.codec.packet.Disconnect;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * MQTT 5.0 section 3.14, DISCONNECT: the short forms and the properties. Flags: {@link FixedHeaderTest}; reason
 * codes: {@link ReasonCodesTest}.
 */
@DisplayName("MQTT 5.0 DISCONNECT (3.14)")
class DisconnectTest {

    @ParameterizedTest(name = "received by the {0}")
    @EnumSource(Role.class)
    @DisplayName("Remaining Length 0 means Normal disconnection; 1, a reason code without properties; more, a reason "
            + "code and properties (3.14.2.1, 3.14.2.2.1)")
    void decodesEveryForm(Role receiver) {
        Disconnect normal = decode(receiver, packet(0xE0), Disconnect.class);
        assertThat(normal.reasonCode()).isEqualTo(ReasonCode.NORMAL_DISCONNECTION);
        assertThat(normal.properties().isEmpty()).isTrue();

        Disconnect withWill = decode(receiver, packet(0xE0, bytes(0x04)), Disconnect.class);
        assertThat(withWill.reasonCode()).isEqualTo(ReasonCode.DISCONNECT_WITH_WILL_MESSAGE);
        assertThat(withWill.properties().isEmpty()).isTrue();

        Disconnect emptyProperties = decode(receiver, packet(0xE0, bytes(0x8E), props()), Disconnect.class);
        assertThat(emptyProperties.reasonCode()).isEqualTo(ReasonCode.SESSION_TAKEN_OVER);
        assertThat(emptyProperties.properties().isEmpty()).isTrue();

        Disconnect full = decode(receiver, packet(0xE0, bytes(0x9C), props(prop(0x11, u32(0)), prop(0x1C,
                str("other:1883")), prop(0x1F, str("moving")), userProp("k", "v"))), Disconnect.class);
        assertThat(full.reasonCode()).isEqualTo(ReasonCode.USE_ANOTHER_SERVER);
        assertThat(full.properties().longValue(PropertyId.SESSION_EXPIRY_INTERVAL, -1)).isZero();
        assertThat(full.properties().stringValue(PropertyId.SERVER_REFERENCE)).isEqualTo("other:1883");
        assertThat(full.properties().stringValue(PropertyId.REASON_STRING)).isEqualTo("moving");
        assertThat(full.properties().userProperties()).containsExactly(new UserProperty("k", "v"));
    }

    @Test
    @DisplayName("[MQTT-2.2.2-1] the encoder leaves out reason code and Property Length only for Normal "
            + "disconnection without properties, and the Property Length only when there are no properties")
    void encoderShortForms() {
        MqttProperties reason = MqttProperties.builder().set(PropertyId.REASON_STRING, "bye").build();
        assertEncodes(Disconnect.NORMAL, "E0 00");
        assertEncodes(new Disconnect(ReasonCode.NORMAL_DISCONNECTION), "E0 00");
        assertEncodes(new Disconnect(ReasonCode.DISCONNECT_WITH_WILL_MESSAGE), "E0 01 04");
        assertEncodes(new Disconnect(ReasonCode.NORMAL_DISCONNECTION, reason),
                packet(0xE0, bytes(0x00), props(prop(0x1F, str("bye")))));
        assertEncodes(new Disconnect(ReasonCode.SERVER_SHUTTING_DOWN, reason),
                packet(0xE0, bytes(0x8B), props(prop(0x1F, str("bye")))));
    }

    @Test
    @DisplayName("properties cut short are malformed (0x81)")
    void truncatedProperties() {
        assertRejected(Role.SERVER, packet(0xE0, bytes(0x00, 0x05, 0x11, 0x00)), ReasonCode.MALFORMED_PACKET);
        assertRejected(Role.SERVER, packet(0xE0, bytes(0x00, 0x80)), ReasonCode.MALFORMED_PACKET);
    }
}
