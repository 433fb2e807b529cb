package io.tern.broker.auth.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.codec.topic.Topics;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** ACL filters match as subscriptions do, and the relations between filters agree with matching. */
class AclFilterProperties {
    @Property(tries = 2000)
    void aclFilterMatchesLikeASubscription(@ForAll("filters") String filter, @ForAll("topics") String topic) {
        assertThat(AclFilter.parse(filter, false).matches(topic, "u", "c")).isEqualTo(Topics.matches(topic, filter));
    }

    @Property(tries = 2000)
    void patternMatchesAsItsSubstitution(@ForAll("filters") String filter, @ForAll("topics") String topic) {
        String pattern = filter.replace("a", "%u").replace("b", "%c");
        String substituted = AclFilter.parse(pattern, true).forClient("a", "b");

        assertThat(AclFilter.parse(pattern, true).matches(topic, "a", "b")).isEqualTo(Topics.matches(topic, substituted));
    }

    @Property(tries = 3000)
    void aTopicMatchingBothFiltersMeansTheyIntersect(@ForAll("filters") String a, @ForAll("filters") String b,
                                                     @ForAll("topics") String topic) {
        if (Topics.matches(topic, a) && Topics.matches(topic, b)) {
            assertThat(FilterRelations.intersect(a, b)).isTrue();
        }
    }

    @Property(tries = 3000)
    void aCoveredFilterMatchesOnlyWhatItsCoverMatches(@ForAll("filters") String outer, @ForAll("filters") String inner,
                                                      @ForAll("topics") String topic) {
        if (FilterRelations.covers(outer, inner) && Topics.matches(topic, inner)) {
            assertThat(Topics.matches(topic, outer)).isTrue();
        }
    }

    @Property(tries = 1000)
    void aFilterCoversAndMeetsItself(@ForAll("filters") String filter) {
        assertThat(FilterRelations.covers(filter, filter)).isTrue();
        assertThat(FilterRelations.intersect(filter, filter)).isTrue();
    }

    @Provide
    Arbitrary<String> topics() {
        return Arbitraries.of("a", "b", "$SYS", "", "x").list().ofMinSize(1).ofMaxSize(4)
                .map(levels -> String.join("/", levels)).filter(topic -> !topic.isEmpty());
    }

    @Provide
    Arbitrary<String> filters() {
        Arbitrary<List<String>> levels = Arbitraries.of("a", "b", "$SYS", "", "+").list().ofMinSize(1).ofMaxSize(4);
        return Arbitraries.oneOf(levels.map(l -> String.join("/", l)).filter(filter -> !filter.isEmpty()),
                levels.map(l -> String.join("/", l) + "/#"), Arbitraries.just("#"));
    }
}
