package io.tern.codec.v5;

import static io.tern.codec.v5.Wire.assertEncodes;
import static io.tern.codec.v5.Wire.assertRejected;
import static io.tern.codec.v5.Wire.bytes;
import static io.tern.codec.v5.Wire.cat;
import static io.tern.codec.v5.Wire.decode;
import static io.tern.codec.v5.Wire.packet;
import static io.tern.codec.v5.Wire.prop;
import static io.tern.codec.v5.Wire.props;
import static io.tern.codec.v5.Wire.str;
import static io.tern.codec.v5.Wire.u16;
import static io.tern.codec.v5.Wire.userProp;
import static io.tern.codec.v5.Wire.vbi;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.codec.MqttPacketDecoder.Role;
import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.UserProperty;
import io.tern.codec.packet.RetainHandling;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Subscription;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MQTT 5.0 sections 3.8 and 3.9, SUBSCRIBE and SUBACK: payload, Subscription Options. Flags:
 * {@link FixedHeaderTest}; topic filter syntax: {@link TopicSyntaxTest}; reason codes: {@link ReasonCodesTest}.
 */
@DisplayName("MQTT 5.0 SUBSCRIBE and SUBACK (3.8, 3.9)")
class SubscribeTest {

    private static byte[] subscribe(String filter, int options) {
        return packet(0x82, u16(1), props(), str(filter), bytes(options));
    }

