package io.tern.codec.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of {@link Topics}, checked on generated topics, and the fast index-walking {@code matches} and
 * validators compared with naive reference implementations that split topics into levels. The rules are those of
 * section 4.7, alike in MQTT 3.1.1 and 5.0; the statement IDs are cited in {@link TopicsV311Test} and
 * {@link TopicsV5Test}.
 */
@Label("Topic matching and validation properties")
class TopicMatchProperties {

    @Property
    @Label("a valid topic name is a valid filter that matches itself")
    void nameMatchesItself(@ForAll("topicNames") String name) {
        assertThat(Topics.isValidTopicName(name)).isTrue();
        assertThat(Topics.isValidTopicFilter(name)).isTrue();
        assertThat(Topics.matches(name, name)).isTrue();
    }

    @Property
    @Label("'#' matches every topic name that does not start with '$'")
    void hashMatchesEveryNameNotStartingWithDollar(@ForAll("topicNames") String name) {
        assertThat(Topics.matches(name, "#")).isEqualTo(!name.startsWith("$"));
    }

    @Property
    @Label("replacing any one level of a name with '+' gives a filter that matches it, unless that turns a '$' "
            + "first level into a wildcard")
    void plusInPlaceOfAnyLevelMatches(@ForAll("topicNames") String name, @ForAll @IntRange(max = 99) int choice) {
        List<String> levels = levels(name);
        int index = choice % levels.size();
        levels.set(index, "+");
        String filter = String.join("/", levels);

        assertThat(Topics.isValidTopicFilter(filter)).isTrue();
        assertThat(Topics.matches(name, filter)).isEqualTo(index > 0 || !name.startsWith("$"));
    }

    @Property
    @Label("replacing any tail of a name's levels, an empty one included, with '#' gives a filter that matches it, "
            + "unless '#' becomes the first level of a '$' name")
    void hashInPlaceOfAnyTailMatches(@ForAll("topicNames") String name, @ForAll @IntRange(max = 99) int choice) {
        List<String> levels = levels(name);
        int kept = choice % (levels.size() + 1);
        List<String> filterLevels = new ArrayList<>(levels.subList(0, kept));
        filterLevels.add("#");
        String filter = String.join("/", filterLevels);

        assertThat(Topics.isValidTopicFilter(filter)).isTrue();
        assertThat(Topics.matches(name, filter)).isEqualTo(kept > 0 || !name.startsWith("$"));
    }

    @Property
    @Label("matches agrees with a reference that splits topics into levels")
    void matchesAgreesWithReference(@ForAll("smallTopicNames") String name,
                                    @ForAll("smallTopicFilters") String filter) {
        boolean matches = Topics.matches(name, filter);

        assertThat(matches).isEqualTo(referenceMatches(name, filter));
        Statistics.label("matches").collect(matches).coverage(coverage -> {
            coverage.check(true).percentage(percent -> percent > 5);
            coverage.check(false).percentage(percent -> percent > 10);
        });
    }

    @Property
    @Label("isValidTopicName and isValidTopicFilter agree with a reference that splits topics into levels")
    void validatorsAgreeWithReference(@ForAll("mixedTopics") String topic) {
        boolean validFilter = Topics.isValidTopicFilter(topic);

        assertThat(Topics.isValidTopicName(topic)).isEqualTo(referenceValidName(topic));
        assertThat(validFilter).isEqualTo(referenceValidFilter(topic));
        Statistics.label("valid filter").collect(validFilter).coverage(coverage -> {
            coverage.check(true).percentage(percent -> percent > 5);
            coverage.check(false).percentage(percent -> percent > 10);
        });
    }

    @Property
    @Label("levelCount is the number of levels joined by '/'")
    void levelCountCountsLevels(@ForAll("levelLists") List<String> levels) {
        assertThat(Topics.levelCount(String.join("/", levels))).isEqualTo(levels.size());
    }

    /** Valid topic names: levels over a small alphabet, or any characters other than wildcards and U+0000. */
    @Provide
    Arbitrary<String> topicNames() {
        Arbitrary<String> anyCharacters = Arbitraries.strings().all().excludeChars('+', '#', '\u0000')
                .ofMinLength(1).ofMaxLength(20);
        return Arbitraries.oneOf(smallTopicNames(), anyCharacters);
    }

    /** Valid topic names made of one to five levels among "a", "b", "$x" and "". */
    @Provide
    Arbitrary<String> smallTopicNames() {
        return Arbitraries.of("a", "b", "$x", "").list().ofMinSize(1).ofMaxSize(5)
                .map(levels -> String.join("/", levels))
                .filter(name -> !name.isEmpty());
    }

    /** Valid topic filters made of levels among "a", "b", "$x", "" and "+", perhaps ending with "#". */
    @Provide
    Arbitrary<String> smallTopicFilters() {
        Arbitrary<List<String>> levels = Arbitraries.of("a", "b", "$x", "", "+").list().ofMaxSize(5);
        return Combinators.combine(levels, Arbitraries.of(false, true)).as((filterLevels, endsWithHash) -> {
            List<String> all = new ArrayList<>(filterLevels);
            if (endsWithHash) {
                all.add("#");
            }
            return String.join("/", all);
        }).filter(filter -> !filter.isEmpty());
    }

    /** Topics, valid or not, made of levels that use wildcards in good and bad places. */
    @Provide
    Arbitrary<String> mixedTopics() {
        return Arbitraries.of("a", "", "$x", "+", "#", "a+", "+a", "#a", "a#", "++", "\u0000", "a\u0000")
                .list().ofMinSize(1).ofMaxSize(4)
                .map(levels -> String.join("/", levels));
    }

    /** Lists of levels, each any characters but '/'. */
    @Provide
    Arbitrary<List<String>> levelLists() {
        return Arbitraries.strings().all().excludeChars('/').ofMaxLength(5).list().ofMinSize(1).ofMaxSize(10);
    }

    private static List<String> levels(String topic) {
        return new ArrayList<>(List.of(topic.split("/", -1)));
    }

    private static boolean referenceMatches(String name, String filter) {
        List<String> nameLevels = levels(name);
        List<String> filterLevels = levels(filter);
        String first = filterLevels.get(0);
        if (name.startsWith("$") && (first.equals("+") || first.equals("#"))) {
            return false;
        }
        for (int i = 0; i < filterLevels.size(); i++) {
            String level = filterLevels.get(i);
            if (level.equals("#")) {
                return true;
            }
            if (i == nameLevels.size() || !(level.equals("+") || level.equals(nameLevels.get(i)))) {
                return false;
            }
        }
        return filterLevels.size() == nameLevels.size();
    }

    private static boolean referenceValidName(String topic) {
        return !topic.isEmpty() && !topic.contains("+") && !topic.contains("#") && !topic.contains("\u0000");
    }

    private static boolean referenceValidFilter(String topic) {
        if (topic.isEmpty() || topic.contains("\u0000")) {
            return false;
        }
        List<String> levels = levels(topic);
        for (int i = 0; i < levels.size(); i++) {
            String level = levels.get(i);
            boolean wholeWildcard = level.equals("+") || level.equals("#") && i == levels.size() - 1;
            if (!wholeWildcard && (level.contains("+") || level.contains("#"))) {
                return false;
            }
        }
        return true;
    }
}
