package io.tern.codec.v311;

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
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Unsuback;
import io.tern.codec.packet.Unsubscribe;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * UNSUBSCRIBE and UNSUBACK of MQTT 3.1 and 3.1.1 (sections 3.10 and 3.11). Fixed-header flags:
 * {@link FixedHeaderTest}; filter syntax: {@link TopicTest}.
 */
@DisplayName("MQTT 3.1/3.1.1 UNSUBSCRIBE and UNSUBACK")
class UnsubscribeTest {

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.tern.codec.v311.Wire#VERSIONS")
    @DisplayName("[MQTT-3.10.3-1] the topic filters are UTF-8 strings packed one after the other, written and read "
            + "in order")
    void severalFiltersBothWays(MqttVersion version) {
        byte[] bytes = packet(0xA2, u16(7), str("a"), str("b/+/#"), str("é/€"));
        Unsubscribe unsubscribe = new Unsubscribe(7, List.of("a", "b/+/#", "é/€"), MqttProperties.EMPTY);

        assertThat(hex(encode(unsubscribe, version))).isEqualTo(hex(bytes));
        assertThat(decode(Wire.server(version), bytes)).isEqualTo(unsubscribe);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.tern.codec.v311.Wire#VERSIONS")
    @DisplayName("[MQTT-3.10.3-2] an UNSUBSCRIBE without any topic filter is a protocol error")
    void noFilterIsAProtocolError(MqttVersion version) {
        MqttCodecException e = reject(Wire.server(version), packet(0xA2, u16(7)));

        assertThat(e.reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        assertThat(e.packetType()).isEqualTo(PacketType.UNSUBSCRIBE);
        assertThat(e.version()).isEqualTo(version);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.tern.codec.v311.Wire#VERSIONS")
    @DisplayName("UNSUBACK is the packet identifier alone: the MQTT 5 reason codes of an Unsuback are left out")
    void unsubackHasNoReasonCodes(MqttVersion version) {
        Unsuback unsuback = new Unsuback(7, List.of(ReasonCode.SUCCESS, ReasonCode.NO_SUBSCRIPTION_EXISTED),
                MqttProperties.EMPTY);

        assertThat(hex(encode(unsuback, version))).isEqualTo("b0 02 00 07");
    }
}
