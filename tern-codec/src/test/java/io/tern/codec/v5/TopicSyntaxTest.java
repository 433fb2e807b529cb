package io.tern.codec.v5;

import static io.tern.codec.v5.Wire.assertRejected;
import static io.tern.codec.v5.Wire.bin;
import static io.tern.codec.v5.Wire.bytes;
import static io.tern.codec.v5.Wire.connect;
import static io.tern.codec.v5.Wire.decode;
import static io.tern.codec.v5.Wire.encode;
import static io.tern.codec.v5.Wire.packet;
import static io.tern.codec.v5.Wire.prop;
import static io.tern.codec.v5.Wire.props;
import static io.tern.codec.v5.Wire.str;
import static io.tern.codec.v5.Wire.u16;
import static io.tern.codec.v5.Wire.withPublish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.netty.buffer.Unpooled;
import io.tern.codec.MqttPacketDecoder.Role;
import io.tern.codec.MqttProperties;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.Publish;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Subscription;
import io.tern.codec.packet.Unsubscribe;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MQTT 5.0 sections 4.7 and 4.8.2, topic names, topic filters and shared subscriptions, as the decoder enforces them
 * in PUBLISH, the Will Topic, SUBSCRIBE and UNSUBSCRIBE. Matching is tested with {@code Topics} itself.
 */
@DisplayName("MQTT 5.0 topic syntax in packets (4.7, 4.8.2)")
class TopicSyntaxTest {

    private static byte[] subscribe(String filter) {
        return packet(0x82, u16(1), props(), str(filter), bytes(0));
    }

    private static byte[] unsubscribe(String filter) {
        return packet(0xA2, u16(1), props(), str(filter));
    }

