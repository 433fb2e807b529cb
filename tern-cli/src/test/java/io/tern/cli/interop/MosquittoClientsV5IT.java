package io.tern.cli.interop;

import static io.tern.cli.interop.MosquittoClients.concat;
import static io.tern.cli.interop.MosquittoClients.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.cli.interop.Peers.Peer;
import io.tern.cli.support.BrokerProcess;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
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
 * mosquitto_pub and mosquitto_sub speaking MQTT 5 ({@code -V mqttv5}) against {@code tern broker} started
 * from tern.jar on a free port: one broker with the defaults, a topic tree of its own for each test, and
 * one with lowered limits ({@code max-qos: 1}, {@code topic-alias-maximum: 2}). How the clients run, and
 * how a test waits for them: {@link MosquittoClients}.
 *
 * <p>mosquitto_sub 2.0.11 (Debian 12) has no option for the subscription options No Local and Retain
 * Handling, so those are not covered here; Retain As Published is ({@code --retain-as-published}).
 */
@Timeout(60)
class MosquittoClientsV5IT {
    /** -F of a subscriber: QoS, payload, then the MQTT 5 properties of each message it receives. */
    private static final String PROPERTIES_FORMAT = "%q %p|C=%C|D=%D|E=%E|F=%F|P=%P|R=%R|S=%S|A=%A";
    /** The properties mosquitto_pub sends with {@link #PROPERTIES}, as {@link #PROPERTIES_FORMAT} prints them. */
    private static final List<String> PROPERTIES = List.of(
            "-D", "publish", "user-property", "k", "v",
            "-D", "publish", "user-property", "k", "w",
            "-D", "publish", "user-property", "a", "b",
            "-D", "publish", "content-type", "text/plain",
            "-D", "publish", "response-topic", "r/t",
            "-D", "publish", "correlation-data", "abc",
            "-D", "publish", "message-expiry-interval", "60",
            "-D", "publish", "payload-format-indicator", "1");
    /** What a message sent with {@link #PROPERTIES} and received at once prints (E: the expiry left). */
    private static final Pattern PROPERTIES_PRINTED = Pattern.compile(
            "C=text/plain\\|D=abc\\|E=(\\d+)\\|F=1\\|P=k:v k:w a:b\\|R=r/t\\|");

    @TempDir
    static Path brokerDir;
    @TempDir
    static Path limitedBrokerDir;
    private static BrokerProcess broker;
    private static BrokerProcess limitedBroker;
    private static int port;
    private static int limitedPort;

    /** On a failure, the brokers' logs go to the test's output too. */
    @RegisterExtension
    static final TestWatcher BROKER_LOG_ON_FAILURE =
            MosquittoClients.brokerLogOnFailure(() -> broker, () -> limitedBroker);

    @TempDir
    Path dir;
    private Peers peers;
    private MosquittoClients mosquitto;

    @BeforeAll
    static void startBrokers() throws IOException {
        Peers.assumeAfterPackage();
        MosquittoClients.requireInstalled();
        Path config = Files.writeString(limitedBrokerDir.resolve("tern.yaml"), """
                listeners:
                  - host: 127.0.0.1
                    port: 0
                limits:
                  max-qos: 1
                  topic-alias-maximum: 2
                """);
        // both JVMs start at once
        broker = BrokerProcess.startJar(brokerDir, "broker", "-p", "0");
        limitedBroker = BrokerProcess.startJar(limitedBrokerDir, "broker", "-c", config.toString());
        port = broker.awaitPort();
        limitedPort = limitedBroker.awaitPort();
    }

    @AfterAll
    static void stopBrokers() throws InterruptedException {
        try {
            if (broker != null) {
                broker.close();
            }
        } finally {
            if (limitedBroker != null) {
                limitedBroker.close();
            }
        }
    }

    @BeforeEach
    void peers() {
        peers = new Peers(dir);
        mosquitto = new MosquittoClients(peers, port, "mqttv5");
    }

