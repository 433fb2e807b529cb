package io.tern.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.tern.broker.retained.MemoryRetainedStore;
import io.tern.broker.routing.Message;
import io.tern.codec.MqttProperties;
import io.tern.codec.QoS;
import io.tern.codec.topic.Topics;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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

/**
 * {@link MemoryRetainedStore#match}: finding the retained messages of a topic filter among 100,000
 * retained topics, which the broker does for every filter of every SUBSCRIBE (and a reconnecting
 * fleet of clients resubscribes all at once). A wildcard filter hands over each match to the
 * consumer, so the figure per operation grows with the matches; what to look at is the cost per
 * match and whether the walk allocates.
 *
 * <p>Every name of {@link TopicTree} has a retained message of 16 bytes in a pooled direct buffer
 * (the store copies it into one of its own). The {@code filter} parameter is a pattern whose
 * {@code {s}} and {@code {d}} are replaced by random sites and devices, {@value #FILTERS} filters
 * taken in turn, each with the same number of matches:
 * <ul>
 *   <li>{@code site/{s}/device/{d}/temp}: an exact topic, 1 match;</li>
 *   <li>{@code site/{s}/device/+/temp}: a site's devices, 1,000 matches;</li>
 *   <li>{@code site/{s}/#}: a site's subtree, 1,000 matches;</li>
 *   <li>{@code +/+/device/{d}/temp}: one device number on every site, 100 matches.</li>
 * </ul>
 * The consumer only counts and sums payload sizes; the broker's would deliver each message.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
public class RetainedLookupBenchmark {
    static final int FILTERS = 256;
    static final int PAYLOAD_SIZE = 16;

    @Param({"site/{s}/device/{d}/temp", "site/{s}/device/+/temp", "site/{s}/#", "+/+/device/{d}/temp"})
    public String filter;

    private MemoryRetainedStore store;
    private String[] filters;
    private int next;
    private final Counter counter = new Counter();

    /** The consumer of the matches; one instance, so that the benchmark allocates no lambda per call. */
    static final class Counter implements Consumer<Message> {
        int matches;
        long bytes;

        @Override
        public void accept(Message message) {
            matches++;
            bytes += message.payload().readableBytes();
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(TopicTree.SEED);
        store = new MemoryRetainedStore();
        byte[] bytes = new byte[PAYLOAD_SIZE];
        for (int i = 0; i < TopicTree.SIZE; i++) {
            random.nextBytes(bytes);
            ByteBuf payload = PooledByteBufAllocator.DEFAULT.directBuffer(PAYLOAD_SIZE).writeBytes(bytes);
            Message message = new Message(TopicTree.name(i), QoS.AT_LEAST_ONCE, true, payload,
                    MqttProperties.EMPTY, "publisher");
            store.retain(message); // the store keeps a copy
            message.release();
        }
        if (store.size() != TopicTree.SIZE) {
            throw new IllegalStateException("store holds " + store.size() + " messages, not " + TopicTree.SIZE);
        }
        filters = TopicTree.expand(filter, FILTERS, random);
        int expected = -1;
        for (String f : filters) {
            if (!Topics.isValidTopicFilter(f)) {
                throw new IllegalArgumentException("invalid topic filter " + f);
            }
            counter.matches = 0;
            store.match(f, counter);
            if (expected >= 0 && counter.matches != expected) {
                throw new IllegalStateException(f + " has " + counter.matches + " matches, not " + expected);
            }
            expected = counter.matches;
        }
        System.out.printf("%n%s: %d matches per filter%n", filter, expected);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
        if (store.size() != 0) {
            throw new IllegalStateException("store still holds " + store.size() + " messages");
        }
    }

    @Benchmark
    public long match() {
        Counter c = counter;
        c.matches = 0;
        store.match(filters[next++ & (FILTERS - 1)], c);
        return c.bytes + c.matches;
    }
}
