package io.tern.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tern.broker.TernBroker;
import io.tern.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code tern bench} run as the command line runs it, against a Tern broker on a free loopback port. */
class BenchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private TernBroker broker;
    private int port;

    @BeforeEach
    void startBroker() {
        broker = TernBroker.builder().listen("127.0.0.1", 0).build();
        port = broker.start().get(0).getPort();
    }

    @AfterEach
    void stopBroker() {
        executor.shutdownNow();
        broker.close();
    }

    @ParameterizedTest(name = "{0} QoS {1} MQTT {2}")
    @CsvSource({
        "pairs,  1, 311, 1",
        "pairs,  2, 5,   1",
        "fanout, 1, 311, 3",
        "fanout, 2, 311, 3",
        "fanin,  1, 5,   1",
        "fanin,  2, 311, 1",
    })
    void deliversEveryAcknowledgedMessageOnceAtQos1And2(String scenario, int qos, String protocol,
                                                        int receiversPerMessage) throws IOException {
        JsonNode summary = bench(scenario, "-c", "3", "-q", Integer.toString(qos), "-V", protocol, "-n", "300",
                "--warmup", "0");

        JsonNode messages = summary.get("messages");
        int publishers = scenario.equals("fanout") ? 1 : 3;
        assertThat(summary.get("publishers").asInt()).isEqualTo(publishers);
        assertThat(messages.get("sent").asLong()).isEqualTo(300L * publishers);
        assertThat(messages.get("acked").asLong()).isEqualTo(messages.get("sent").asLong());
        assertThat(messages.get("expected").asLong()).isEqualTo(messages.get("sent").asLong() * receiversPerMessage);
        assertThat(messages.get("received").asLong()).isEqualTo(messages.get("expected").asLong());
        assertThat(messages.get("lost").asLong()).isZero();
        if (qos == 2) {
            assertThat(messages.get("duplicates").asLong()).isZero();
        }
        assertThat(summary.get("latencyMicros").get("count").asLong()).isEqualTo(messages.get("received").asLong());
        assertThat(summary.get("errors").asLong()).as(summary.toString()).isZero();
    }

    @ParameterizedTest(name = "MQTT {0}")
    @CsvSource({"311", "5"})
    void persistentClientsLeaveTheirSessionsBehind(String protocol) throws IOException {
        bench("pairs", "-c", "3", "-q", "1", "-V", protocol, "-n", "50", "--warmup", "0");
        assertThat(broker.sessions().size()).as("sessions of clean clients").isZero();
        out.getBuffer().setLength(0);

        JsonNode summary = bench("pairs", "-c", "3", "-q", "1", "-V", protocol, "-n", "50", "--warmup", "0",
                "--persistent");

        assertThat(summary.get("messages").get("lost").asLong()).isZero();
        assertThat(broker.sessions().size()).as("sessions of 3 publishers and 3 subscribers").isEqualTo(6);
    }

    @Test
    void warmUpMessagesAreSentButNotCounted() throws IOException {
        JsonNode messages = bench("pairs", "-c", "2", "-q", "1", "-n", "200", "--warmup", "300ms").get("messages");

        assertThat(messages.get("sent").asLong()).isEqualTo(400);
        assertThat(messages.get("received").asLong()).isEqualTo(400);
        assertThat(messages.get("warmupSeconds").asDouble()).isEqualTo(0.3);
    }

    @Test
    void latencyPublishesAtTheRequestedRateAndReportsPercentiles() throws IOException {
        JsonNode summary = bench("latency", "-c", "2", "-q", "1", "--rate", "400", "-d", "2s", "--warmup", "0");

        JsonNode latency = summary.get("latencyMicros");
        assertThat(latency.get("p50").asLong()).isPositive();
        assertThat(latency.get("p99").asLong()).isGreaterThanOrEqualTo(latency.get("p50").asLong());
        assertThat(latency.get("p999").asLong()).isGreaterThanOrEqualTo(latency.get("p99").asLong());
        assertThat(latency.get("max").asLong()).isGreaterThanOrEqualTo(latency.get("p999").asLong());
        assertThat(summary.get("messages").get("sentPerSecond").asDouble()).isBetween(340.0, 440.0);
        assertThat(summary.get("messages").get("lost").asLong()).isZero();
    }

    @Test
    void connsHoldsItsConnectionsOpen() throws Exception {
        Future<Integer> running = executor.submit(() -> execute("bench", "conns", "-p", Integer.toString(port),
                "-c", "50", "--connect-rate", "500", "-d", "3s", "--json"));

        await().atMost(Duration.ofSeconds(10)).until(() -> broker.sessions().size() == 50);
        assertThat(running.get()).as(err.toString()).isZero();
        JsonNode connections = JSON.readTree(out.toString()).get("connections");
        assertThat(connections.get("connected").asLong()).isEqualTo(50);
        assertThat(connections.get("failed").asLong()).isZero();
        assertThat(connections.get("dropped").asLong()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.sessions().size() == 0);
    }

    @Test
    void connsReportsTheBrokersMemoryPerConnection() throws IOException {
        long self = ProcessHandle.current().pid(); // the embedded broker runs in this process
        JsonNode connections = bench("conns", "-c", "20", "-d", "1s", "--pid", Long.toString(self))
                .get("connections");

        assertThat(connections.get("rssBeforeBytes").asLong()).isPositive();
        assertThat(connections.get("rssAfterBytes").asLong()).isPositive();
        assertThat(connections.has("bytesPerConnection")).isTrue();
    }

    @Test
    void saysWhenNoBrokerListens() throws IOException {
        int free;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = socket.getLocalPort();
        }

        int exitCode = execute("bench", "pairs", "-p", Integer.toString(free), "-n", "10");

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).contains(
                "cannot reach 127.0.0.1:" + free + ": connection refused — is a broker running?");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void refusesOptionsThatCannotWork() {
        assertThat(execute("bench", "pairs", "-s", "8")).isEqualTo(2);
        assertThat(err.toString()).contains("--payload-size must be at least 20, not 8");
        assertThat(execute("bench", "pairs", "-d", "5s", "-n", "10")).isEqualTo(2);
        assertThat(execute("bench", "pairs", "--shared-group", "g")).isEqualTo(2);
        assertThat(execute("bench", "storm")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown scenario 'storm'");
    }

    /** Runs {@code tern bench SCENARIO ...} against the broker with --json and returns the summary. */
    private JsonNode bench(String scenario, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("bench", scenario, "-p", Integer.toString(port), "--json"));
        args.addAll(List.of(options));
        int exitCode = execute(args.toArray(String[]::new));
        assertThat(exitCode).as(err.toString()).isZero();
        return JSON.readTree(out.toString());
    }

    private int execute(String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
