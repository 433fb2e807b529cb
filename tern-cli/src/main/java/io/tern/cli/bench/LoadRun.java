package io.tern.cli.bench;

import io.netty.util.concurrent.Future;
import io.tern.codec.QoS;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * One run of a scenario that publishes: connects and subscribes every subscriber, connects the
 * publishers, publishes through the warm-up and the measured window, stops the publishers, waits for
 * what is in flight to drain, then counts.
 */
final class LoadRun {
    /** How long deliveries may take to drain once publishers stop. */
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Drain ends sooner when nothing has arrived for this long and nothing is in flight. */
    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** A counted run in which no message is sent for this long has stalled. */
    private static final long NO_PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final BenchSettings settings;
    private final PrintWriter err;
    private final Topology topology;
    private final LoadStats stats = new LoadStats();
    private final Clock clock = new Clock();

    LoadRun(BenchSettings settings, PrintWriter err) {
        this.settings = settings;
        this.err = err;
        this.topology = settings.scenario().topology(settings);
    }

    Summary run() throws InterruptedException, ExecutionException {
        int publisherCount = topology.publishers();
        Watermark[][] watermarks = new Watermark[topology.groups()][publisherCount];
        for (int p = 0; p < publisherCount; p++) {
            for (int group : topology.groupsOfPublisher()[p]) {
                watermarks[group][p] = new Watermark();
            }
        }
        int logSize = settings.counted() ? (int) Math.min(settings.count(), 1 << 24) : 1 << 16;
        Subscriber[] subscribers = new Subscriber[topology.subscribers()];
        Publisher[] publishers = new Publisher[publisherCount];
        CountDownLatch stopped = new CountDownLatch(publisherCount);
        double ratePerPublisher = (double) settings.rate() / publisherCount;
        // --max-ahead bounds what a subscriber has outstanding: its publishers share it.
        int aheadPerPublisher = settings.maxAhead() == 0 ? 0
                : Math.max(1, settings.maxAhead() / Math.max(1, topology.publishersPerGroup()));
        try (Connections connections = new Connections(settings.target(), settings.threads());
             ProgressPrinter progress = new ProgressPrinter(err, stats, clock)) {
            Connections.awaitAll(connections.open(subscribers.length, "sub", settings.connectRate(),
                    i -> subscribers[i] = new Subscriber(i, topology.subscriberFilters().get(i), settings.qos(),
                            watermarks[topology.groupOfSubscriber()[i]], logSize, clock, stats)));
            List<Future<Void>> subacks = new ArrayList<>();
            for (Subscriber subscriber : subscribers) {
                subacks.add(subscriber.subscribe());
            }
            for (Future<Void> suback : subacks) {
                await(suback, "SUBACK");
            }
            Connections.awaitAll(connections.open(publisherCount, "pub", settings.connectRate(),
                    i -> publishers[i] = new Publisher(i, settings, template(i), receivers(watermarks, i),
                            aheadPerPublisher, ratePerPublisher, clock, stats, stopped)));
            progress.start();
            clock.start(settings.warmup(), settings.counted() ? null : settings.duration());
            for (int i = 0; i < publisherCount; i++) {
                publishers[i].start((double) i / publisherCount);
            }
            awaitPublishers(publishers, stopped);
            drain();
            return summary(publishers, subscribers);
        }
    }

    private PublishTemplate template(int publisher) {
        return new PublishTemplate(topology.publisherTopics().get(publisher), settings.qos(), settings.payloadSize(),
                settings.target().version());
    }

    private Watermark[] receivers(Watermark[][] watermarks, int publisher) {
        int[] groups = topology.groupsOfPublisher()[publisher];
        Watermark[] receivers = new Watermark[groups.length];
        for (int i = 0; i < groups.length; i++) {
            receivers[i] = watermarks[groups[i]][publisher];
        }
        return receivers;
    }

    /** Until the window ends (then stops them), or until each has sent its count. */
    private void awaitPublishers(Publisher[] publishers, CountDownLatch stopped) throws InterruptedException {
        if (!settings.counted()) {
            Clock.sleepUntil(clock.measureUntil());
            for (Publisher publisher : publishers) {
                publisher.stop();
            }
            stopped.await();
            return;
        }
        long lastSent = -1;
        long progressAt = System.nanoTime();
        while (!stopped.await(100, TimeUnit.MILLISECONDS)) {
            long sent = stats.sent.sum();
            long now = System.nanoTime();
            if (sent != lastSent) {
                lastSent = sent;
                progressAt = now;
            } else if (now - progressAt > NO_PROGRESS_NANOS) {
                for (Publisher publisher : publishers) {
                    publisher.stop();
                }
                stopped.await();
                stats.error("publishers sent nothing for " + TimeUnit.NANOSECONDS.toSeconds(NO_PROGRESS_NANOS)
                        + " s: stopped before their count");
            }
        }
    }