    @AfterEach
    void stopPeers() throws InterruptedException {
        peers.close();
    }

    @Test
    @DisplayName("QoS 0: [MQTT-3.1.3-6] [MQTT-3.1.3-7] an empty client id gets one assigned, "
            + "[MQTT-3.8.4-7] granted QoS 0, the payload delivered exactly")
    void qos0() {
        Peer subscriber = mosquitto.subscribe("qos0-sub", "-q", "0", "-t", "v5/qos/0", "-C", "1", "-F", "%q %p");
        assertThat(subscriber.output()).contains("Subscribed (mid: 1): 0");

        String publisher = mosquitto.publish("-q", "0", "-t", "v5/qos/0", "-m", "at most once: payload, exactly");

        // mosquitto v5 clients send an empty client id unless given -i, and take the one in CONNACK
        assertThat(publisher).contains("Client (null) sending CONNECT")
                .containsPattern("Client \\S+ received CONNACK \\(0\\)")
                .doesNotContain("Client (null) received CONNACK");
        assertThat(messages(subscriber)).containsExactly("0 at most once: payload, exactly");
    }

    @Test
    @DisplayName("QoS 1 both ways: [MQTT-4.3.2-4] PUBACK (reason 0) to the publisher, [MQTT-4.3.2-2] PUBLISH QoS 1 "
            + "DUP 0 to the subscriber, [MQTT-3.8.4-7] granted QoS 1")
    void qos1() {
        Peer subscriber = mosquitto.subscribe("qos1-sub", "-q", "1", "-t", "v5/qos/1", "-C", "1");
        assertThat(subscriber.output()).contains("Subscribed (mid: 1): 1");

        String publisher = mosquitto.publish("-i", "v5-qos1-pub", "-q", "1", "-t", "v5/qos/1", "-m", "at least once");

        assertThat(publisher).contains("v5-qos1-pub sending PUBLISH (d0, q1",
                "v5-qos1-pub received PUBACK (Mid: 1, RC:0)");
        assertThat(messages(subscriber)).containsExactly("at least once");
        assertThat(subscriber.output())
                .containsPattern("received PUBLISH \\(d0, q1, r0, m\\d+, 'v5/qos/1'")
                .contains("sending PUBACK");
    }

    @Test
    @DisplayName("QoS 2 both ways: [MQTT-4.3.3-8] PUBREC, [MQTT-4.3.3-11] PUBCOMP (reason 0) to the publisher, "
            + "[MQTT-4.3.3-2] PUBLISH QoS 2 DUP 0 then PUBREL to the subscriber, delivered once")
    void qos2() {
        Peer subscriber = mosquitto.subscribe("qos2-sub", "-q", "2", "-t", "v5/qos/2", "-C", "1");
        assertThat(subscriber.output()).contains("Subscribed (mid: 1): 2");

        String publisher = mosquitto.publish("-i", "v5-qos2-pub", "-q", "2", "-t", "v5/qos/2", "-m", "exactly once");

        assertThat(publisher).containsSubsequence("v5-qos2-pub received PUBREC (Mid: 1)",
                "v5-qos2-pub sending PUBREL (m1)", "v5-qos2-pub received PUBCOMP (Mid: 1, RC:0)");
        assertThat(messages(subscriber)).containsExactly("exactly once");
        assertThat(subscriber.output()).containsPattern("received PUBLISH \\(d0, q2, r0, m\\d+, 'v5/qos/2'")
                .containsSubsequence("sending PUBREC", "received PUBREL", "sending PUBCOMP");
    }

