package io.tern.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tern.cli.Durations;
import io.tern.cli.TernCommand;
import io.tern.codec.QoS;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code tern bench}: a load generator for MQTT brokers, built on Tern's codec and Netty. It prints a
 * progress line every second on standard error and a summary on standard output (one JSON object
 * with {@code --json}); it exits with 0 when the run completes, 1 when the broker cannot be reached
 * or refuses the clients, 2 for bad options.
 */
@Command(name = "bench",
        versionProvider = TernCommand.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Benchmarks an MQTT broker (Tern, mosquitto, any other) with one of these scenarios:",
            "  pairs    N publishers each to its own topic, N subscribers one per topic",
            "  fanout   1 publisher, N subscribers on its topic",
            "  fanin    N publishers, 1 subscriber on a wildcard (or a --shared-group)",
            "  latency  N pairs at a fixed total --rate (default 1000 msg/s)",
            "  conns    N idle connections at --connect-rate, held for -d",
            "",
            "Subscribers connect and subscribe before publishers start. Publishers send through the warm-up,"
                    + " then the measured window (-d, or -n messages each), then stop; the bench waits up to 5 s"
                    + " for deliveries in flight, then prints the summary.",
            ""},
        footer = {
            "",
            Summary.DEFINITIONS,
            "",
            "Each payload starts with a 20-byte header (publisher, sequence number, send time); subscribers"
                    + " read it for latency, losses and duplicates, which is why publishers and subscribers run"
                    + " in this one process. --threads defaults to 1: one event loop is enough to load a broker on"
                    + " a small machine and leaves the other cores to the broker under test; raise it when the"
                    + " bench's own thread is busy all the time.",
            "",
            "Examples:",
            "  tern bench pairs -c 50 -q 1 -d 30s",
            "  tern bench fanout -c 200 -s 256",
            "  tern bench fanin -c 100 --shared-group g --subscribers 4 -q 1",
            "  tern bench latency -c 20 --rate 2000 -q 1 --json",
            "  tern bench conns -c 10000 --connect-rate 2000 --pid $(pgrep -f 'tern.jar broker')"})
