package io.tern.cli.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The result of a run: printed as text on standard output, or as one JSON object with {@code --json}.
 * Sections that a scenario does not produce are {@code null} and left out.
 *
 * @param scenario      the scenario
 * @param broker        host:port
 * @param protocol      MQTT version
 * @param threads       event loop threads
 * @param publishers    publishing connections
 * @param subscribers   subscribing connections
 * @param messages      the message counts (scenarios that publish)
 * @param latencyMicros the latency percentiles (scenarios that publish)
 * @param connections   the connection counts and broker memory (conns)
 * @param errors        errors seen
 * @param firstError    the first error's message, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Summary(String scenario, String broker, String protocol, int threads, int publishers, int subscribers,
               Messages messages, Latency latencyMicros, Connections connections, long errors, String firstError) {

    /** How expected, received and lost are counted, for --help and the summary. */
    static final String DEFINITIONS = "expected = measured messages sent (QoS 0) or acknowledged by the broker "
            + "(PUBACK, PUBCOMP for QoS 2), times the subscribers (or shared groups) each reaches; "
            + "received = distinct measured messages received per subscriber group; lost = expected - received; "
            + "duplicates = measured deliveries - received. A message is measured when sent after the warm-up.";

    /**
     * @param qos             quality of service
     * @param payloadSize     payload bytes
     * @param rate            the requested total rate, 0 for as fast as possible
     * @param inflight        the QoS 1/2 window per publisher
     * @param maxAhead        how far a subscriber may be behind its publishers, 0 for no limit
     * @param warmupSeconds   warm-up before the window
     * @param windowSeconds   the measured window: from its start to the last measured message sent
     * @param sent            measured messages sent
     * @param acked           measured QoS 1/2 messages acknowledged (equal to sent for QoS 0)
     * @param expected        deliveries expected
     * @param received        distinct messages received
     * @param lost            expected minus received, at least 0
     * @param duplicates      deliveries of a message already received
     * @param stalls          times a publisher stopped waiting for a subscriber that received nothing more
     * @param sentPerSecond   sent over the window
     * @param receivedPerSecond received over the window from its start to the last measured delivery
     */
    record Messages(int qos, int payloadSize, long rate, int inflight, int maxAhead, double warmupSeconds,
                    double windowSeconds, long sent, long acked, long expected, long received, long lost,
                    long duplicates, long stalls, double sentPerSecond, double receivedPerSecond) {
    }

    /** Latency percentiles in microseconds over the measured messages received. */
    record Latency(long count, long p50, long p99, long p999, long max) {
    }

    /**
     * @param requested         connections asked for
     * @param connected         connections that got their CONNACK
     * @param failed            connections that failed
     * @param connectSeconds    from the first connection attempt to the last CONNACK
     * @param dropped           connections the broker closed while they were held
     * @param heldSeconds       how long they were held
     * @param rssBeforeBytes    the broker's resident memory before connecting ({@code --pid}), or {@code null}
     * @param rssAfterBytes     and once all were connected and settled, or {@code null}
     * @param bytesPerConnection the difference over the connections, or {@code null}
     */
    record Connections(int requested, long connected, long failed, long dropped, double connectSeconds,
                       double heldSeconds,
                       Long rssBeforeBytes, Long rssAfterBytes, Long bytesPerConnection) {
    }

    /** Prints the summary for a reader. */
    void print(PrintWriter out) {
        out.printf(Locale.ROOT, "tern bench %s against %s (MQTT %s), %d publishers, %d subscribers, %d thread%s%n",
                scenario, broker, protocol, publishers, subscribers, threads, threads == 1 ? "" : "s");
        if (messages != null) {
            Messages m = messages;
            out.printf(Locale.ROOT, "  QoS %d, %d-byte payloads, rate %s, in flight <= %d, max ahead %s%n",
                    m.qos, m.payloadSize, m.rate == 0 ? "as fast as possible" : m.rate + " msg/s", m.inflight,
                    m.maxAhead == 0 ? "unlimited" : Integer.toString(m.maxAhead));
            out.printf(Locale.ROOT, "  window      %.2f s after %.1f s of warm-up%n", m.windowSeconds, m.warmupSeconds);
            out.printf(Locale.ROOT, "  sent        %,d (%,.0f msg/s), acknowledged %,d%n", m.sent, m.sentPerSecond,
                    m.acked);
            out.printf(Locale.ROOT, "  received    %,d of %,d expected (%,.0f msg/s)%n", m.received, m.expected,
                    m.receivedPerSecond);
            out.printf(Locale.ROOT, "  lost        %,d   duplicates %,d   stalls %,d%n", m.lost, m.duplicates,
                    m.stalls);
        }
        if (latencyMicros != null) {
            Latency l = latencyMicros;
            out.printf(Locale.ROOT, "  latency     p50 %,d us   p99 %,d us   p99.9 %,d us   max %,d us (%,d messages)%n",
                    l.p50, l.p99, l.p999, l.max, l.count);
        }
        if (connections != null) {
            Connections c = connections;
            out.printf(Locale.ROOT, "  connected   %,d of %,d in %.2f s (%,d failed), held %.1f s (%,d dropped)%n",
                    c.connected, c.requested, c.connectSeconds, c.failed, c.heldSeconds, c.dropped);
            if (c.bytesPerConnection != null) {
                out.printf(Locale.ROOT, "  broker RSS  %,d KiB before, %,d KiB after: %,d bytes per connection%n",
                        c.rssBeforeBytes / 1024, c.rssAfterBytes / 1024, c.bytesPerConnection);
            }
        }
        out.printf(Locale.ROOT, "  errors      %,d%s%n", errors, firstError == null ? "" : " (first: " + firstError + ")");
        if (messages != null) {
            out.println("  " + DEFINITIONS);
        }
        out.flush();
    }
}
