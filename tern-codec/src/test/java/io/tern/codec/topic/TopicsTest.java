package io.tern.codec.topic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Topics} behaviour that MQTT 3.1.1 and 5.0 describe alike without a numbered statement: empty levels,
 * what the wildcards match (the examples of sections 4.7.1.2 and 4.7.1.3), level counting. The numbered
 * statements are in {@link TopicsV311Test} and {@link TopicsV5Test}.
 */
@DisplayName("Topics")
class TopicsTest {

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"a//b", "/a", "a/", "/", "//", "$SYS/broker", "a b/ c", "sport/tennis/player1",
        "é/€/😀"})
    @DisplayName("levels may be empty and may hold any other character (section 4.7.1.1)")
    void emptyLevelsAndOrdinaryCharactersAreValid(String topic) {
        assertThat(Topics.isValidTopicName(topic)).isTrue();
        assertThat(Topics.isValidTopicFilter(topic)).isTrue();
    }

    @ParameterizedTest(name = "\"{1}\" matches \"{0}\"")
    @CsvSource({"sport/tennis/player1, sport/tennis/player1/#",
        "sport/tennis/player1/ranking, sport/tennis/player1/#",
        "sport/tennis/player1/score/wimbledon, sport/tennis/player1/#",
        "sport, sport/#", "sport/, sport/#", "sport/tennis/x, sport/#", "a, '#'", "/, '#'", "a/b/c, '#'",
        "a/b/c, a/+/#", "a/b, a/+/#", "a//b, a/+/b", "a//b, a//#"})
    @DisplayName("'#' matches its parent level and any number of child levels (section 4.7.1.2)")
    void multiLevelWildcardMatches(String name, String filter) {
        assertThat(Topics.matches(name, filter)).isTrue();
    }

    @ParameterizedTest(name = "\"{1}\" does not match \"{0}\"")
    @CsvSource({"sports, sport/#", "spor, sport/#", "a, a/b/#", "a/c/d, a/b/#", "b, a/#", "a, a/+/#"})
    @DisplayName("'#' matches nothing outside its parent level (section 4.7.1.2)")
    void multiLevelWildcardDoesNotMatch(String name, String filter) {
        assertThat(Topics.matches(name, filter)).isFalse();
    }

    @ParameterizedTest(name = "\"{1}\" matches \"{0}\"")
    @CsvSource({"sport/tennis/player1, sport/tennis/+", "sport/, sport/+", "/finance, +/+", "/finance, /+",
        "a, +", "a/b/c, +/+/+", "a/b/c, a/+/c", "a//c, a/+/c", "/, +/+", "a/, +/", "sport/tennis/x, +/tennis/#"})
    @DisplayName("'+' matches exactly one level, an empty one included (section 4.7.1.3)")
    void singleLevelWildcardMatches(String name, String filter) {
        assertThat(Topics.matches(name, filter)).isTrue();
    }

    @ParameterizedTest(name = "\"{1}\" does not match \"{0}\"")
    @CsvSource({"sport/tennis/player1/ranking, sport/tennis/+", "sport, sport/+", "/finance, +", "a/b, +",
        "a, +/+", "a/b/c, a/+", "a/b, a/+/c", "b/tennis, +/tennis/x"})
    @DisplayName("'+' matches neither no level nor several levels (section 4.7.1.3)")
    void singleLevelWildcardDoesNotMatch(String name, String filter) {
        assertThat(Topics.matches(name, filter)).isFalse();
    }

    @ParameterizedTest(name = "\"{1}\" vs \"{0}\"")
    @CsvSource({"a/b, a/b, true", "a/b, a/c, false", "a/b, a, false", "a, a/b, false", "ab, a, false",
        "a, ab, false", "/, /, true", "/, //, false"})
    @DisplayName("a filter without wildcards matches only the same topic name")
    void literalFilterMatchesOnlyItself(String name, String filter, boolean expected) {
        assertThat(Topics.matches(name, filter)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" has {1} levels")
    @CsvSource({"a, 1", "/, 2", "a/b/c, 3", "a//b, 3", "/a/, 3", "//, 3", "sport/tennis/#, 3", "'', 1"})
    @DisplayName("levelCount counts the '/' separators plus one")
    void levelCount(String topic, int levels) {
        assertThat(Topics.levelCount(topic)).isEqualTo(levels);
    }
}
