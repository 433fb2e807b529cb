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
import io.tern.codec.PropertyId;
import io.tern.codec.ReasonCode;
import io.tern.codec.UserProperty;
import io.tern.codec.packet.Unsuback;
import io.tern.codec.packet.Unsubscribe;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * MQTT 5.0 sections 3.10 and 3.11, UNSUBSCRIBE and UNSUBACK: payload format. Flags: {@link FixedHeaderTest};
 * topic filter syntax: {@link TopicSyntaxTest}; reason codes: {@link ReasonCodesTest}.
 */
@DisplayName("MQTT 5.0 UNSUBSCRIBE and UNSUBACK (3.10, 3.11)")
class UnsubscribeTest {

    @Test
    @DisplayName("[MQTT-3.10.3-1] the Topic Filters are UTF-8 strings packed one after the other, read in order, "
            + "both ways")
    void topicFiltersPacked() {
        byte[] bytes = packet(0xA2, u16(0x0A0B), props(userProp("k", "v")),
                str("a/+"), str("$share/g/b/#"), str("\u00e9t\u00e9"), str("a/+"));
        Unsubscribe unsubscribe = decode(Role.SERVER, bytes, Unsubscribe.class);
        assertThat(unsubscribe.packetId()).isEqualTo(0x0A0B);
        assertThat(unsubscribe.properties().userProperties()).containsExactly(new UserProperty("k", "v"));
        assertThat(unsubscribe.topicFilters()).containsExactly("a/+", "$share/g/b/#", "\u00e9t\u00e9", "a/+");
        assertEncodes(unsubscribe, bytes);
        assertEncodes(new Unsubscribe(0x0A0B, List.of("a/+", "$share/g/b/#", "\u00e9t\u00e9", "a/+"),
                MqttProperties.builder().userProperty("k", "v").build()), bytes);
    }

    @Test
    @DisplayName("[MQTT-3.10.3-2] an UNSUBSCRIBE without any Topic Filter is a Protocol Error (0x82)")
    void noTopicFilter() {
        assertRejected(Role.SERVER, packet(0xA2, u16(1), props()), ReasonCode.PROTOCOL_ERROR);
        assertRejected(Role.SERVER, packet(0xA2, u16(1), props(userProp("k", "v"))), ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("[MQTT-3.10.3-1] a Topic Filter cut short is malformed (0x81)")
    void topicFilterCutShort() {
        assertRejected(Role.SERVER, packet(0xA2, u16(1), props(), str("a"), bytes(0)), ReasonCode.MALFORMED_PACKET);
        assertRejected(Role.SERVER, packet(0xA2, u16(1), props(), bytes(0, 5, 'a')), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    @DisplayName("UNSUBACK: one reason code per Topic Filter, in order, after the properties, both ways (3.11.3)")
    void unsuback() {
        byte[] bytes = packet(0xB0, u16(0x0A0B), props(prop(0x1F, str("done"))), bytes(0x00, 0x11, 0x87));
        Unsuback unsuback = decode(Role.CLIENT, bytes, Unsuback.class);
        assertThat(unsuback.packetId()).isEqualTo(0x0A0B);
        assertThat(unsuback.properties().stringValue(PropertyId.REASON_STRING)).isEqualTo("done");
        assertThat(unsuback.reasonCodes()).containsExactly(ReasonCode.SUCCESS, ReasonCode.NO_SUBSCRIPTION_EXISTED,
                ReasonCode.NOT_AUTHORIZED);
        assertEncodes(unsuback, bytes);
    }

    @Test
    @DisplayName("an UNSUBACK without any reason code is a Protocol Error (0x82) (3.11.3)")
    void unsubackWithoutReasonCodes() {
        assertRejected(Role.CLIENT, packet(0xB0, u16(1), props()), ReasonCode.PROTOCOL_ERROR);
        assertRejected(Role.CLIENT, packet(0xB0, u16(1)), ReasonCode.MALFORMED_PACKET);
    }
}
