package io.tern.cli.bench;

import io.tern.codec.QoS;
import java.time.Duration;

/**
 * One run of {@code tern bench}, its options checked and their scenario defaults applied.
 *
 * @param scenario       what to run
 * @param target         the broker
 * @param clients        N of the scenario: publishers, subscribers, pairs or connections
 * @param subscribers    the subscribers of fanin (1 unless {@code --subscribers})
 * @param sharedGroup    fanin: the shared subscription group of the subscribers, or {@code null}
 * @param qos            QoS of publications and subscriptions
 * @param payloadSize    payload bytes, at least {@link Payload#HEADER_SIZE}
 * @param rate           total messages per second over all publishers, 0 for as fast as possible
 * @param duration       the measured window (conns: how long connections are held)
 * @param count          measured messages per publisher, or 0 to run for {@code duration}
 * @param warmup         time publishing before the measured window
 * @param topic          the topic pattern
 * @param inflight       unacknowledged QoS 1/2 messages per publisher
 * @param maxAhead       messages a publisher may be ahead of its slowest subscriber, 0 for no limit
 * @param connectRate    new connections per second
 * @param pid            conns: the broker's process id for its memory use, or 0
 * @param threads        event loop threads
 */
record BenchSettings(Scenario scenario, Target target, int clients, int subscribers, String sharedGroup, QoS qos,
                     int payloadSize, long rate, Duration duration, long count, Duration warmup, TopicPattern topic,
                     int inflight, int maxAhead, int connectRate, long pid, int threads) {
    /** Whether the run ends after {@link #count} measured messages per publisher rather than after a duration. */
    boolean counted() {
        return count > 0;
    }
}