    @Test
    @DisplayName("[MQTT-3.8.3-2] a SUBSCRIBE without any Topic Filter is a Protocol Error (0x82)")
    void noTopicFilter() {
        assertRejected(Role.SERVER, packet(0x82, u16(1), props()), ReasonCode.PROTOCOL_ERROR);
        assertRejected(Role.SERVER, packet(0x82, u16(1), props(prop(0x0B, vbi(3)), userProp("k", "v"))),
                ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("[MQTT-3.8.3-2] a Topic Filter without its Subscription Options is malformed (0x81)")
    void topicFilterWithoutOptions() {
        assertRejected(Role.SERVER, packet(0x82, u16(1), props(), str("a")), ReasonCode.MALFORMED_PACKET);
        assertRejected(Role.SERVER, packet(0x82, u16(1), props(), str("a"), bytes(1), str("b")),
                ReasonCode.MALFORMED_PACKET);
    }

    @Test
    @DisplayName("[MQTT-3.8.3-2] several Topic Filter and Subscription Options pairs are read in order, both ways")
    void severalTopicFilters() {
        byte[] bytes = packet(0x82, u16(0x0102), props(prop(0x0B, vbi(200)), userProp("k", "v")),
                str("a/+"), bytes(0x01), str("$share/g/b/#"), bytes(0x2A), str("c"), bytes(0x0C));
        Subscribe subscribe = decode(Role.SERVER, bytes, Subscribe.class);
        assertThat(subscribe.packetId()).isEqualTo(0x0102);
        assertThat(subscribe.properties().subscriptionIdentifiers()).containsExactly(200);
        assertThat(subscribe.properties().userProperties()).containsExactly(new UserProperty("k", "v"));
        assertThat(subscribe.subscriptions()).containsExactly(
                new Subscription("a/+", QoS.AT_LEAST_ONCE, false, false, RetainHandling.SEND_ON_SUBSCRIBE),
                new Subscription("$share/g/b/#", QoS.EXACTLY_ONCE, false, true, RetainHandling.DO_NOT_SEND),
                new Subscription("c", QoS.AT_MOST_ONCE, true, true, RetainHandling.SEND_ON_SUBSCRIBE));
        assertEncodes(subscribe, bytes);
    }

    static IntStream validOptions() {
        return IntStream.range(0, 0x40).filter(options -> (options & 0x03) != 3 && (options >>> 4) != 3);
    }

    @ParameterizedTest(name = "options {0}")
    @MethodSource("validOptions")
    @DisplayName("Subscription Options: bits 0-1 Maximum QoS, bit 2 No Local, bit 3 Retain As Published, bits 4-5 "
            + "Retain Handling, read and written back (3.8.3.1)")
    void subscriptionOptions(int options) {
        Subscribe subscribe = decode(Role.SERVER, subscribe("a/b", options), Subscribe.class);
        Subscription subscription = subscribe.subscriptions().get(0);
        assertThat(subscription.qos().value()).isEqualTo(options & 0x03);
        assertThat(subscription.noLocal()).isEqualTo((options & 0x04) != 0);
        assertThat(subscription.retainAsPublished()).isEqualTo((options & 0x08) != 0);
        assertThat(subscription.retainHandling().value()).isEqualTo(options >>> 4);
        assertEncodes(subscribe, subscribe("a/b", options));
    }

    @ParameterizedTest(name = "options {0}")
    @ValueSource(ints = {0x40, 0x80, 0xC0, 0x41, 0x6D, 0xFF})
    @DisplayName("[MQTT-3.8.3-5] reserved Subscription Options bits 6-7 set are malformed (0x81)")
    void reservedOptionBits(int options) {
        assertRejected(Role.SERVER, subscribe("a", options), ReasonCode.MALFORMED_PACKET);
        assertRejected(Role.SERVER, packet(0x82, u16(1), props(), str("a"), bytes(0), str("b"), bytes(options)),
                ReasonCode.MALFORMED_PACKET);
    }

    @ParameterizedTest(name = "options {0}")
    @ValueSource(ints = {0x30, 0x31, 0x3C, 0x3E})
    @DisplayName("Retain Handling 3 is a Protocol Error (0x82) (3.8.3.1)")
    void retainHandling3(int options) {
        assertRejected(Role.SERVER, subscribe("a", options), ReasonCode.PROTOCOL_ERROR);
    }

    @ParameterizedTest(name = "options {0}")
    @ValueSource(ints = {0x03, 0x07, 0x0F, 0x2B})
    @DisplayName("Maximum QoS 3 is a Protocol Error (0x82) (3.8.3.1)")
    void maximumQos3(int options) {
        assertRejected(Role.SERVER, subscribe("a", options), ReasonCode.PROTOCOL_ERROR);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"$share/g/a", "$share/group/a/+/#", "$share/g/#"})
    @DisplayName("[MQTT-3.8.3-4] No Local on a shared subscription is a Protocol Error (0x82); without No Local, or "
            + "on a filter that is not shared, it is accepted")
    void noLocalOnSharedSubscription(String filter) {
        for (int options : new int[] {0x04, 0x05, 0x2E}) {
            assertRejected(Role.SERVER, subscribe(filter, options), ReasonCode.PROTOCOL_ERROR);
            assertRejected(Role.SERVER, packet(0x82, u16(1), props(), str("x"), bytes(0x04), str(filter),
                    bytes(options)), ReasonCode.PROTOCOL_ERROR);
            String unshared = filter.substring(filter.indexOf('/', "$share/".length()) + 1);
            assertThat(decode(Role.SERVER, subscribe(unshared, options), Subscribe.class).subscriptions().get(0)
                    .noLocal()).isTrue();
        }
        assertThat(decode(Role.SERVER, subscribe(filter, 0x2A), Subscribe.class).subscriptions().get(0)
                .topicFilter()).isEqualTo(filter);
    }

    // ---- SUBACK ----

    @Test
    @DisplayName("SUBACK: one reason code per subscription, in order, after the properties, both ways (3.9.3)")
    void suback() {
        byte[] bytes = packet(0x90, u16(0xBEEF), props(prop(0x1F, str("partly"))), bytes(0x02, 0x00, 0x8F, 0x01,
                0xA2));
        Suback suback = decode(Role.CLIENT, bytes, Suback.class);
        assertThat(suback.packetId()).isEqualTo(0xBEEF);
        assertThat(suback.properties().stringValue(PropertyId.REASON_STRING)).isEqualTo("partly");
        assertThat(suback.reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_2, ReasonCode.GRANTED_QOS_0,
                ReasonCode.TOPIC_FILTER_INVALID, ReasonCode.GRANTED_QOS_1,
                ReasonCode.WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED);
        assertEncodes(suback, bytes);
        assertEncodes(new Suback(0xBEEF, List.of(ReasonCode.GRANTED_QOS_2, ReasonCode.GRANTED_QOS_0,
                        ReasonCode.TOPIC_FILTER_INVALID, ReasonCode.GRANTED_QOS_1,
                        ReasonCode.WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED),
                MqttProperties.builder().set(PropertyId.REASON_STRING, "partly").build()), bytes);
    }

    @Test
    @DisplayName("a SUBACK without any reason code is a Protocol Error (0x82) (3.9.3)")
    void subackWithoutReasonCodes() {
        assertRejected(Role.CLIENT, packet(0x90, u16(1), props()), ReasonCode.PROTOCOL_ERROR);
        assertRejected(Role.CLIENT, packet(0x90, u16(1), props(prop(0x1F, str("none")))), ReasonCode.PROTOCOL_ERROR);
        assertRejected(Role.CLIENT, cat(bytes(0x90, 0x02), u16(1)), ReasonCode.MALFORMED_PACKET);
    }
}
