package io.tern.codec.v5;

import static io.tern.codec.v5.Wire.assertEncodes;
import static io.tern.codec.v5.Wire.assertRejected;
import static io.tern.codec.v5.Wire.bytes;
import static io.tern.codec.v5.Wire.decode;
import static io.tern.codec.v5.Wire.packet;
import static io.tern.codec.v5.Wire.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.tern.codec.MqttPacketDecoder.Role;
import io.tern.codec.MqttProperties;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Connack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** MQTT 5.0 section 3.2, CONNACK: Connect Acknowledge Flags and Session Present. Reason codes: {@link ReasonCodesTest}. */
@DisplayName("MQTT 5.0 CONNACK (3.2)")
class ConnackTest {

    @ParameterizedTest(name = "flags {0}")
    @ValueSource(ints = {0x02, 0x03, 0x04, 0x40, 0x80, 0xFE, 0xFF})
    @DisplayName("[MQTT-3.2.2-1] Connect Acknowledge Flags bits 7 to 1 are 0: otherwise malformed (0x81)")
    void reservedAcknowledgeFlags(int flags) {
        assertRejected(Role.CLIENT, packet(0x20, bytes(flags, 0x00), props()), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    @DisplayName("[MQTT-3.2.2-1] Session Present is bit 0, and the encoder sets no other bit")
    void sessionPresentBit() {
        assertThat(decode(Role.CLIENT, packet(0x20, bytes(0x01, 0x00), props()), Connack.class).sessionPresent())
                .isTrue();
        assertThat(decode(Role.CLIENT, packet(0x20, bytes(0x00, 0x00), props()), Connack.class).sessionPresent())
                .isFalse();
        assertEncodes(new Connack(true, ReasonCode.SUCCESS, MqttProperties.EMPTY), "20 03 01 00 00");
        assertEncodes(new Connack(false, ReasonCode.SUCCESS, MqttProperties.EMPTY), "20 03 00 00 00");
        assertEncodes(new Connack(false, ReasonCode.NOT_AUTHORIZED, MqttProperties.EMPTY), "20 03 00 87 00");
    }

    @ParameterizedTest(name = "reason code {0}")
    @ValueSource(ints = {0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x8C, 0x90, 0x95, 0x97,
            0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9F})
    @DisplayName("[MQTT-3.2.2-6] a CONNACK refusing the connection has Session Present 0: a receiver finds Session "
            + "Present 1 malformed (0x81), and the sender cannot build it")
    void sessionPresentOnlyOnSuccess(int code) {
        assertRejected(Role.CLIENT, packet(0x20, bytes(0x01, code), props()), ReasonCode.MALFORMED_PACKET);
        assertThat(decode(Role.CLIENT, packet(0x20, bytes(0x00, code), props()), Connack.class).reasonCode().value())
                .isEqualTo(code);
        assertThatIllegalArgumentException().isThrownBy(() -> new Connack(true, ReasonCode.of(code),
                MqttProperties.EMPTY));
    }
}
