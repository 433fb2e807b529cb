package io.tern.cli.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tern.cli.interop.Peers.Peer;
import io.tern.cli.support.BrokerProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code tern pub} and {@code tern sub} (tern.jar as a process) with mosquitto_pub and mosquitto_sub,
 * through a real mosquitto broker and through {@code tern broker}, each on a free loopback port: each
 * tool hears the other, and {@code -F} prints the same bytes in both for the same message.
 */
@Timeout(180)
class PubSubInteropIT {
    private static final String MOSQUITTO = "/usr/sbin/mosquitto";

    @TempDir
    Path dir;

    private Peers peers;
    private BrokerProcess ternBroker;
    private Path ternJar;
    private int port;

    @RegisterExtension
    final org.junit.jupiter.api.extension.TestWatcher logs = MosquittoClients.brokerLogOnFailure(() -> ternBroker);

    @BeforeEach
    void peers() throws IOException {
        Peers.assumeAfterPackage();
        MosquittoClients.requireInstalled();
        peers = new Peers(dir);
        ternJar = Files.copy(BrokerProcess.ternJar(), dir.resolve("tern-client.jar"), StandardCopyOption.REPLACE_EXISTING);
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        try {
            peers.close();
        } finally {
            if (ternBroker != null) {
                ternBroker.close();
            }
        }
    }

    @ParameterizedTest(name = "through {0}")
    @ValueSource(strings = {"mosquitto", "tern"})
    @DisplayName("mosquitto_pub → tern sub, and tern pub → mosquitto_sub, MQTT 3.1.1 and 5")
    void eachHearsTheOther(String brokerName) throws IOException {
        startBroker(brokerName);
        for (String version : List.of("mqttv311", "mqttv5")) {
            MosquittoClients mosquittoClients = new MosquittoClients(peers, port, version);

            Peer ternSub = ternSub("tern-sub-" + version, "-V", version, "-t", "to/tern", "-q", "1", "-C", "2", "-v");
            mosquittoClients.publish("-t", "to/tern", "-m", "from mosquitto_pub", "-q", "1");
            mosquittoClients.publish("-t", "to/tern", "-n", "-q", "1");
            assertThat(ternSub.awaitExit(Peers.RUN_TIMEOUT)).as(ternSub.output()).isZero();
            assertThat(messages(ternSub)).containsExactly("to/tern from mosquitto_pub", "to/tern (null)");

            Peer mosquittoSub = mosquittoClients.subscribe("mosquitto-sub-" + version, "-t", "to/mosquitto", "-q", "2",
                    "-C", "1", "-v");
            ternPub("-V", version, "-t", "to/mosquitto", "-m", "from tern pub", "-q", "2");
            assertThat(MosquittoClients.messages(mosquittoSub)).containsExactly("to/mosquitto from tern pub");
        }
    }

