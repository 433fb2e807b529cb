package io.tern.cli.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/** The load shapes of {@code tern bench}, named as emqtt-bench and the Open MQTT Benchmark name them. */
public enum Scenario {
    /** N publishers, each to its own topic, and N subscribers, one on each of those topics. */
    PAIRS,
    /** One publisher, N subscribers on its topic. */
    FANOUT,
    /** N publishers, one subscriber on a wildcard filter (or a shared group of subscribers). */
    FANIN,
    /** N pairs at a fixed total rate, for latency rather than throughput. */
    LATENCY,
    /** N idle connections opened at a bounded rate and held. */
    CONNS;

    /** The name on the command line. */
    String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The scenario named {@code name} on the command line. */
    static Scenario of(String name) {
        for (Scenario scenario : values()) {
            if (scenario.cliName().equalsIgnoreCase(name.trim())) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + name + "' (known: "
                + String.join(", ", Arrays.stream(values()).map(Scenario::cliName).toList()) + ")");
    }

    /** Whether the scenario publishes, and so has a warm-up and a measured window. */
    boolean publishes() {
        return this != CONNS;
    }

    /** Who publishes where and who subscribes to what. */
    Topology topology(BenchSettings settings) {
        int n = settings.clients();
        TopicPattern topic = settings.topic();
        return switch (this) {
            case PAIRS, LATENCY -> new Topology(topics(topic, n), topics(topic, n), range(n),
                    IntStream.range(0, n).mapToObj(i -> new int[] {i}).toArray(int[][]::new), n);
            case FANOUT -> new Topology(List.of(topic.topic(0)), Collections.nCopies(n, topic.topic(0)), range(n),
                    new int[][] {range(n)}, n);
            case FANIN -> fanin(settings, topic, n);
            case CONNS -> Topology.NONE;
        };
    }

    private static Topology fanin(BenchSettings settings, TopicPattern topic, int publishers) {
        int subscribers = settings.subscribers();
        boolean shared = settings.sharedGroup() != null;
        String filter = shared ? "$share/" + settings.sharedGroup() + "/" + topic.wildcard() : topic.wildcard();
        int groups = shared ? 1 : subscribers;
        int[] receivers = range(groups);
        int[][] groupsOfPublisher = new int[publishers][];
        Arrays.fill(groupsOfPublisher, receivers);
        return new Topology(topics(topic, publishers), Collections.nCopies(subscribers, filter),
                shared ? new int[subscribers] : range(subscribers), groupsOfPublisher, groups);
    }

    private static List<String> topics(TopicPattern topic, int n) {
        List<String> topics = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            topics.add(topic.topic(i));
        }
        return topics;
    }

    private static int[] range(int n) {
        return IntStream.range(0, n).toArray();
    }
}
