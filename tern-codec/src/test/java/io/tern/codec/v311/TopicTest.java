package io.tern.codec.v311;

import static io.tern.codec.v311.Wire.decode;
import static io.tern.codec.v311.Wire.encode;
import static io.tern.codec.v311.Wire.reject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.tern.codec.MqttCodecException;
import io.tern.codec.MqttVersion;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.MqttPacket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Topic names and topic filters (section 4.7) as the decoder enforces them in MQTT 3.1 and 3.1.1: in the topic
 * name of PUBLISH and the will topic of CONNECT, and in the topic filters of SUBSCRIBE and UNSUBSCRIBE. The
 * syntax itself is tested on {@code Topics} in {@code io.tern.codec.topic}; here, what a packet carrying it becomes.
 */
@DisplayName("MQTT 3.1/3.1.1 topic names and filters in packets")
class TopicTest {

    private static Stream<Arguments> cases(Predicate<StringField> fields, String... values) {
        return Wire.VERSIONS.stream().flatMap(version -> Arrays.stream(StringField.values()).filter(fields)
                .flatMap(field -> Arrays.stream(values).map(value -> Arguments.of(version, field, value))));
    }

    private static void assertMalformed(MqttVersion version, StringField field, String value) {
        MqttCodecException e = reject(field.decoder(version),
                field.packetWith(version, value.getBytes(StandardCharsets.UTF_8)));

        assertThat(e.reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(e.packetType()).isEqualTo(field.type());
        assertThat(e.version()).isEqualTo(version);
    }

    private static void assertDecodesAsItIs(MqttVersion version, StringField field, String value) {
        MqttPacket packet = decode(field.decoder(version), field.packetWith(version, value.getBytes(
                StandardCharsets.UTF_8)));

        assertThat(field.read(packet)).isEqualTo(value);
    }

    static Stream<Arguments> wildcardNames() {
        return cases(StringField::isTopicName, "+", "#", "a/+", "a/#", "+/a", "a/+/b", "a+", "a#b", "sport/tennis/#")
                .map(arguments -> {
                    Object[] values = arguments.get();
                    // 3.3.2-2 is the PUBLISH statement; 4.7.1-1 holds for every topic name
                    return Arguments.of(values[0], values[1], values[2],
                            values[1] == StringField.TOPIC_NAME ? " [MQTT-3.3.2-2]" : "");
                });
    }

    @ParameterizedTest(name = "{0} {1} \"{2}\"{3}")
    @MethodSource("wildcardNames")
    @DisplayName("[MQTT-4.7.1-1] a topic name with '+' or '#', in PUBLISH or as will topic, is malformed")
    void wildcardInTopicNameIsMalformed(MqttVersion version, StringField field, String name, String ids) {
        assertMalformed(version, field, name);
    }

    static Stream<Arguments> validNames() {
        return cases(StringField::isTopicName, "a", "/", "//", "a//b", "/a", "a/", "$SYS/broker", "a b/ c",
                "sport/tennis/player1", "A/a");
    }

    @ParameterizedTest(name = "{0} {1} \"{2}\"")
    @MethodSource("validNames")
    @DisplayName("topic names of one character and more, with empty levels, '$' or spaces, decode as they are")
    void validTopicNamesDecode(MqttVersion version, StringField field, String name) {
        assertDecodesAsItIs(version, field, name);
    }

    static Stream<Arguments> misplacedMultiLevelWildcard() {
        return cases(StringField::isTopicFilter, "a#", "a/#/b", "a/b#", "#/", "#/a", "##", "#a", "a/##", "#+",
                "sport/tennis#");
    }

    @ParameterizedTest(name = "{0} {1} \"{2}\"")
    @MethodSource("misplacedMultiLevelWildcard")
    @DisplayName("[MQTT-4.7.1-2] a topic filter with '#' other than alone as its last level is malformed")
    void misplacedMultiLevelWildcardIsMalformed(MqttVersion version, StringField field, String filter) {
        assertMalformed(version, field, filter);
    }

    static Stream<Arguments> misplacedSingleLevelWildcard() {
        return cases(StringField::isTopicFilter, "a+", "a/+b", "+a", "++", "a/b+/c", "+a/b", "a/++", "+#",
                "sport+");
    }

    @ParameterizedTest(name = "{0} {1} \"{2}\"")
    @MethodSource("misplacedSingleLevelWildcard")
    @DisplayName("[MQTT-4.7.1-3] a topic filter with '+' sharing its level with another character is malformed")
    void misplacedSingleLevelWildcardIsMalformed(MqttVersion version, StringField field, String filter) {
        assertMalformed(version, field, filter);
    }

    static Stream<Arguments> validFilters() {
        return cases(StringField::isTopicFilter, "#", "a/#", "/#", "a//#", "+/#", "+", "+/a/+", "+/+", "/+", "+/",
                "a/+/b/#", "sport/tennis/player1/#", "$SYS/#", "$share/group/a");
    }

    @ParameterizedTest(name = "{0} {1} \"{2}\"")
    @MethodSource("validFilters")
    @DisplayName("[MQTT-4.7.1-2][MQTT-4.7.1-3] '#' alone as the last level and '+' filling a level, first and "
            + "last included, decode as they are (so does $share/..., nothing special before MQTT 5)")
    void validTopicFiltersDecode(MqttVersion version, StringField field, String filter) {
        assertDecodesAsItIs(version, field, filter);
    }

    static Stream<Arguments> empty() {
        return cases(field -> field.isTopicName() || field.isTopicFilter(), "");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("empty")
    @DisplayName("[MQTT-4.7.3-1] an empty topic name or topic filter is malformed")
    void emptyTopicIsMalformed(MqttVersion version, StringField field, String empty) {
        assertMalformed(version, field, empty);
    }

    /** Every topic field with each of these long strings, named by their make-up. */
    private static Stream<Arguments> longTopics(Named<?>... topics) {
        return Wire.VERSIONS.stream().flatMap(version -> Arrays.stream(StringField.values())
                .filter(field -> field.isTopicName() || field.isTopicFilter())
                .flatMap(field -> Arrays.stream(topics).map(topic -> Arguments.of(version, field, topic))));
    }

    static Stream<Arguments> longest() {
        return longTopics(Named.of("65,535 x 'a'", "a".repeat(65_535)),
                Named.of("21,845 x '€' (3 bytes each)", "€".repeat(21_845)));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("longest")
    @DisplayName("[MQTT-4.7.3-3] a topic name or filter of 65,535 bytes is written with length ff ff and decodes")
    void longestTopicIsWrittenAndRead(MqttVersion version, StringField field, String topic) {
        byte[] bytes = encode(field.packetWith(version, topic), version);

        assertThat(Wire.hex(bytes)).contains("ff ff " + Wire.hex(Arrays.copyOf(topic.getBytes(
                StandardCharsets.UTF_8), 3)));
        assertThat(field.read(decode(field.decoder(version), bytes))).isEqualTo(topic);
    }

    static Stream<Arguments> tooLong() {
        return longTopics(Named.of("65,536 x 'a'", "a".repeat(65_536)),
                Named.of("21,846 x '€' (65,538 bytes in 21,846 characters)", "€".repeat(21_846)));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("tooLong")
    @DisplayName("[MQTT-4.7.3-3] the encoder refuses a topic name or filter of more than 65,535 bytes")
    void encoderRefusesLongerTopics(MqttVersion version, StringField field, String topic) {
        assertThatIllegalArgumentException().isThrownBy(() -> encode(field.packetWith(version, topic), version));
    }
}
