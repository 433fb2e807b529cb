package io.tern.codec.topic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Topics} against the MQTT 5.0 statements of section 4.7. The IDs cited here are MQTT 5.0 IDs
 * ({@code spec/mqtt-5.0-normative.md}); the same strings mean other things in MQTT 3.1.1.
 */
@DisplayName("Topics, MQTT 5.0")
class TopicsV5Test {

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"+", "#", "a/+", "a/#", "+/a/#", "$SYS/#"})
    @DisplayName("[MQTT-4.7.0-1] '+' and '#' are valid in a topic filter but never in a topic name")
    void wildcardsOnlyInTopicFilters(String topic) {
        assertThat(Topics.isValidTopicFilter(topic)).isTrue();
        assertThat(Topics.isValidTopicName(topic)).isFalse();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"a+", "a#", "a/b+c", "a/b#c", "+a/b", "#a/b"})
    @DisplayName("[MQTT-4.7.0-1] a topic name never contains '+' or '#', even inside a level")
    void wildcardCharactersInsideALevelAreNotAllowedInTopicNames(String name) {
        assertThat(Topics.isValidTopicName(name)).isFalse();
    }

    @Test
    @DisplayName("[MQTT-4.7.1-1] '#' stands alone or right after '/', and is the last character of the filter")
    void multiLevelWildcardPosition() {
        assertThat(Topics.isValidTopicFilter("#")).isTrue();
        assertThat(Topics.isValidTopicFilter("a/#")).isTrue();
        assertThat(Topics.isValidTopicFilter("+/a/#")).isTrue();
        assertThat(Topics.isValidTopicFilter("/#")).isTrue();
        assertThat(Topics.isValidTopicFilter("a#")).isFalse();
        assertThat(Topics.isValidTopicFilter("a/#/b")).isFalse();
        assertThat(Topics.isValidTopicFilter("a/b#")).isFalse();
        assertThat(Topics.isValidTopicFilter("#/")).isFalse();
        assertThat(Topics.isValidTopicFilter("a/#b")).isFalse();
        assertThat(Topics.isValidTopicFilter("#/#")).isFalse();
    }

    @Test
    @DisplayName("[MQTT-4.7.1-2] '+' may be used at any level, first and last included, but fills the whole level")
    void singleLevelWildcardPosition() {
        assertThat(Topics.isValidTopicFilter("+")).isTrue();
        assertThat(Topics.isValidTopicFilter("+/a/#")).isTrue();
        assertThat(Topics.isValidTopicFilter("+/a/+")).isTrue();
        assertThat(Topics.isValidTopicFilter("a/+/b")).isTrue();
        assertThat(Topics.isValidTopicFilter("+/+")).isTrue();
        assertThat(Topics.isValidTopicFilter("a+")).isFalse();
        assertThat(Topics.isValidTopicFilter("a/+b")).isFalse();
        assertThat(Topics.isValidTopicFilter("+a")).isFalse();
        assertThat(Topics.isValidTopicFilter("++")).isFalse();
    }

    @ParameterizedTest(name = "\"{1}\" matches \"{0}\": {2}")
    @CsvSource({"$SYS/x, '#', false", "$SYS/x, +/x, false", "$SYS/x, +/+, false", "$SYS/x, +/#, false",
        "$SYS, +, false", "$SYS/x, $SYS/#, true", "$SYS/x, $SYS/+, true", "$SYS, $SYS/#, true",
        "$share/g/a, '#', false", "a/$b, '#', true", "a/$b, +/+, true"})
    @DisplayName("[MQTT-4.7.2-1] filters starting with '#' or '+' never match topic names starting with '$'")
    void dollarTopics(String name, String filter, boolean expected) {
        assertThat(Topics.matches(name, filter)).isEqualTo(expected);
    }

    @Test
    @DisplayName("[MQTT-4.7.3-1] topic names and topic filters are at least one character long "
            + "(an empty PUBLISH topic with a Topic Alias is the decoder's business)")
    void emptyTopicsAreInvalid() {
        assertThat(Topics.isValidTopicName("")).isFalse();
        assertThat(Topics.isValidTopicFilter("")).isFalse();
        assertThat(Topics.isValidTopicName("x")).isTrue();
        assertThat(Topics.isValidTopicFilter("x")).isTrue();
    }

    @Test
    @DisplayName("[MQTT-4.7.3-2] topic names and topic filters contain no U+0000")
    void nullCharacterIsInvalid() {
        assertThat(Topics.isValidTopicName("a/\u0000")).isFalse();
        assertThat(Topics.isValidTopicName("\u0000")).isFalse();
        assertThat(Topics.isValidTopicFilter("\u0000/#")).isFalse();
        assertThat(Topics.isValidTopicFilter("a/\u0000/+")).isFalse();
    }

    @Test
    @DisplayName("[MQTT-4.7.3-3] topic names and topic filters encode to at most 65,535 bytes")
    void utf8LengthIsAtMost65535Bytes() {
        assertThat(Topics.isValidTopicName("a".repeat(65_535))).isTrue();
        assertThat(Topics.isValidTopicName("a".repeat(65_536))).isFalse();
        assertThat(Topics.isValidTopicName("ß".repeat(32_767) + "a")).isTrue();
        assertThat(Topics.isValidTopicName("ß".repeat(32_768))).isFalse();
        assertThat(Topics.isValidTopicFilter("€".repeat(21_845))).isTrue();
        assertThat(Topics.isValidTopicFilter("€".repeat(21_845) + "/")).isFalse();
        assertThat(Topics.isValidTopicFilter("𝄞".repeat(16_383) + "a/#")).isTrue();
        assertThat(Topics.isValidTopicFilter("𝄞".repeat(16_383) + "ab/#")).isFalse();
    }

    @ParameterizedTest(name = "\"{1}\" does not match \"{0}\"")
    @CsvSource({"a/B, a/b", "\u00C5, \u212B", "\u00C5, A\u030A", "\uFEFFa, a", "a, \uFEFFa", "a/, a", "a, a/",
        "a//b, a/b", "a/b, 'a/b '"})
    @DisplayName("[MQTT-4.7.3-4] matching compares exact characters: no normalization of case, Unicode or slashes")
    void matchingComparesExactCharacters(String name, String filter) {
        assertThat(Topics.matches(name, filter)).isFalse();
        assertThat(Topics.matches(filter, filter)).isTrue();
    }
}