    @ParameterizedTest(name = "through {0}")
    @ValueSource(strings = {"mosquitto", "tern"})
    @DisplayName("-F: tern sub prints what mosquitto_sub prints for the same message, MQTT 5 properties, an explicit "
            + "payload format indicator 0 and the packet identifier included")
    void sameFormattedOutput(String brokerName) throws IOException {
        startBroker(brokerName);
        MosquittoClients mosquittoClients = new MosquittoClients(peers, port, "mqttv5");
        String format = "%t|%p|%q|%r|%l|%x|%X|%10.3t|%-8l|%08l|%-5q|%m|[%C][%R][%D][%F][%P][%5A]|%%|@@|\\t|end";
        List<String> args = List.of("-t", "same/#", "-q", "1", "-C", "3", "-F", format);

        Peer ternSub = ternSub("tern-sub", concat(List.of("-V", "mqttv5"), args.toArray(String[]::new)));
        Peer mosquittoSub = mosquittoClients.subscribe("mosquitto-sub", args);
        mosquittoClients.publish("-t", "same/plain", "-m", "héllo wörld");
        mosquittoClients.publish("-t", "same/props", "-m", "{\"a\": [1, 2.5]}", "-D", "publish", "content-type",
                "application/json", "-D", "publish", "response-topic", "re/ply", "-D", "publish", "correlation-data",
                "c-1", "-D", "publish", "payload-format-indicator", "1", "-D", "publish", "user-property", "k", "v",
                "-q", "1");
        mosquittoClients.publish("-t", "same/bytes", "-m", "raw", "-D", "publish", "payload-format-indicator", "0");

        List<String> expected = MosquittoClients.messages(mosquittoSub);
        assertThat(ternSub.awaitExit(Peers.RUN_TIMEOUT)).as(ternSub.output()).isZero();
        assertThat(expected).hasSize(3);
        assertThat(messages(ternSub)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest(name = "through {0}")
    @ValueSource(strings = {"mosquitto", "tern"})
    @DisplayName("-d: tern pub and tern sub print the packet lines mosquitto_pub and mosquitto_sub print, QoS 0 to 2, "
            + "MQTT 3.1.1 and 5")
    void sameDebugLines(String brokerName) throws IOException {
        startBroker(brokerName);
        for (String version : List.of("mqttv311", "mqttv5")) {
            MosquittoClients mosquittoClients = new MosquittoClients(peers, port, version);
            List<String> subArgs = List.of("-t", "dbg/" + version, "-q", "2", "-C", "6");
            Peer ternSub = ternSub("tern-sub-" + version, concat(List.of("-V", version, "-i", "tern-sub"),
                    subArgs.toArray(String[]::new)));
            Peer mosquittoSub = mosquittoClients.subscribe("mosquitto-sub-" + version,
                    concat(List.of("-i", "mosquitto-sub"), subArgs.toArray(String[]::new)));

            // QoS 2 first: mosquitto_sub counts a QoS 2 message for -C at PUBREL, tern sub at PUBLISH
            for (String qos : List.of("2", "1", "0")) {
                String[] pubArgs = {"-t", "dbg/" + version, "-m", "12345", "-q", qos, "-i", "sender"};
                String mosquittoPub = mosquittoClients.publish(pubArgs);
                String ternPub = ternPub(concat(List.of("-V", version, "-d"), pubArgs).toArray(String[]::new));
                assertThat(ternPub).as("tern pub -q %s", qos).isEqualTo(mosquittoPub);
            }

            assertThat(ternSub.awaitExit(Peers.RUN_TIMEOUT)).as(ternSub.output()).isZero();
            List<String> expected = debugLines(mosquittoSub, "mosquitto-sub");
            assertThat(expected).contains("Client SUB received PUBREL (Mid: 2)");
            assertThat(debugLines(ternSub, "tern-sub")).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "through {0}")
    @ValueSource(strings = {"mosquitto", "tern"})
    @DisplayName("-F %j and %J: the same JSON as mosquitto_sub's, \"mid\" included, but for the time stamp")
    void sameJson(String brokerName) throws IOException {
        startBroker(brokerName);
        MosquittoClients mosquittoClients = new MosquittoClients(peers, port, "mqttv311");
        List<String> args = List.of("-t", "json", "-q", "2", "-C", "2", "-F", "%j\\t%J");

        Peer ternSub = ternSub("tern-sub", args);
        Peer mosquittoSub = mosquittoClients.subscribe("mosquitto-sub", args);
        mosquittoClients.publish("-t", "json", "-m", "{\"temperature\":27.0,\"tags\":[\"a\\\"b\",null,false],\"n\":-1.5e-7}");
        mosquittoClients.publish("-t", "json", "-m", "[1, 2, {}]", "-r", "-q", "2");

        List<String> expected = withoutTimeStamps(MosquittoClients.messages(mosquittoSub));
        assertThat(ternSub.awaitExit(Peers.RUN_TIMEOUT)).as(ternSub.output()).isZero();
        assertThat(expected).hasSize(2);
        assertThat(withoutTimeStamps(messages(ternSub))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest(name = "through {0}")
    @ValueSource(strings = {"mosquitto", "tern"})
    @DisplayName("-W: both exit with 27 when no message comes")
    void sameTimeoutExitCode(String brokerName) throws IOException {
        startBroker(brokerName);

        Peer ternSub = peers.run("tern-sub", ternCommand("sub", "-p", String.valueOf(port), "-t", "silence", "-W", "1"));
        Peer mosquittoSub = peers.run("mosquitto-sub", List.of(Peers.program("mosquitto_sub"), "-p",
                String.valueOf(port), "-t", "silence", "-W", "1"));

        assertThat(mosquittoSub.process().exitValue()).isEqualTo(27);
        assertThat(ternSub.process().exitValue()).as(ternSub.output()).isEqualTo(27);
    }

    @ParameterizedTest(name = "through {0}")
    @ValueSource(strings = {"mosquitto", "tern"})
    @DisplayName("--will-*: when tern sub dies, the broker publishes its will to mosquitto_sub [MQTT-3.1.2-8]")
    void willOfAKilledClient(String brokerName) throws IOException {
        startBroker(brokerName);
        MosquittoClients mosquittoClients = new MosquittoClients(peers, port, "mqttv311");
        Peer watcher = mosquittoClients.subscribe("mosquitto-sub", "-t", "wills/#", "-C", "1", "-v", "-q", "1");

        Peer dying = ternSub("tern-sub", "-t", "anything", "--will-topic", "wills/tern-sub", "--will-payload",
                "gone", "--will-qos", "1", "--will-retain");
        dying.process().destroyForcibly();

        assertThat(MosquittoClients.messages(watcher)).containsExactly("wills/tern-sub gone");
    }

    @Test
    @DisplayName("SIGTERM (as Ctrl-C): tern sub disconnects, exits with 0, and the broker discards its will"
            + " [MQTT-3.14.4-3]")
    void stoppedBySignal() throws IOException {
        startBroker("tern");
        MosquittoClients mosquittoClients = new MosquittoClients(peers, port, "mqttv311");
        Peer watcher = mosquittoClients.subscribe("mosquitto-sub", "-t", "wills/#", "-v", "-W", "3");

        Peer stopped = ternSub("tern-sub", "-t", "anything", "--will-topic", "wills/tern-sub", "--will-payload", "gone");
        stopped.process().destroy();

        assertThat(stopped.awaitExit(Peers.RUN_TIMEOUT)).as(stopped.output()).isZero();
        assertThat(stopped.output()).endsWith("sending DISCONNECT\n");
        assertThat(watcher.awaitExit(Peers.RUN_TIMEOUT)).as("mosquitto_sub timed out (27) without a will")
                .isEqualTo(27);
        assertThat(watcher.output()).doesNotContain("gone");
    }

    private void startBroker(String name) throws IOException {
        if (name.equals("tern")) {
            ternBroker = BrokerProcess.startJar(dir, "broker", "--bind", "127.0.0.1", "-p", "0");
            port = ternBroker.awaitPort();
            return;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path config = Files.writeString(dir.resolve("mosquitto.conf"), "listener " + port + " 127.0.0.1\n"
                + "allow_anonymous true\npersistence false\n");
        Peer mosquitto = peers.start("mosquitto", List.of(MOSQUITTO, "-c", config.toString()));
        await("mosquitto accepting on " + port).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    assertThat(mosquitto.process().isAlive()).as(mosquitto.output()).isTrue();
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    /** Starts tern sub with -d and ARGS and waits until it has its SUBACK. */
    private Peer ternSub(String name, String... args) {
        return ternSub(name, List.of(args));
    }

    private Peer ternSub(String name, List<String> args) {
        Peer sub = peers.start(name, ternCommand("sub", concat(List.of("-p", String.valueOf(port), "-d", "-W", "30"),
                args.toArray(String[]::new)).toArray(String[]::new)));
        sub.awaitOutput("Subscribed (", Duration.ofSeconds(30));
        return sub;
    }

    /** Runs tern pub with ARGS to its end, fails unless it exits with 0, and returns its output. */
    private String ternPub(String... args) {
        return peers.run("tern-pub", ternCommand("pub", concat(List.of("-p", String.valueOf(port)), args)
                .toArray(String[]::new))).awaitSuccess(Peers.RUN_TIMEOUT).output();
    }

    private List<String> ternCommand(String command, String... args) {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", ternJar.toString(), command));
        line.addAll(List.of(args));
        return line;
    }

    /** What tern sub printed, less the lines of -d. */
    private static List<String> messages(Peer ternSub) {
        return ternSub.lines().stream()
                .filter(line -> !line.startsWith("Client ") && !line.startsWith("Subscribed ("))
                .toList();
    }

    /** The -d lines a subscriber printed, its client id replaced by SUB, once it exited with 0 after its -C messages. */
    private static List<String> debugLines(Peer subscriber, String clientId) {
        MosquittoClients.messages(subscriber);
        return subscriber.lines().stream()
                .filter(line -> line.startsWith("Client ") || line.startsWith("Subscribed ("))
                .map(line -> line.replace("Client " + clientId + " ", "Client SUB "))
                .toList();
    }

    private static List<String> withoutTimeStamps(List<String> lines) {
        return lines.stream().map(line -> line.replaceAll("\"tst\":\"[^\"]+\"", "\"tst\":\"T\"")).toList();
    }

    private static List<String> concat(List<String> first, String... more) {
        return MosquittoClients.concat(first, more);
    }
}