    @Test
    @DisplayName("PUBLISH properties forwarded: [MQTT-3.3.2-4] payload format indicator, [MQTT-3.3.2-15] response "
            + "topic, [MQTT-3.3.2-16] correlation data, [MQTT-3.3.2-17] [MQTT-3.3.2-18] user properties in order, "
            + "[MQTT-3.3.2-20] content type, [MQTT-3.3.2-6] message expiry at most as sent, [MQTT-3.3.4-3] the "
            + "subscription identifier, [MQTT-3.1.2-27] no topic alias to a client that allows none")
    void propertiesForwarded() {
        Peer subscriber = mosquitto.subscribe("props-sub", "-q", "1", "-t", "v5/props/t", "-C", "1",
                "-D", "subscribe", "subscription-identifier", "7", "-F", PROPERTIES_FORMAT);

        mosquitto.publish(concat(PROPERTIES, "-q", "1", "-t", "v5/props/t", "-m", "with properties")
                .toArray(String[]::new));

        List<String> messages = messages(subscriber);
        assertThat(messages).hasSize(1);
        String message = messages.get(0);
        assertThat(message).startsWith("1 with properties|").endsWith("|S=7|A=");
        assertPropertiesArrived(message);
    }

    @Test
    @DisplayName("retained: [MQTT-3.3.1-5] kept with its properties, [MQTT-3.3.1-9] sent on SUBSCRIBE (Retain "
            + "Handling 0) with RETAIN 1, then a live retained message [MQTT-3.3.1-12] with RETAIN 0, or "
            + "[MQTT-3.3.1-13] RETAIN 1 with Retain As Published")
    void retainedWithRetainAsPublished() {
        mosquitto.publish("-q", "1", "-r", "-t", "v5/retained/t", "-m", "stored",
                "-D", "publish", "content-type", "text/plain", "-D", "publish", "user-property", "k", "v");

        String format = "%r %q %p|C=%C|P=%P";
        Peer plain = mosquitto.subscribe("retained-plain", "-q", "1", "-t", "v5/retained/t", "-C", "2", "-F", format);
        Peer asPublished = mosquitto.subscribe("retained-rap", "-q", "1", "-t", "v5/retained/t", "-C", "2",
                "--retain-as-published", "-F", format);
        assertThat(asPublished.output()).contains("Options: 0x08"); // bit 3: Retain As Published

        mosquitto.publish("-q", "1", "-r", "-t", "v5/retained/t", "-m", "live");

        assertThat(messages(plain)).containsExactly("1 1 stored|C=text/plain|P=k:v", "0 1 live|C=|P=");
        assertThat(messages(asPublished)).containsExactly("1 1 stored|C=text/plain|P=k:v", "1 1 live|C=|P=");
    }

    @Test
    @DisplayName("session expiry 60 s: [MQTT-3.1.2-23] the session outlives its connection, [MQTT-3.1.2-5] "
            + "resumed with the QoS 1 message sent meanwhile, [MQTT-3.3.2-6] its message expiry at most as sent")
    void sessionExpiryKeepsTheSession() {
        List<String> session = List.of("-c", "-i", "v5-session", "-x", "60", "-q", "1", "-t", "v5/session/t",
                "-C", "1", "-F", PROPERTIES_FORMAT);
        Peer first = mosquitto.subscribe("session-first", session);
        mosquitto.publish("-q", "1", "-t", "v5/session/t", "-m", "while connected");
        assertThat(messages(first)).singleElement().asString().startsWith("1 while connected|");
        broker.awaitLog(Pattern.compile("Client v5-session .*disconnected"), Duration.ofSeconds(10));

        mosquitto.publish(concat(PROPERTIES, "-q", "1", "-t", "v5/session/t", "-m", "while away")
                .toArray(String[]::new));

        Peer again = mosquitto.startSubscriber("session-again", session);
        List<String> messages = messages(again);
        assertThat(messages).singleElement().asString().startsWith("1 while away|");
        assertPropertiesArrived(messages.get(0));
    }

