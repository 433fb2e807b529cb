package io.tern.cli.bench;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The counters every client of a run adds to from its event loop, and the latency recorder: what the
 * progress line shows each second and the summary totals. Adding is wait-free and allocates nothing.
 */
final class LoadStats {
    /** Messages written by publishers, warm-up included. */
    final LongAdder sent = new LongAdder();
    /** Messages written in the measured window. */
    final LongAdder measuredSent = new LongAdder();
    /** Measured QoS 1/2 messages whose flow the broker completed (PUBACK, or PUBCOMP for QoS 2). */
    final LongAdder measuredAcked = new LongAdder();
    /** QoS 1/2 messages sent and not yet acknowledged. */
    final LongAdder inflight = new LongAdder();
    /** Messages received by subscribers, warm-up and duplicates included. */
    final LongAdder received = new LongAdder();
    /** Measured messages received, duplicates included. */
    final LongAdder measuredReceived = new LongAdder();
    /** Times a publisher gave up waiting for a subscriber that stopped receiving its messages. */
    final LongAdder stalls = new LongAdder();
    /** Connections opened (CONNACK received). */
    final LongAdder connected = new LongAdder();
    /** Errors: refused acknowledgements, lost connections, failed connections, stray messages. */
    final LongAdder errors = new LongAdder();

    private final Recorder latency = new Recorder(3);
    private final Histogram total = new Histogram(3);
    private Histogram interval;
    private volatile String firstError;

    /** Records the latency of one measured message, in microseconds. */
    void recordLatency(long micros) {
        latency.recordValue(Math.max(0, micros));
    }

    /** Counts an error; the first one's message is kept for the summary. */
    void error(String message) {
        errors.increment();
        if (firstError == null) {
            firstError = message;
        }
    }

    /** The message of the first error, or {@code null}. */
    String firstError() {
        return firstError;
    }

    /** The latencies recorded since the last call, which are also added to {@link #totalLatency()}. */
    synchronized Histogram takeLatencyInterval() {
        interval = latency.getIntervalHistogram(interval);
        total.add(interval);
        return interval;
    }

    /** Every latency recorded so far. */
    synchronized Histogram totalLatency() {
        takeLatencyInterval();
        return total.copy();
    }
}
