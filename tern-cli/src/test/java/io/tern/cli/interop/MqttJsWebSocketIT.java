package io.tern.cli.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tern.cli.interop.Peers.Peer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    @RegisterExtension
    static final ConfiguredBroker BROKER = new ConfiguredBroker("""
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

    @RegisterExtension
    static final TestWatcher BROKER_LOG_ON_FAILURE = MosquittoClients.brokerLogOnFailure(BROKER::process);

    @TempDir
    Path dir;
    private Peers peers;

    @BeforeAll
    static void requireMqttJs() {
        Peers.program("node");
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules").resolve("mqtt"))) {
            fail("MQTT.js is not installed in %s: run ./test at the repository root, or npm ci there", NODE_DIR);
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
        // localhost for wss: the name in the broker's certificate, which MQTT.js checks
        String url = scheme.equals("ws") ? "ws://127.0.0.1:" + BROKER.port(0) + "/mqtt"
                : "wss://localhost:" + BROKER.port(1) + "/secure";
        List<String> command = new ArrayList<>(List.of(Peers.program("node"), "roundtrip.js", url,
                String.valueOf(version)));
        if (scheme.equals("wss")) {
            command.add(BROKER.certificate("ca.pem").toString());
        }
        Peer client = peers.run("mqttjs-" + scheme + "-" + version, command, Map.of(), NODE_DIR, null);
        assertThat(client.process().exitValue()).as(client.output()).isZero();
        assertThat(client.output()).contains("received mqttjs/" + version + "/" + scheme + " hello over " + scheme);
    }
}