    @Test
    @DisplayName("session expiry 1 s: [MQTT-3.1.2-23] the session ends once the interval has run out, with its "
            + "subscription: a message published after is not kept for the client")
    void sessionExpiryEndsTheSession() {
        Peer first = mosquitto.subscribe("expiring-first", "-c", "-i", "v5-expiring", "-x", "1", "-q", "1",
                "-t", "v5/expiring/t", "-C", "1");
        mosquitto.publish("-q", "1", "-t", "v5/expiring/t", "-m", "while connected");
        assertThat(messages(first)).containsExactly("while connected");
        broker.awaitLog(Pattern.compile("Session of client v5-expiring expired"), Duration.ofSeconds(15));

        mosquitto.publish("-q", "1", "-t", "v5/expiring/t", "-m", "after the session ended");

        // a kept message would go right after CONNACK, before the SUBACK and so before "back again"
        Peer again = mosquitto.subscribe("expiring-again", "-c", "-i", "v5-expiring", "-x", "60", "-q", "1",
                "-t", "v5/expiring/t", "-C", "1");
        mosquitto.publish("-q", "1", "-t", "v5/expiring/t", "-m", "back again");
        assertThat(messages(again)).containsExactly("back again");
    }

    @Test
    @DisplayName("will delay 1 s, client killed with SIGKILL: [MQTT-3.1.2-8] the will published once the delay has "
            + "elapsed, [MQTT-3.1.2-14] not retained, [MQTT-3.1.3-10] its user properties in order")
    void willWithDelayAfterSigkill() {
        Peer dying = mosquitto.subscribe("will-dying", "-c", "-i", "v5-will-dying", "-x", "60",
                "-t", "v5/will/in", "--will-topic", "v5/will/gone", "--will-payload", "v5-will-dying is gone",
                "--will-qos", "1", "-D", "will", "will-delay-interval", "1",
                "-D", "will", "content-type", "text/plain",
                "-D", "will", "user-property", "a", "1", "-D", "will", "user-property", "b", "2");
        // %U: when the watcher got it, Unix time in seconds with nanoseconds
        Peer watcher = mosquitto.subscribe("will-watcher", "-q", "1", "-t", "v5/will/gone", "-C", "1",
                "-F", "%U|%r %q %t %p|C=%C|P=%P");

        Instant killed = Instant.now(); // a bit before the kill, so before the broker sees the connection closed
        dying.process().destroyForcibly(); // SIGKILL on Linux: no DISCONNECT, the socket closed by the kernel
        assertThat(dying.awaitExit(Duration.ofSeconds(10))).as("exit value of a process killed by SIGKILL (128 + 9)")
                .isEqualTo(137);

        List<String> messages = messages(watcher);
        assertThat(messages).hasSize(1);
        String[] received = messages.get(0).split("\\|", 2);
        assertThat(received[1]).isEqualTo("0 1 v5/will/gone v5-will-dying is gone|C=text/plain|P=a:1 b:2");
        Instant receivedAt = Instant.ofEpochSecond(0, new BigDecimal(received[0])
                .movePointRight(9).longValueExact());
        assertThat(Duration.between(killed, receivedAt)).as("from the kill to the will's arrival")
                .isGreaterThanOrEqualTo(Duration.ofMillis(950)); // 1 s, less some clock granularity
        assertThat(dying.output()).doesNotContain("sending DISCONNECT");
    }

    @Test
    @DisplayName("topic alias: [MQTT-3.3.2-12] the broker takes alias 1, set by the first PUBLISH and then used "
            + "alone (empty topic), every message delivered with its topic, [MQTT-3.1.2-27] and no alias sent to a "
            + "subscriber that allows none")
    void topicAlias() {
        Peer subscriber = mosquitto.subscribe("alias-sub", "-q", "1", "-t", "v5/alias/#", "-C", "3",
                "-F", "%t %p A=%A");

        String publisher = mosquitto.publishLines("alias-pub", List.of("line 1", "line 2", "line 3"),
                "-q", "1", "-t", "v5/alias/t", "-D", "publish", "topic-alias", "1");

        // mosquitto_pub sends the topic with the alias first, then the alias alone: it prints the topic as (null)
        assertThat(publisher).containsSubsequence("sending PUBLISH (d0, q1, r0, m1, 'v5/alias/t'",
                "sending PUBLISH (d0, q1, r0, m2, '(null)'", "sending PUBLISH (d0, q1, r0, m3, '(null)'");
        assertThat(publisher).contains("received PUBACK (Mid: 3, RC:0)");
        assertThat(messages(subscriber))
                .containsExactly("v5/alias/t line 1 A=", "v5/alias/t line 2 A=", "v5/alias/t line 3 A=");
    }

