package io.tern.benchmarks;

import io.tern.codec.topic.Topics;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** {@link Topics#matches} of one topic name against typical filters: wildcards, exact, and a near miss. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TopicMatchBenchmark {
    @Param({
        "sensors/+/floor-2/#",
        "#",
        "sensors/building-1/floor-2/temperature",
        "sensors/building-1/floor-2/humidity",
    })
    public String filter;

    private String topic;

    @Setup
    public void setUp() {
        // not the literal, so that the name and the exact filter are distinct strings, as on the wire
        topic = new String("sensors/building-1/floor-2/temperature".toCharArray());
        if (!Topics.isValidTopicFilter(filter)) {
            throw new IllegalArgumentException("invalid topic filter " + filter);
        }
    }

    @Benchmark
    public boolean matches() {
        return Topics.matches(topic, filter);
    }
}
