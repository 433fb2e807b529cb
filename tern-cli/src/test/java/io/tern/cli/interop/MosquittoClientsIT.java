package io.tern.cli.interop;

import static io.tern.cli.interop.MosquittoClients.concat;
import static io.tern.cli.interop.MosquittoClients.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.cli.interop.Peers.Peer;
import io.tern.cli.support.BrokerProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;

/**
 * mosquitto_pub and mosquitto_sub (MQTT 3.1.1, {@code -V mqttv311}) against {@code tern broker} started
 * from tern.jar on a free port: one broker for the class, a topic tree of its own for each test. How the
 * clients run, and how a test waits for them: {@link MosquittoClients}.
 */
@Timeout(60)
class MosquittoClientsIT {
    @TempDir
    static Path brokerDir;
    private static BrokerProcess broker;
    private static int port;

    /** On a failure, the broker's log goes to the test's output too. */
    @RegisterExtension
    static final TestWatcher BROKER_LOG_ON_FAILURE = MosquittoClients.brokerLogOnFailure(() -> broker);

    @TempDir
    Path dir;
    private Peers peers;
    private MosquittoClients mosquitto;

    @BeforeAll
    static void startBroker() throws IOException {
        Peers.assumeAfterPackage();
        MosquittoClients.requireInstalled();
        broker = BrokerProcess.startJar(brokerDir, "broker", "-p", "0");
        port = broker.awaitPort();
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
        mosquitto = new MosquittoClients(peers, port, "mqttv311");
    }

    @AfterEach
    void stopPeers() throws InterruptedException {
        peers.close();
    }

    @Test
    @DisplayName("retained: [MQTT-3.3.1-5] kept and replaced, [MQTT-3.3.1-6] sent to a new subscription with "
            + "[MQTT-3.3.1-8] RETAIN 1, [MQTT-3.3.1-9] RETAIN 0 to an established one, [MQTT-3.3.1-10] cleared by "
            + "an empty payload, [MQTT-3.3.1-11] which is not kept")
    void retainedMessages() {
        publish("-q", "1", "-r", "-t", "retained/t", "-m", "first");
        publish("-q", "1", "-r", "-t", "retained/t", "-m", "second");

        // -F: retain flag, QoS, payload of each message
        Peer subscriber = subscribe("retained-sub", "-q", "1", "-t", "retained/t", "-C", "2", "-F", "%r %q %p");
        publish("-q", "1", "-r", "-t", "retained/t", "-m", "live");
        assertThat(messages(subscriber)).containsExactly("1 1 second", "0 1 live");

        Peer late = subscribe("retained-late", "-q", "1", "-t", "retained/t", "-C", "1", "-F", "%r %q %p");
        assertThat(messages(late)).containsExactly("1 1 live");

        publish("-q", "1", "-r", "-n", "-t", "retained/t");
        Peer afterClear = subscribe("retained-cleared", "-q", "1", "-t", "retained/t", "-C", "1", "-F", "%r %q %p");
        publish("-q", "1", "-t", "retained/t", "-m", "not retained");
        assertThat(messages(afterClear)).as("no retained message left").containsExactly("0 1 not retained");
    }

    @Test
    @DisplayName("QoS 1 both ways: [MQTT-4.3.2-2] PUBACK to the publisher, [MQTT-4.3.2-1] PUBLISH QoS 1 DUP 0 to the "
            + "subscriber, [MQTT-3.8.4-5] granted QoS 1")
    void qos1() {
        Peer subscriber = subscribe("qos1-sub", "-q", "1", "-t", "qos/1", "-C", "1");
        assertThat(subscriber.output()).contains("Subscribed (mid: 1): 1");

        String publisher = publish("-i", "qos1-pub", "-q", "1", "-t", "qos/1", "-m", "at least once");

        assertThat(publisher).contains("qos1-pub sending PUBLISH (d0, q1", "qos1-pub received PUBACK (Mid: 1");
        assertThat(messages(subscriber)).containsExactly("at least once");
        assertThat(subscriber.output())
                .containsPattern("received PUBLISH \\(d0, q1, r0, m\\d+, 'qos/1'")
                .contains("sending PUBACK");
    }

    @Test
    @DisplayName("QoS 2 both ways: [MQTT-4.3.3-2] PUBREC and PUBCOMP to the publisher, [MQTT-4.3.3-1] PUBLISH QoS 2 "
            + "then PUBREL to the subscriber, delivered once")
    void qos2() {
        Peer subscriber = subscribe("qos2-sub", "-q", "2", "-t", "qos/2", "-C", "1");
        assertThat(subscriber.output()).contains("Subscribed (mid: 1): 2");

        String publisher = publish("-i", "qos2-pub", "-q", "2", "-t", "qos/2", "-m", "exactly once");

        assertThat(publisher).containsSubsequence("qos2-pub received PUBREC (Mid: 1)", "qos2-pub sending PUBREL (m1)",
                "qos2-pub received PUBCOMP (Mid: 1");
        assertThat(messages(subscriber)).containsExactly("exactly once");
        assertThat(subscriber.output()).containsPattern("received PUBLISH \\(d0, q2, r0, m\\d+, 'qos/2'")
                .containsSubsequence("sending PUBREC", "received PUBREL", "sending PUBCOMP");
    }