public final class BenchCommand implements Callable<Integer> {
    private static final int DEFAULT_CLIENTS = 10;
    private static final int DEFAULT_CONNECTIONS = 1000;
    private static final long DEFAULT_LATENCY_RATE = 1000;
    private static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "pairs, fanout, fanin, latency or conns")
    private String scenario;

    @Option(names = "--help", usageHelp = true, order = 0, description = "show this help and exit")
    private boolean help;

    @Mixin
    private ConnectionOptions connection;

    @Option(names = {"-c", "--clients"}, paramLabel = "N", order = 20,
            description = "N of the scenario: pairs, publishers, subscribers or connections. "
                    + "Default: 10, conns " + DEFAULT_CONNECTIONS)
    private Integer clients;

    @Option(names = {"-q", "--qos"}, paramLabel = "QOS", defaultValue = "0", order = 21,
            description = "QoS of messages and subscriptions: 0, 1 or 2. Default: ${DEFAULT-VALUE}")
    private int qos;

    @Option(names = {"-s", "--payload-size"}, paramLabel = "BYTES", defaultValue = "64", order = 22,
            description = "payload size, at least " + Payload.HEADER_SIZE + ". Default: ${DEFAULT-VALUE}")
    private int payloadSize;

    @Option(names = "--rate", paramLabel = "MSG/S", order = 23,
            description = "total messages per second over all publishers, 0 for as fast as possible. "
                    + "Default: 0, latency " + DEFAULT_LATENCY_RATE)
    private Long rate;

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", converter = DurationConverter.class, order = 24,
            description = "measured window (conns: how long connections are held), e.g. 30s. Default: 10s")
    private Duration duration;

    @Option(names = {"-n", "--count"}, paramLabel = "N", order = 25,
            description = "measured messages per publisher, instead of -d")
    private Long count;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            order = 26, description = "publishing before the measured window, not counted. Default: ${DEFAULT-VALUE}")
    private Duration warmup;

    @Option(names = {"-t", "--topic"}, paramLabel = "PATTERN", defaultValue = "tern-bench/%i", order = 27,
            description = "topic; %%i stands for the client index. Default: ${DEFAULT-VALUE}")
    private String topic;

    @Option(names = "--inflight", paramLabel = "N", defaultValue = "64", order = 28,
            description = "unacknowledged QoS 1/2 messages per publisher (at most the broker's Receive Maximum). "
                    + "Default: ${DEFAULT-VALUE}")
    private int inflight;

    @Option(names = "--max-ahead", paramLabel = "N", defaultValue = "1000", order = 29,
            description = "messages a subscriber may be behind its publishers (shared evenly by them), 0 for no "
                    + "limit: bounds the subscribers' queues in the broker, which would otherwise grow (QoS 0) or "
                    + "overflow, and dominate the figures. Default: ${DEFAULT-VALUE}")
    private int maxAhead;

    @Option(names = "--subscribers", paramLabel = "N", order = 30,
            description = "fanin: subscribers on the wildcard (each gets every message, or one share of them "
                    + "with --shared-group). Default: 1")
    private Integer subscribers;

    @Option(names = "--shared-group", paramLabel = "GROUP", order = 31,
            description = "fanin: subscribe as $share/GROUP/FILTER")
    private String sharedGroup;

    @Option(names = "--connect-rate", paramLabel = "N", defaultValue = "1000", order = 32,
            description = "new connections per second. Default: ${DEFAULT-VALUE}")
    private int connectRate;

    @Option(names = "--pid", paramLabel = "PID", order = 33,
            description = "conns: the broker's process id, to report its memory per connection (Linux)")
    private Long pid;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1", order = 34,
            description = "event loop threads of the bench. Default: ${DEFAULT-VALUE}")
    private int threads;

    @Option(names = "--json", order = 35, description = "print the summary as one JSON object")
    private boolean json;

    @Override
    public Integer call() throws InterruptedException, ExecutionException, JsonProcessingException {
        BenchSettings settings = settings();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        Summary summary;
        try {
            summary = settings.scenario().publishes()
                    ? new LoadRun(settings, err).run()
                    : new ConnsRun(settings, err).run();
        } catch (BenchException e) {
            err.println("tern bench: " + e.getMessage());
            err.flush();
            return ExitCode.SOFTWARE;
        }
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(summary)); // made here: Jackson takes 0.3 s to start
            out.flush();
        } else {
            summary.print(out);
        }
        return ExitCode.OK;
    }

    /** The options, checked, with the defaults of the scenario. */
    private BenchSettings settings() {
        try {
            Scenario chosen = Scenario.of(scenario);
            if (count != null && duration != null && chosen.publishes()) {
                throw new IllegalArgumentException("give -d or -n, not both");
            }
            if ((subscribers != null || sharedGroup != null) && chosen != Scenario.FANIN) {
                throw new IllegalArgumentException("--subscribers and --shared-group are for fanin only");
            }
            if (pid != null && chosen != Scenario.CONNS) {
                throw new IllegalArgumentException("--pid is for conns only");
            }
            if (sharedGroup != null && (sharedGroup.isEmpty() || sharedGroup.matches(".*[/+#].*"))) {
                throw new IllegalArgumentException("--shared-group must be a name without /, + or #");
            }
            int n = clients != null ? clients : chosen == Scenario.CONNS ? DEFAULT_CONNECTIONS : DEFAULT_CLIENTS;
            long total = rate != null ? rate : chosen == Scenario.LATENCY ? DEFAULT_LATENCY_RATE : 0;
            requireAtLeast("--clients", n, 1);
            requireAtLeast("--subscribers", subscribers == null ? 1 : subscribers, 1);
            requireAtLeast("--payload-size", payloadSize, Payload.HEADER_SIZE);
            requireAtLeast("--rate", total, 0);
            requireAtLeast("--count", count == null ? 1 : count, 1);
            requireAtLeast("--inflight", inflight, 1);
            requireAtLeast("--max-ahead", maxAhead, 0);
            requireAtLeast("--connect-rate", connectRate, 1);
            requireAtLeast("--threads", threads, 1);
            if (inflight > 0xFFFF - 1) {
                throw new IllegalArgumentException("--inflight must be below 65535, not " + inflight);
            }
            if (qos < 0 || qos > 2) {
                throw new IllegalArgumentException("--qos must be 0, 1 or 2, not " + qos);
            }
            Duration window = duration != null ? duration : DEFAULT_DURATION;
            if (window.isZero() && count == null) {
                throw new IllegalArgumentException("--duration must be more than 0s");
            }
            return new BenchSettings(chosen, connection.target(), n, subscribers == null ? 1 : subscribers,
                    sharedGroup, QoS.of(qos), payloadSize, total, window, count == null ? 0 : count,
                    chosen.publishes() ? warmup : Duration.ZERO, new TopicPattern(topic), inflight, maxAhead,
                    connectRate, pid == null ? 0 : pid, threads);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private static void requireAtLeast(String option, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(option + " must be at least " + minimum + ", not " + value);
        }
    }

    /** Reads {@code -d} and {@code --warmup} as Tern writes durations everywhere (500ms, 10s, 2m), or 0. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            if (value.trim().equals("0")) {
                return Duration.ZERO;
            }
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