    @Test
    @DisplayName("[MQTT-3.2.2-17] a topic alias above the broker's Topic Alias Maximum (2): DISCONNECT 0x94 "
            + "Topic Alias invalid")
    void topicAliasAboveTheMaximum() {
        MosquittoClients limited = new MosquittoClients(peers, limitedPort, "mqttv5");
        Peer publisher = limited.tryPublish("alias-too-high", "-i", "v5-alias-too-high", "-q", "1",
                "-t", "v5/alias/high", "-m", "m", "-D", "publish", "topic-alias", "3");

        assertThat(publisher.output()).contains("Received DISCONNECT (148)"); // 0x94
        assertThat(publisher.process().exitValue()).as("exit value; output:%n%s", publisher.output()).isNotZero();
        limitedBroker.awaitLog(Pattern.compile("Client v5-alias-too-high .*disconnected: topic alias 3"),
                Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("a broker with max-qos 1: [MQTT-3.2.2-10] a QoS 2 SUBSCRIBE granted QoS 1, [MQTT-3.2.2-9] its "
            + "Maximum QoS 1 in CONNACK keeps mosquitto_pub from publishing at QoS 2")
    void maximumQos() {
        MosquittoClients limited = new MosquittoClients(peers, limitedPort, "mqttv5");
        Peer subscriber = limited.subscribe("max-qos-sub", "-q", "2", "-t", "v5/maxqos/t", "-C", "1", "-F", "%q %p");
        assertThat(subscriber.output()).contains("Subscribed (mid: 1): 1");

        Peer qos2 = limited.tryPublish("max-qos-2", "-q", "2", "-t", "v5/maxqos/t", "-m", "at qos 2");
        assertThat(qos2.output()).contains("Error: Message QoS not supported on broker, try a lower QoS.")
                .doesNotContain("sending PUBLISH");

        limited.publish("-q", "1", "-t", "v5/maxqos/t", "-m", "at qos 1");
        assertThat(messages(subscriber)).containsExactly("1 at qos 1");
    }

    @Test
    @DisplayName("mixed versions: a v5 PUBLISH with properties reaches a 3.1.1 subscriber with its payload, without "
            + "properties, and a v5 subscriber with them")
    void v5PublisherToV311Subscriber() {
        Peer v311 = mosquitto.version("mqttv311").subscribe("mixed-v311", "-q", "1", "-t", "v5/mixed/t", "-C", "1",
                "-F", PROPERTIES_FORMAT);
        Peer v5 = mosquitto.subscribe("mixed-v5", "-q", "1", "-t", "v5/mixed/t", "-C", "1", "-F", PROPERTIES_FORMAT);

        mosquitto.publish(concat(PROPERTIES, "-q", "1", "-t", "v5/mixed/t", "-m", "to both").toArray(String[]::new));

        assertThat(messages(v311)).containsExactly("1 to both|C=|D=|E=|F=|P=|R=|S=|A=");
        assertThat(messages(v5)).singleElement().asString().startsWith("1 to both|").satisfies(
                MosquittoClientsV5IT::assertPropertiesArrived);
    }

    /**
     * Asserts that {@code message}, printed with {@link #PROPERTIES_FORMAT}, has every one of {@link #PROPERTIES}
     * as sent, but for the message expiry interval: what is left of the 60 s sent.
     */
    private static void assertPropertiesArrived(String message) {
        Matcher matcher = PROPERTIES_PRINTED.matcher(message);
        assertThat(matcher.find()).as("the properties sent, in %s", message).isTrue();
        assertThat(Integer.parseInt(matcher.group(1))).as("message expiry left").isBetween(1, 60);
    }
}
