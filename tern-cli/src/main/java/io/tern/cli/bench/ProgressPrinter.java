package io.tern.cli.bench;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The live progress line on standard error, once a second, from its own daemon thread: messages sent
 * and received per second, QoS 1/2 messages in flight, the p99 latency of the second and errors; or,
 * for connections, how many are open.
 */
final class ProgressPrinter implements AutoCloseable {
    private final PrintWriter err;
    private final LoadStats stats;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tern-bench-progress");
        thread.setDaemon(true);
        return thread;
    });
    private final long start = System.nanoTime();
    private long lastSent;
    private long lastReceived;
    private long lastConnected;

    /** {@code clock} is {@code null} for a run that only connects. */
    ProgressPrinter(PrintWriter err, LoadStats stats, Clock clock) {
        this.err = err;
        this.stats = stats;
        this.clock = clock;
    }

    /** Prints a line every second from now on. */
    void start() {
        timer.scheduleAtFixedRate(this::print, 1, 1, TimeUnit.SECONDS);
    }

    private void print() {
        long seconds = Math.round((System.nanoTime() - start) / 1e9);
        if (clock == null) {
            long connected = stats.connected.sum();
            err.printf(Locale.ROOT, "%4ds  connected %,d (+%,d/s)  errors %,d%n", seconds, connected,
                    connected - lastConnected, stats.errors.sum());
            lastConnected = connected;
        } else {
            long sent = stats.sent.sum();
            long received = stats.received.sum();
            Histogram latency = stats.takeLatencyInterval();
            err.printf(Locale.ROOT, "%4ds  sent %,d/s  received %,d/s  in flight %,d  p99 %s  errors %,d%s%n", seconds,
                    sent - lastSent, received - lastReceived, stats.inflight.sum(),
                    latency.getTotalCount() == 0 ? "-" : String.format(Locale.ROOT, "%,d us",
                            latency.getValueAtPercentile(99)),
                    stats.errors.sum(), clock.measuring() ? "" : "  (warm-up)");
            lastSent = sent;
            lastReceived = received;
        }
        err.flush();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
