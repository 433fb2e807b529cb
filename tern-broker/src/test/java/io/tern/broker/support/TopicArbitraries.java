package io.tern.broker.support;

import io.tern.codec.topic.Topics;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ArbitrarySupplier;

/**
 * Topic names and filters over a small alphabet ({@code a}, {@code b}, {@code $x}, the empty level),
 * so that generated names and filters often match, and {@code $} topics and empty levels are common.
 */
public final class TopicArbitraries {
    private TopicArbitraries() {
    }

    /** Valid topic names of one to four levels. */
    public static final class Names implements ArbitrarySupplier<String> {
        @Override
        public Arbitrary<String> get() {
            return Arbitraries.of("a", "b", "$x", "").list().ofMinSize(1).ofMaxSize(4)
                    .map(levels -> String.join("/", levels))
                    .filter(name -> !name.isEmpty());
        }
    }

    /** Valid topic filters of one to four levels, with {@code +} levels and a trailing {@code #}. */
    public static final class Filters implements ArbitrarySupplier<String> {
        @Override
        public Arbitrary<String> get() {
            Arbitrary<List<String>> levels = Arbitraries.of("a", "b", "$x", "", "+").list().ofMinSize(1).ofMaxSize(4);
            return levels.flatMap(list -> Arbitraries.of(true, false).map(hash -> {
                String filter = String.join("/", list);
                return hash ? (filter.isEmpty() ? "#" : filter + "/#") : filter;
            })).filter(filter -> !filter.isEmpty() && Topics.isValidTopicFilter(filter));
        }
    }
}
