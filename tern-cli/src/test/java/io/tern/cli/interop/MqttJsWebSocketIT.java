package io.tern.cli.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tern.cli.interop.Peers.Peer;
import io.tern.cli.support.BrokerProcess;
import io.tern.cli.support.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * MQTT.js (npm package mqtt, the client of browsers and Node) over WebSocket and secure WebSocket against
 * {@code tern broker} from tern.jar: src/test/node/roundtrip.js connects a subscriber and a publisher and
 * sends one QoS 1 message between them, in MQTT 3.1 (subprotocol mqttv3.1), 3.1.1 and 5.0 (subprotocol
 * mqtt). ./test runs {@code npm ci} in src/test/node first.
 */
@Timeout(90)
class MqttJsWebSocketIT {
    private static final Path NODE_DIR = Path.of("src", "test", "node").toAbsolutePath();

    @TempDir
    static Path brokerDir;
    private static BrokerProcess broker;
    private static String ws;
    private static String wss;
    private static Path ca;

    @RegisterExtension
    static final TestWatcher BROKER_LOG_ON_FAILURE = MosquittoClients.brokerLogOnFailure(() -> broker);

    @TempDir
    Path dir;
    private Peers peers;

    @BeforeAll
    static void startBroker() throws Exception {
        Peers.assumeAfterPackage();
        Peers.program("node");
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules").resolve("mqtt"))) {
            fail("MQTT.js is not installed in %s: run ./test at the repository root, or npm ci there", NODE_DIR);
        }
        Path certs = TestCertificates.make(brokerDir.resolve("certs"));
        ca = certs.resolve("ca.pem");
        Files.writeString(brokerDir.resolve("tern.yaml"), """
                listeners:
                  - port: 0
                    protocol: ws
                  - port: 0
                    protocol: ws
                    path: /secure
                    tls:
                      cert: certs/server.pem
                      key: certs/server.key
                """);
        broker = BrokerProcess.startJar(brokerDir, "broker", "-c", "tern.yaml");
        List<String> listeners = broker.awaitListeners();
        ws = "ws://127.0.0.1:" + BrokerProcess.port(listeners.get(0)) + "/mqtt";
        // localhost: the name in the broker's certificate, which MQTT.js checks
        wss = "wss://localhost:" + BrokerProcess.port(listeners.get(1)) + "/secure";
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void peers() {
        peers = new Peers(dir);
    }

    @AfterEach
    void stopPeers() throws InterruptedException {
        peers.close();
    }

    @ParameterizedTest(name = "{0}, protocol version {1}")
    @CsvSource({"ws, 3", "ws, 4", "ws, 5", "wss, 3", "wss, 4", "wss, 5"})
    @DisplayName("[MQTT-6.0.0-4] MQTT.js publishes and receives a QoS 1 message")
    void roundTrip(String scheme, int version) {
        List<String> command = new ArrayList<>(List.of(Peers.program("node"), "roundtrip.js",
                scheme.equals("ws") ? ws : wss, String.valueOf(version)));
        if (scheme.equals("wss")) {
            command.add(ca.toString());
        }
        Peer client = peers.run("mqttjs-" + scheme + "-" + version, command, Map.of(), NODE_DIR, null);
        assertThat(client.process().exitValue()).as(client.output()).isZero();
        assertThat(client.output()).contains("received mqttjs/" + version + "/" + scheme + " hello over " + scheme);
    }
}