    private static byte[] willTopic(String topic) {
        return connect(0x06, props(), str("c"), props(), str(topic), bin("x"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"+", "#", "a/+", "a/#", "+/a/#", "a+", "a#b"})
    @DisplayName("[MQTT-4.7.0-1] a Will Topic holding '+' or '#' is refused with Topic Name invalid (0x90)")
    void wildcardsInWillTopic(String topic) {
        assertRejected(Role.SERVER, willTopic(topic), ReasonCode.TOPIC_NAME_INVALID);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"#", "a/#", "/#", "+/#", "a/b/#", "$SYS/#"})
    @DisplayName("[MQTT-4.7.1-1] '#' alone or after '/', as the last character, is accepted in SUBSCRIBE and "
            + "UNSUBSCRIBE")
    void multiLevelWildcardAccepted(String filter) {
        assertThat(decode(Role.SERVER, subscribe(filter), Subscribe.class).subscriptions().get(0).topicFilter())
                .isEqualTo(filter);
        assertThat(decode(Role.SERVER, unsubscribe(filter), Unsubscribe.class).topicFilters()).containsExactly(filter);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"a#", "a/#/b", "#/", "a/b#", "##", "#/#", "#a"})
    @DisplayName("[MQTT-4.7.1-1] '#' elsewhere makes the filter malformed (0x81) in SUBSCRIBE and UNSUBSCRIBE")
    void multiLevelWildcardMisplaced(String filter) {
        assertRejected(Role.SERVER, subscribe(filter), ReasonCode.MALFORMED_PACKET);
        assertRejected(Role.SERVER, unsubscribe(filter), ReasonCode.MALFORMED_PACKET);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"+", "+/a/#", "a/+/b", "+/+", "/+", "a/+", "+/"})
    @DisplayName("[MQTT-4.7.1-2] '+' filling a whole level, first and last included, is accepted in SUBSCRIBE and "
            + "UNSUBSCRIBE")
    void singleLevelWildcardAccepted(String filter) {
        assertThat(decode(Role.SERVER, subscribe(filter), Subscribe.class).subscriptions().get(0).topicFilter())
                .isEqualTo(filter);
        assertThat(decode(Role.SERVER, unsubscribe(filter), Unsubscribe.class).topicFilters()).containsExactly(filter);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"a+", "+a", "a/+b", "++", "a/b+/c", "+#"})
    @DisplayName("[MQTT-4.7.1-2] '+' sharing its level with other characters makes the filter malformed (0x81) in "
            + "SUBSCRIBE and UNSUBSCRIBE")
    void singleLevelWildcardNotAlone(String filter) {
        assertRejected(Role.SERVER, subscribe(filter), ReasonCode.MALFORMED_PACKET);
        assertRejected(Role.SERVER, unsubscribe(filter), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    @DisplayName("[MQTT-4.7.3-1] a zero-length Topic Filter, Will Topic or Response Topic is refused; a zero-length "
            + "Topic Name only with a Topic Alias")
    void zeroLength() {
        assertRejected(Role.SERVER, subscribe(""), ReasonCode.MALFORMED_PACKET);
        assertRejected(Role.SERVER, unsubscribe(""), ReasonCode.MALFORMED_PACKET);
        assertRejected(Role.SERVER, willTopic(""), ReasonCode.TOPIC_NAME_INVALID);
        assertRejected(Role.SERVER, packet(0x30, str("a"), props(prop(0x08, str("")))), ReasonCode.PROTOCOL_ERROR);
        assertRejected(Role.SERVER, packet(0x30, str(""), props()), ReasonCode.PROTOCOL_ERROR);
        withPublish(Role.SERVER, packet(0x30, str(""), props(prop(0x23, u16(1)))),
                publish -> assertThat(publish.topic()).isEmpty());
    }

    @Test
    @DisplayName("[MQTT-4.7.3-1] one character is enough: \"/\" is a topic name, and \"/\", \"+\" and \"#\" filters")
    void oneCharacter() {
        withPublish(Role.SERVER, packet(0x30, str("/"), props()), publish -> assertThat(publish.topic()).isEqualTo("/"));
        assertThat(decode(Role.SERVER, willTopic("/"), Connect.class).will().topic()).isEqualTo("/");
        for (String filter : new String[] {"/", "+", "#"}) {
            assertThat(decode(Role.SERVER, subscribe(filter), Subscribe.class).subscriptions().get(0).topicFilter())
                    .isEqualTo(filter);
        }
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"\u0000", "a\u0000", "a/\u0000/b", "$share/g\u0000/a", "$share/g/a\u0000"})
    @DisplayName("[MQTT-4.7.3-2] a Topic Name or Topic Filter holding U+0000 is malformed (0x81)")
    void nullCharacter(String topic) {
        assertRejected(Role.SERVER, packet(0x30, str(topic), props()), ReasonCode.MALFORMED_PACKET);
        assertRejected(Role.SERVER, willTopic(topic), ReasonCode.MALFORMED_PACKET);
        assertRejected(Role.SERVER, subscribe(topic), ReasonCode.MALFORMED_PACKET);
        assertRejected(Role.SERVER, unsubscribe(topic), ReasonCode.MALFORMED_PACKET);
    }

    @ParameterizedTest(name = "\"{0}\" x {1}")
    @CsvSource({"a, 65535", "\u00e9, 32767", "\u20ac, 21845"})
    @DisplayName("[MQTT-4.7.3-3] a Topic Name or Topic Filter of up to 65,535 bytes is read and written")
    void longestTopic(String character, int count) {
        String topic = character.repeat(count);
        withPublish(Role.SERVER, packet(0x30, str(topic), props()), publish -> {
            assertThat(publish.topic()).isEqualTo(topic);
            assertThat(encode(publish)).hasSize(1 + 3 + str(topic).length + 1); // type, length, topic, properties
        });
        assertThat(decode(Role.SERVER, subscribe(topic), Subscribe.class).subscriptions().get(0).topicFilter())
                .isEqualTo(topic);
    }

    @ParameterizedTest(name = "\"{0}\" x {1}")
    @CsvSource({"a, 65536", "\u00e9, 32768", "\u20ac, 21846"})
    @DisplayName("[MQTT-4.7.3-3] the encoder refuses a Topic Name or Topic Filter of more than 65,535 bytes")
    void topicTooLong(String character, int count) {
        String topic = character.repeat(count);
        Publish publish = new Publish(topic, QoS.AT_MOST_ONCE, false, false, 0, MqttProperties.EMPTY,
                Unpooled.EMPTY_BUFFER);
        assertThatIllegalArgumentException().isThrownBy(() -> encode(publish));
        assertThatIllegalArgumentException().isThrownBy(() -> encode(new Subscribe(1,
                List.of(new Subscription(topic, QoS.AT_MOST_ONCE)), MqttProperties.EMPTY)));
        assertThatIllegalArgumentException().isThrownBy(() -> encode(new Unsubscribe(1, List.of(topic),
                MqttProperties.EMPTY)));
    }

    // ---- 4.8.2 shared subscriptions ----

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"$share/g/a", "$share/group-1/a/b/#", "$share/g/+", "$share/g/#", "$share/g//",
            "$share/\u00e9/+/x", "$share/g/$SYS/#"})
    @DisplayName("[MQTT-4.8.2-1] [MQTT-4.8.2-2] $share/{ShareName}/{filter} with a non-empty ShareName free of '/', "
            + "'+' and '#' and a non-empty filter is accepted as it is")
    void validSharedSubscription(String filter) {
        Subscribe subscribe = decode(Role.SERVER, subscribe(filter), Subscribe.class);
        assertThat(subscribe.subscriptions().get(0).topicFilter()).isEqualTo(filter);
    }

    @Test
    @DisplayName("[MQTT-4.8.2-1] an empty ShareName, \"$share//a\", is a Protocol Error (0x82)")
    void emptyShareName() {
        assertRejected(Role.SERVER, subscribe("$share//a"), ReasonCode.PROTOCOL_ERROR);
        assertRejected(Role.SERVER, subscribe("$share//"), ReasonCode.PROTOCOL_ERROR);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({
            "$share/g, PROTOCOL_ERROR",
            "$share/g/, PROTOCOL_ERROR",
            "$share/#, PROTOCOL_ERROR",
            "$share/+, PROTOCOL_ERROR",
            "$share/+/a, PROTOCOL_ERROR",
            "$share/g+/a, MALFORMED_PACKET",
            "$share/g#/a, MALFORMED_PACKET",
            "$share/g/a+, MALFORMED_PACKET",
            "$share/g/#/a, MALFORMED_PACKET"})
    @DisplayName("[MQTT-4.8.2-2] a ShareName holding '+' or '#', or not followed by '/' and a Topic Filter, is "
            + "refused: a Protocol Error (0x82), or malformed (0x81) where the whole filter breaks 4.7.1")
    void invalidSharedSubscription(String filter, ReasonCode expected) {
        assertRejected(Role.SERVER, subscribe(filter), expected);
    }
}