    @Test
    @DisplayName("[MQTT-3.8.4-6] a QoS 2 message goes to a QoS 1 subscription at QoS 1")
    void qosDowngradedToTheSubscription() {
        Peer subscriber = subscribe("downgrade-sub", "-q", "1", "-t", "qos/down", "-C", "1");
        publish("-q", "2", "-t", "qos/down", "-m", "down to 1");
        assertThat(messages(subscriber)).containsExactly("down to 1");
        assertThat(subscriber.output()).containsPattern("received PUBLISH \\(d0, q1, r0, m\\d+, 'qos/down'");
    }

    @Test
    @DisplayName("'+' matches exactly one level, any level")
    void singleLevelWildcard() {
        Peer subscriber = subscribe("plus-sub", "-v", "-t", "plus/+/temp", "-t", "+/kitchen/light", "-C", "3");
        for (String topic : List.of("plus/kitchen/temp", "plus/kitchen/sub/temp", "plus/temp", "plus/hall/temp",
                "plus/kitchen/tempx", "plus/kitchen/light")) {
            publish("-q", "1", "-t", topic, "-m", "m");
        }
        assertThat(messages(subscriber))
                .containsExactly("plus/kitchen/temp m", "plus/hall/temp m", "plus/kitchen/light m");
    }

    @Test
    @DisplayName("'#' matches its parent level and every level below")
    void multiLevelWildcard() {
        Peer subscriber = subscribe("hash-sub", "-v", "-t", "hash/#", "-C", "3");
        for (String topic : List.of("hash", "hashx", "hash/a", "other/hash/a", "hash/a/b/c")) {
            publish("-q", "1", "-t", topic, "-m", "m");
        }
        assertThat(messages(subscriber)).containsExactly("hash m", "hash/a m", "hash/a/b/c m");
    }

    @Test
    @DisplayName("[MQTT-3.1.2-8] a client killed with SIGKILL: its will is published, [MQTT-3.1.2-16] not retained")
    void willAfterSigkill() throws InterruptedException {
        Peer dying = subscribe("will-dying", "-i", "will-dying", "-t", "will/dying/in",
                "--will-topic", "will/dying/gone", "--will-payload", "will-dying is gone", "--will-qos", "1");
        Peer watcher = subscribe("will-watcher", "-q", "1", "-t", "will/dying/gone", "-C", "1", "-F", "%r %q %t %p");

        dying.process().destroyForcibly(); // SIGKILL on Linux: no DISCONNECT, the socket closed by the kernel
        assertThat(dying.awaitExit(Duration.ofSeconds(10))).as("exit value of a process killed by SIGKILL (128 + 9)")
                .isEqualTo(137);

        assertThat(messages(watcher)).containsExactly("0 1 will/dying/gone will-dying is gone");
        assertThat(dying.output()).doesNotContain("sending DISCONNECT");
    }

    @Test
    @DisplayName("persistent session: [MQTT-3.1.2-5] QoS 1 messages kept while the client is away, "
            + "[MQTT-3.1.2-4] delivered when it comes back with the same id, [MQTT-4.6.0-6] in order")
    void persistentSession() {
        List<String> session = List.of("-c", "-i", "persistent-sub", "-q", "1", "-t", "persistent/t");
        Peer first = subscribe("persistent-first", concat(session, "-C", "1"));
        publish("-q", "1", "-t", "persistent/t", "-m", "while connected");
        assertThat(messages(first)).containsExactly("while connected");
        broker.awaitLog(Pattern.compile("Client persistent-sub .*disconnected"), Duration.ofSeconds(10));

        // one publisher, one message per line (-l), while persistent-sub is away
        mosquitto.publishLines("pub-away", List.of("away 1", "away 2", "away 3"),
                "-i", "persistent-pub", "-q", "1", "-t", "persistent/t");

        Peer again = mosquitto.startSubscriber("persistent-again", concat(session, "-C", "3"));
        assertThat(messages(again)).containsExactly("away 1", "away 2", "away 3");
        assertThat(again.output()).containsPattern("received PUBLISH \\(d[01], q1, r0, m\\d+, 'persistent/t'");
    }

    // ---- helpers ----

    private Peer subscribe(String name, String... args) {
        return mosquitto.subscribe(name, args);
    }

    private Peer subscribe(String name, List<String> args) {
        return mosquitto.subscribe(name, args);
    }

    private String publish(String... args) {
        return mosquitto.publish(args);
    }
}
