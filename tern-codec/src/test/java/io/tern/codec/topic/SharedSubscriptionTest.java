package io.tern.codec.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SharedSubscription} against the MQTT 5.0 statements of section 4.8.2. The IDs cited here are MQTT 5.0
 * IDs ({@code spec/mqtt-5.0-normative.md}).
 */
@DisplayName("Shared subscriptions, MQTT 5.0")
class SharedSubscriptionTest {

    @ParameterizedTest(name = "\"{0}\" is share \"{1}\" of \"{2}\"")
    @CsvSource({"$share/g/a, g, a", "$share/g/a/#, g, a/#",
        "$share/group/sensors/+/temp, group, sensors/+/temp", "$share/g/#, g, '#'", "$share/g/+, g, +",
        "$share/g//, g, /", "$share/g/$SYS/#, g, $SYS/#",
        "$share/$g/a, $g, a", "$share/a b/c, a b, c", "$share/é€😀/x, é€😀, x", "$share/g/$share/h/a, g, $share/h/a"})
    @DisplayName("[MQTT-4.8.2-1] [MQTT-4.8.2-2] '$share/', a share name, '/' and a topic filter make a shared "
            + "subscription")
    void parsesValidFilters(String filter, String shareName, String topicFilter) {
        SharedSubscription subscription = SharedSubscription.parse(filter);

        assertThat(subscription.shareName()).isEqualTo(shareName);
        assertThat(subscription.topicFilter()).isEqualTo(topicFilter);
        assertThat(subscription.toFilter()).isEqualTo(filter);
        assertThat(SharedSubscription.isValid(filter)).isTrue();
        assertThat(new SharedSubscription(shareName, topicFilter)).isEqualTo(subscription);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"$share//a", "$share//", "$share//#"})
    @DisplayName("[MQTT-4.8.2-1] the share name is at least one character long")
    void rejectsEmptyShareName(String filter) {
        assertThat(SharedSubscription.isValid(filter)).isFalse();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SharedSubscription.parse(filter))
                .withMessage("invalid shared subscription \"" + filter + "\": the share name is empty");
    }

    @ParameterizedTest(name = "\"{0}\" has '{1}' in its share name")
    @CsvSource({"$share/g+/a, +", "$share/+/a, +", "$share/#/a, #", "$share/g#/a, #", "$share/+g#/a/b, +"})
    @DisplayName("[MQTT-4.8.2-2] the share name contains no '+' or '#'")
    void rejectsWildcardsInShareName(String filter, char wildcard) {
        assertThat(SharedSubscription.isValid(filter)).isFalse();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SharedSubscription.parse(filter))
                .withMessage("invalid shared subscription \"%s\": the share name contains '%s'", filter, wildcard);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"$share/g", "$share/g/", "$share/group", "$share/group/", "$share/"})
    @DisplayName("[MQTT-4.8.2-2] the share name is followed by '/' and a non-empty topic filter")
    void rejectsMissingTopicFilter(String filter) {
        assertThat(SharedSubscription.isValid(filter)).isFalse();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SharedSubscription.parse(filter))
                .withMessage("invalid shared subscription \"" + filter
                        + "\": there is no topic filter after the share name");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"$share/g/a#", "$share/g/a/#/b", "$share/g/a+", "$share/g/#/", "$share/g/a\u0000"})
    @DisplayName("[MQTT-4.8.2-2] what follows the share name is a valid topic filter")
    void rejectsInvalidTopicFilter(String filter) {
        assertThat(SharedSubscription.isValid(filter)).isFalse();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SharedSubscription.parse(filter))
                .withMessage("invalid shared subscription \"" + filter
                        + "\": the topic filter after the share name is not a valid topic filter");
    }

    @Test
    @DisplayName("[MQTT-4.8.2-1] [MQTT-4.8.2-2] the constructor applies the same rules, '/' in the share name "
            + "included")
    void constructorValidates() {
        assertThat(new SharedSubscription("g", "a/+").toFilter()).isEqualTo("$share/g/a/+");
        assertThatIllegalArgumentException().isThrownBy(() -> new SharedSubscription("", "a"))
                .withMessage("invalid shared subscription \"$share//a\": the share name is empty");
        assertThatIllegalArgumentException().isThrownBy(() -> new SharedSubscription("g/h", "a"))
                .withMessage("invalid shared subscription \"$share/g/h/a\": the share name contains '/'");
        assertThatIllegalArgumentException().isThrownBy(() -> new SharedSubscription("g+", "a"))
                .withMessageEndingWith("the share name contains '+'");
        assertThatIllegalArgumentException().isThrownBy(() -> new SharedSubscription("g", ""))
                .withMessageEndingWith("there is no topic filter after the share name");
        assertThatIllegalArgumentException().isThrownBy(() -> new SharedSubscription("g", "a/#/b"))
                .withMessageEndingWith("is not a valid topic filter");
    }

    @Test
    @DisplayName("[MQTT-4.7.3-2] a shared subscription filter contains no U+0000, in the share name either")
    void rejectsNullCharacter() {
        assertThat(SharedSubscription.isValid("$share/g\u0000/a")).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> new SharedSubscription("g\u0000", "a"))
                .withMessageEndingWith("the share name contains U+0000");
    }

    @Test
    @DisplayName("[MQTT-4.7.3-3] a whole shared subscription filter encodes to at most 65,535 bytes")
    void rejectsOverlongFilter() {
        String topicFilter = "a".repeat(65_535 - "$share/g/".length());
        assertThat(new SharedSubscription("g", topicFilter).toFilter()).hasSize(65_535);
        assertThatIllegalArgumentException().isThrownBy(() -> new SharedSubscription("é", topicFilter))
                .withMessageEndingWith("it takes more than 65535 bytes in UTF-8");
        assertThat(SharedSubscription.isValid("$share/gh/" + topicFilter)).isFalse();
    }

    @Test
    @DisplayName("isShared is true exactly for filters starting with \"$share/\", valid or not")
    void isShared() {
        assertThat(SharedSubscription.isShared("$share/g/a")).isTrue();
        assertThat(SharedSubscription.isShared("$share/g")).isTrue();
        assertThat(SharedSubscription.isShared("$share/")).isTrue();
        assertThat(SharedSubscription.isShared("$share")).isFalse();
        assertThat(SharedSubscription.isShared("$SHARE/g/a")).isFalse();
        assertThat(SharedSubscription.isShared("$sharegroup/a")).isFalse();
        assertThat(SharedSubscription.isShared("a/$share/g/a")).isFalse();
        assertThat(SharedSubscription.isShared("#")).isFalse();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"a/b", "#", "$share", "$SHARE/g/a", "$sharegroup/a", "$queue/a"})
    @DisplayName("parse rejects a filter that does not start with \"$share/\"")
    void rejectsNonSharedFilter(String filter) {
        assertThat(SharedSubscription.isValid(filter)).isFalse();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SharedSubscription.parse(filter))
                .withMessage("\"" + filter + "\" is not a shared subscription: it does not start with \"$share/\"");
    }

    @Test
    @DisplayName("the components are not null")
    void rejectsNullComponents() {
        assertThatNullPointerException().isThrownBy(() -> new SharedSubscription(null, "a"))
                .withMessage("shareName");
        assertThatNullPointerException().isThrownBy(() -> new SharedSubscription("g", null))
                .withMessage("topicFilter");
    }

    @Test
    @DisplayName("the topic filter, not the whole shared filter, is what messages are matched against")
    void topicFilterIsWhatMatches() {
        SharedSubscription subscription = SharedSubscription.parse("$share/g/sensors/+");

        assertThat(Topics.matches("sensors/kitchen", subscription.topicFilter())).isTrue();
        assertThat(Topics.matches("$share/g/sensors/kitchen", subscription.topicFilter())).isFalse();
    }
}
