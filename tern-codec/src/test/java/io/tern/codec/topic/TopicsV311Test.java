package io.tern.codec.topic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Topics} against the MQTT 3.1.1 statements of section 4.7. The IDs cited here are MQTT 3.1.1 IDs
 * ({@code spec/mqtt-3.1.1-normative.md}); the same strings mean other things in MQTT 5.0.
 */
@DisplayName("Topics, MQTT 3.1.1")
class TopicsV311Test {

    @ParameterizedTest(name = "topic name \"{0}\"")
    @ValueSource(strings = {"+", "#", "a/+", "a/#", "+/a", "a/+/b", "a+", "a#b", "sport/tennis#", "#/a"})
    @DisplayName("[MQTT-4.7.1-1] a topic name never contains '+' or '#'")
    void wildcardsAreNotAllowedInTopicNames(String name) {
        assertThat(Topics.isValidTopicName(name)).isFalse();
    }

    @ParameterizedTest(name = "topic filter \"{0}\"")
    @ValueSource(strings = {"+", "#", "a/+", "a/#", "+/a/#"})
    @DisplayName("[MQTT-4.7.1-1] '+' and '#' may appear in topic filters")
    void wildcardsAreAllowedInTopicFilters(String filter) {
        assertThat(Topics.isValidTopicFilter(filter)).isTrue();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"#", "a/#", "/#", "a/b/#", "+/#", "sport/tennis/player1/#", "a//#"})
    @DisplayName("[MQTT-4.7.1-2] '#' alone, or after '/' as the last character, is valid")
    void multiLevelWildcardAsLastLevelIsValid(String filter) {
        assertThat(Topics.isValidTopicFilter(filter)).isTrue();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"a#", "a/#/b", "a/b#", "sport/tennis#", "#/", "#/a", "##", "#a", "a/#b", "a/##", "#+"})
    @DisplayName("[MQTT-4.7.1-2] '#' anywhere but alone as the last level is invalid")
    void misplacedMultiLevelWildcardIsInvalid(String filter) {
        assertThat(Topics.isValidTopicFilter(filter)).isFalse();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"+", "+/a/+", "a/+/b", "+/+", "/+", "+/", "a/+", "+/tennis/#", "sport/+/player1", "//+//"})
    @DisplayName("[MQTT-4.7.1-3] '+' filling a whole level, first and last included, is valid")
    void singleLevelWildcardFillingALevelIsValid(String filter) {
        assertThat(Topics.isValidTopicFilter(filter)).isTrue();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"a+", "a/+b", "+a", "++", "sport+", "a/b+/c", "+a/b", "a/+b/c", "+#", "a/++"})
    @DisplayName("[MQTT-4.7.1-3] '+' sharing its level with another character is invalid")
    void singleLevelWildcardSharingALevelIsInvalid(String filter) {
        assertThat(Topics.isValidTopicFilter(filter)).isFalse();
    }

    @ParameterizedTest(name = "\"{1}\" does not match \"{0}\"")
    @CsvSource({"$SYS/x, '#'", "$SYS/x, +/x", "$SYS/x, +/#", "$SYS/x, +/+", "$SYS, '#'", "$SYS, +",
        "$, '#'", "$, +", "$/a, +/a"})
    @DisplayName("[MQTT-4.7.2-1] a filter starting with '#' or '+' never matches a topic name starting with '$'")
    void wildcardFirstLevelDoesNotMatchDollarTopics(String name, String filter) {
        assertThat(Topics.matches(name, filter)).isFalse();
    }

    @ParameterizedTest(name = "\"{1}\" matches \"{0}\"")
    @CsvSource({"$SYS/x, $SYS/#", "$SYS/x, $SYS/+", "$SYS/x, $SYS/x", "$SYS, $SYS/#",
        "$SYS/broker/clients, $SYS/+/clients", "a/$SYS, '#'", "a/$SYS, +/+", "a/$SYS, a/+"})
    @DisplayName("[MQTT-4.7.2-1] '$' topics are matched by filters starting with '$', "
            + "and '$' later in a name is an ordinary character")
    void dollarTopicsMatchNonWildcardFirstLevel(String name, String filter) {
        assertThat(Topics.matches(name, filter)).isTrue();
    }

    @Test
    @DisplayName("[MQTT-4.7.3-1] topic names and topic filters are at least one character long")
    void emptyTopicsAreInvalid() {
        assertThat(Topics.isValidTopicName("")).isFalse();
        assertThat(Topics.isValidTopicFilter("")).isFalse();
        assertThat(Topics.isValidTopicName("a")).isTrue();
        assertThat(Topics.isValidTopicName("/")).isTrue();
        assertThat(Topics.isValidTopicFilter("a")).isTrue();
        assertThat(Topics.isValidTopicFilter("/")).isTrue();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"\u0000", "\u0000a", "a\u0000", "a/\u0000/b", "a/b\u0000"})
    @DisplayName("[MQTT-4.7.3-2] topic names and topic filters contain no U+0000")
    void nullCharacterIsInvalid(String topic) {
        assertThat(Topics.isValidTopicName(topic)).isFalse();
        assertThat(Topics.isValidTopicFilter(topic)).isFalse();
        assertThat(Topics.isValidTopicFilter(topic + "/#")).isFalse();
    }

    @Test
    @DisplayName("[MQTT-4.7.3-3] topic names and topic filters encode to at most 65535 bytes")
    void utf8LengthIsAtMost65535Bytes() {
        String ascii = "a".repeat(65_535);
        String twoByte = "é".repeat(32_767) + "a";
        String threeByte = "€".repeat(21_845);
        String fourByte = "😀".repeat(16_383) + "abc";
        for (String longest : new String[] {ascii, twoByte, threeByte, fourByte}) {
            assertThat(Topics.isValidTopicName(longest)).isTrue();
            assertThat(Topics.isValidTopicFilter(longest)).isTrue();
            assertThat(Topics.isValidTopicName(longest + "b")).isFalse();
            assertThat(Topics.isValidTopicFilter(longest + "b")).isFalse();
        }
        assertThat(Topics.isValidTopicFilter("a".repeat(65_533) + "/#")).isTrue();
        assertThat(Topics.isValidTopicFilter("a".repeat(65_534) + "/#")).isFalse();
        assertThat(Topics.isValidTopicName("é".repeat(32_768))).as("32768 chars, 65536 bytes").isFalse();
        assertThat(Topics.isValidTopicName("😀".repeat(16_384))).as("32768 chars, 65536 bytes").isFalse();
        assertThat(Topics.isValidTopicName("a".repeat(100_000))).isFalse();
    }

    @ParameterizedTest(name = "\"{1}\" does not match \"{0}\"")
    @CsvSource({"a/b, A/b", "Sport, sport", "café, cafe\u0301", "cafe\u0301, café", "\uFEFFa/b, a/b",
        "a/b, \uFEFFa/b", "a/b/, a/b", "a/b, a/b/", "a//b, a/b", "/a/b, a/b", "a/b, /a/b", "'a b', ab",
        "a/b, 'a /b'", "a/b, 'a/b '"})
    @DisplayName("[MQTT-4.7.3-4] matching compares exact characters: no case, Unicode or slash normalization")
    void matchingComparesExactCharacters(String name, String filter) {
        assertThat(Topics.matches(name, filter)).isFalse();
        assertThat(Topics.matches(name, name)).isTrue();
    }
}