    /** Waits until every expected delivery has arrived and nothing is in flight, within bounds. */
    private void drain() {
        long start = System.nanoTime();
        long quietSince = start;
        long lastReceived = stats.received.sum();
        for (long now = start; now - start < DRAIN_NANOS; now = System.nanoTime()) {
            boolean nothingInFlight = stats.inflight.sum() == 0;
            if (nothingInFlight && stats.measuredReceived.sum() >= expectedSoFar()) {
                return;
            }
            long received = stats.received.sum();
            if (received != lastReceived) {
                lastReceived = received;
                quietSince = now;
            } else if (nothingInFlight && now - quietSince > QUIET_NANOS) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private long expectedSoFar() {
        long accepted = settings.qos() == QoS.AT_MOST_ONCE ? stats.measuredSent.sum() : stats.measuredAcked.sum();
        return accepted * topology.receiversPerMessage();
    }

    private Summary summary(Publisher[] publishers, Subscriber[] subscribers)
            throws InterruptedException, ExecutionException {
        Publisher.Totals[] totals = new Publisher.Totals[publishers.length];
        long sent = 0;
        long acked = 0;
        long lastSentAt = clock.measureFrom();
        for (int p = 0; p < publishers.length; p++) {
            totals[p] = publishers[p].totals().get();
            sent += totals[p].measuredSent();
            acked += totals[p].measuredAcked();
            lastSentAt = Math.max(lastSentAt, totals[p].lastSentAt());
        }
        if (settings.qos() == QoS.AT_MOST_ONCE) {
            acked = sent;
        }
        long received = distinctReceived(totals, subscribers);
        long lastReceivedAt = clock.measureFrom();
        for (Subscriber subscriber : subscribers) {
            lastReceivedAt = Math.max(lastReceivedAt, subscriber.lastMeasuredAt().get());
        }
        long expected = acked * topology.receiversPerMessage();
        double window = settings.counted() ? (lastSentAt - clock.measureFrom()) / 1e9
                : settings.duration().toNanos() / 1e9;
        double receiveWindow = (lastReceivedAt - clock.measureFrom()) / 1e9;
        Summary.Messages messages = new Summary.Messages(settings.qos().value(), settings.payloadSize(),
                settings.rate(), settings.inflight(), settings.maxAhead(), settings.warmup().toMillis() / 1000.0,
                window, sent, acked, expected, received, Math.max(0, expected - received),
                Math.max(0, stats.measuredReceived.sum() - received), stats.stalls.sum(), perSecond(sent, window),
                perSecond(received, receiveWindow));
        Histogram latency = stats.totalLatency();
        Summary.Latency latencyMicros = new Summary.Latency(latency.getTotalCount(),
                latency.getValueAtPercentile(50), latency.getValueAtPercentile(99),
                latency.getValueAtPercentile(99.9), latency.getMaxValue());
        return new Summary(settings.scenario().cliName(), settings.target().address(),
                settings.target().protocol(), settings.threads(), publishers.length,
                subscribers.length, messages, latencyMicros, null, stats.errors.sum(), stats.firstError());
    }

    /** Distinct measured messages, per subscriber group and publisher: the members of a shared group pool theirs. */
    private long distinctReceived(Publisher.Totals[] totals, Subscriber[] subscribers)
            throws InterruptedException, ExecutionException {
        long distinct = 0;
        for (int p = 0; p < totals.length; p++) {
            Publisher.Totals sent = totals[p];
            if (sent.firstMeasured() < 0) {
                continue;
            }
            for (int group : topology.groupsOfPublisher()[p]) {
                BitSet union = new BitSet();
                for (int s = 0; s < subscribers.length; s++) {
                    if (topology.groupOfSubscriber()[s] == group) {
                        SequenceLog log = subscribers[s].log(p).get();
                        if (log != null) {
                            log.addTo(union);
                        }
                    }
                }
                distinct += union.get((int) sent.firstMeasured(), (int) Math.min(sent.end(), Integer.MAX_VALUE))
                        .cardinality();
            }
        }
        return distinct;
    }

    private static double perSecond(long count, double seconds) {
        return seconds > 0 ? count / seconds : 0;
    }

    private static void await(Future<?> future, String what) throws InterruptedException {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof BenchException bench ? bench : new BenchException(what + ": " + e.getCause());
        } catch (TimeoutException e) {
            throw new BenchException("no " + what + " within 10 s");
        }
    }
}
