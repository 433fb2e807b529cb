package io.tern.benchmarks;

import io.netty.channel.embedded.EmbeddedChannel;
import io.tern.broker.routing.SharedGroup;
import io.tern.broker.routing.Subscriber;
import io.tern.broker.routing.SubscriptionIndex;
import io.tern.broker.session.Session;
import io.tern.codec.MqttVersion;
import io.tern.codec.QoS;
import io.tern.codec.packet.Subscription;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link SubscriptionIndex#match}: finding the subscribers of a topic name among 100,000
 * subscriptions, which the {@code Router} does for every PUBLISH before anything is delivered. Its
 * cost is paid once per message whatever the fan-out, so it bounds the broker's publish rate.
 *
 * <p>The index holds {@value #SUBSCRIPTIONS} subscriptions of {@value #SESSIONS} sessions over the
 * topic names of {@link TopicTree}. {@value #HOT_NAMES} "hot" names (sites 0 to 9, devices 0 to 124)
 * have exactly {@value #MATCHES_PER_HOT_NAME} matching subscriptions each, made of the filter kinds
 * of the {@code mix}; every other subscription is an exact filter of another name, one session each:
 * <ul>
 *   <li>{@code exact}: all filters exact; a hot name has 8 sessions subscribed to it.</li>
 *   <li>{@code plus}: a hot name is matched by its exact filter and the 7 filters that replace some of
 *       its constant levels by {@code +} ({@code +/5/device/7/+}...): 8.75% of the filters.</li>
 *   <li>{@code hash}: 4 exact, {@code site/5/device/7/#}, {@code site/5/device/7/temp/#}, and per
 *       hot site {@code site/5/#} and {@code site/5/device/#}: 2.5% {@code #} filters.</li>
 *   <li>{@code mixed}: 2 exact, 2 {@code +}, 2 {@code #} (one with {@code +} too) per name, and per
 *       hot site {@code site/5/#} and {@code site/5/device/+/temp}: 5% wildcard filters.</li>
 * </ul>
 *
 * <p>{@code oneMatch} looks up names that exactly one subscription matches (no wildcard covers
 * them), {@code severalMatches} the hot names; both take the next of {@value #TOPICS} names chosen
 * with a fixed seed, so that the JIT cannot fold the lookup and the walk visits many branches. The
 * matches go into a reused list, as the Router's thread-local one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
public class SubscriptionIndexBenchmark {
    /** No shared subscription groups are subscribed here. */
    private static final List<SharedGroup> NO_GROUPS = List.of();

    static final int SUBSCRIPTIONS = 100_000;
    static final int SESSIONS = 1000;
    static final int HOT_SITES = 10;
    static final int HOT_DEVICES = 125;
    static final int HOT_NAMES = HOT_SITES * HOT_DEVICES;
    static final int MATCHES_PER_HOT_NAME = 8;
    static final int TOPICS = 1024;

    @Param({"exact", "plus", "hash", "mixed"})
    public String mix;

    private EmbeddedChannel loopOwner;
    private SubscriptionIndex index;
    private String[] oneMatch;
    private String[] severalMatches;
    private final List<Subscriber> matches = new ArrayList<>();
    private int next;

    /** The filters of the hot names: per name ({s} and {d}) and per hot site ({s}), 8 matches together. */
    private static Mix mixOf(String name) {
        String exact = "site/{s}/device/{d}/temp";
        return switch (name) {
            case "exact" -> new Mix(List.of(exact, exact, exact, exact, exact, exact, exact, exact), List.of());
            case "plus" -> new Mix(List.of(exact, "+/{s}/device/{d}/temp", "site/{s}/+/{d}/temp",
                    "site/{s}/device/{d}/+", "+/{s}/+/{d}/temp", "+/{s}/device/{d}/+", "site/{s}/+/{d}/+",
                    "+/{s}/+/{d}/+"), List.of());
            case "hash" -> new Mix(List.of(exact, exact, exact, exact, "site/{s}/device/{d}/#",
                    "site/{s}/device/{d}/temp/#"), List.of("site/{s}/#", "site/{s}/device/#"));
            case "mixed" -> new Mix(List.of(exact, exact, "site/{s}/+/{d}/temp", "+/{s}/device/{d}/+",
                    "site/{s}/device/{d}/#", "+/{s}/+/{d}/#"), List.of("site/{s}/#", "site/{s}/device/+/temp"));
            default -> throw new IllegalArgumentException("unknown mix " + name);
        };
    }

    private record Mix(List<String> perName, List<String> perSite) {
        Mix {
            if (perName.size() + perSite.size() != MATCHES_PER_HOT_NAME) {
                throw new IllegalArgumentException("a hot name must have " + MATCHES_PER_HOT_NAME + " matches");
            }
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(TopicTree.SEED);
        loopOwner = new EmbeddedChannel();
        index = new SubscriptionIndex();
        BrokerSessions broker = new BrokerSessions(index, loopOwner.eventLoop());
        Session[] sessions = new Session[SESSIONS];
        for (int i = 0; i < SESSIONS; i++) {
            String clientId = "client-" + i;
            sessions[i] = broker.open(clientId,
                    new ChannelConnection(loopOwner, clientId, MqttVersion.V3_1_1, broker.metrics()), 0);
        }

        Mix filters = mixOf(mix);
        List<String> hot = new ArrayList<>(HOT_NAMES);
        List<String> others = new ArrayList<>(TopicTree.SIZE);
        for (int i = 0; i < TopicTree.SIZE; i++) {
            int site = i / TopicTree.DEVICES_PER_SITE;
            int device = i % TopicTree.DEVICES_PER_SITE;
            (site < HOT_SITES && device < HOT_DEVICES ? hot : others).add(TopicTree.name(i));
        }
        int subscription = 0;
        int wildcards = 0;
        for (int site = 0; site < HOT_SITES; site++) {
            for (String pattern : filters.perSite()) {
                subscribe(sessions[subscription++ % SESSIONS], expand(pattern, site, 0));
                wildcards++;
            }
            for (int device = 0; device < HOT_DEVICES; device++) {
                for (String pattern : filters.perName()) {
                    String filter = expand(pattern, site, device);
                    subscribe(sessions[subscription++ % SESSIONS], filter);
                    if (filter.contains("+") || filter.contains("#")) {
                        wildcards++;
                    }
                }
            }
        }
        Collections.shuffle(others, random);
        for (int i = 0; subscription < SUBSCRIPTIONS; i++) {
            subscribe(sessions[subscription++ % SESSIONS], copy(others.get(i)));
        }
        if (index.size() != SUBSCRIPTIONS) {
            throw new IllegalStateException("index holds " + index.size() + " subscriptions, not " + SUBSCRIPTIONS);
        }

        List<String> single = new ArrayList<>();
        for (String name : others) {
            if (count(name) == 1) {
                single.add(name);
            }
        }
        for (String name : hot) {
            if (count(name) != MATCHES_PER_HOT_NAME) {
                throw new IllegalStateException(name + " has " + count(name) + " matches");
            }
        }
        oneMatch = copies(TopicTree.sample(single.toArray(String[]::new), TOPICS, random));
        severalMatches = copies(TopicTree.sample(hot.toArray(String[]::new), TOPICS, random));
        System.out.printf("%n%s: %d subscriptions, %.2f%% wildcard filters, %d names with one match%n",
                mix, index.size(), 100.0 * wildcards / SUBSCRIPTIONS, single.size());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        loopOwner.finishAndReleaseAll();
    }

    private void subscribe(Session session, String filter) {
        if (!session.subscribe(new Subscriber(session, new Subscription(filter, QoS.AT_LEAST_ONCE), 0))) {
            throw new IllegalStateException(session + " subscribed twice to " + filter);
        }
    }

    private int count(String topic) {
        matches.clear();
        index.match(topic, matches, NO_GROUPS);
        return matches.size();
    }

    private static String expand(String pattern, int site, int device) {
        return pattern.replace("{s}", Integer.toString(site)).replace("{d}", Integer.toString(device));
    }

    /** A string of its own, as a decoded topic name is, with no hash code computed yet. */
    private static String copy(String s) {
        return new String(s.toCharArray());
    }

    private static String[] copies(String[] names) {
        String[] out = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = copy(names[i]);
        }
        return out;
    }

    @Benchmark
    public void oneMatch(Blackhole blackhole) {
        match(oneMatch, blackhole);
    }

    @Benchmark
    public void severalMatches(Blackhole blackhole) {
        match(severalMatches, blackhole);
    }

    private void match(String[] topics, Blackhole blackhole) {
        String topic = topics[next++ & (TOPICS - 1)];
        List<Subscriber> out = matches;
        out.clear();
        index.match(topic, out, NO_GROUPS);
        blackhole.consume(out.size());
        blackhole.consume(out);
    }
}
