package io.tern.codec.v5;

import static io.tern.codec.v5.Wire.assertEncodes;
import static io.tern.codec.v5.Wire.bin;
import static io.tern.codec.v5.Wire.bytes;
import static io.tern.codec.v5.Wire.decode;
import static io.tern.codec.v5.Wire.packet;
import static io.tern.codec.v5.Wire.prop;
import static io.tern.codec.v5.Wire.props;
import static io.tern.codec.v5.Wire.str;
import static io.tern.codec.v5.Wire.userProp;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.codec.MqttPacketDecoder.Role;
import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.codec.ReasonCode;
import io.tern.codec.UserProperty;
import io.tern.codec.packet.Auth;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * MQTT 5.0 section 3.15, AUTH: the short forms and the properties. Flags: {@link FixedHeaderTest}; reason codes:
 * {@link ReasonCodesTest}; Authentication Data without Authentication Method: {@link PropertiesTest}.
 */
@DisplayName("MQTT 5.0 AUTH (3.15)")
class AuthTest {

    @ParameterizedTest(name = "received by the {0}")
    @EnumSource(Role.class)
    @DisplayName("Remaining Length 0 means Success; 1, a reason code without properties; more, a reason code and "
            + "properties (3.15.2.1, 3.15.2.2.1)")
    void decodesEveryForm(Role receiver) {
        Auth success = decode(receiver, packet(0xF0), Auth.class);
        assertThat(success.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        assertThat(success.properties().isEmpty()).isTrue();

        Auth withCode = decode(receiver, packet(0xF0, bytes(0x18)), Auth.class);
        assertThat(withCode.reasonCode()).isEqualTo(ReasonCode.CONTINUE_AUTHENTICATION);
        assertThat(withCode.properties().isEmpty()).isTrue();

        Auth full = decode(receiver, packet(0xF0, bytes(0x19), props(prop(0x15, str("SCRAM-SHA-256")),
                prop(0x16, bin("n,,n=user")), prop(0x1F, str("again")), userProp("k", "v"))), Auth.class);
        assertThat(full.reasonCode()).isEqualTo(ReasonCode.REAUTHENTICATE);
        assertThat(full.properties().stringValue(PropertyId.AUTHENTICATION_METHOD)).isEqualTo("SCRAM-SHA-256");
        assertThat(full.properties().binaryValue(PropertyId.AUTHENTICATION_DATA))
                .isEqualTo("n,,n=user".getBytes(StandardCharsets.US_ASCII));
        assertThat(full.properties().stringValue(PropertyId.REASON_STRING)).isEqualTo("again");
        assertThat(full.properties().userProperties()).containsExactly(new UserProperty("k", "v"));
    }

    @Test
    @DisplayName("[MQTT-2.2.2-1] the encoder leaves out reason code and Property Length only for Success without "
            + "properties, and the Property Length only when there are no properties")
    void encoderShortForms() {
        MqttProperties method = MqttProperties.builder().set(PropertyId.AUTHENTICATION_METHOD, "M")
                .set(PropertyId.AUTHENTICATION_DATA, new byte[] {1, 2}).build();
        assertEncodes(new Auth(ReasonCode.SUCCESS, MqttProperties.EMPTY), "F0 00");
        assertEncodes(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, MqttProperties.EMPTY), "F0 01 18");
        assertEncodes(new Auth(ReasonCode.SUCCESS, method),
                packet(0xF0, bytes(0x00), props(prop(0x15, str("M")), prop(0x16, bin(bytes(1, 2))))));
        assertEncodes(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, method),
                packet(0xF0, bytes(0x18), props(prop(0x15, str("M")), prop(0x16, bin(bytes(1, 2))))));
    }
}
