package io.tern.cli.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.TernBroker;
import io.tern.broker.auth.Authorizer;
import io.tern.broker.auth.ClientInfo;
import io.tern.cli.support.TernRun;
import io.tern.codec.ReasonCode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code tern pub} and {@code tern sub} run as the command line runs them, against a Tern broker on a free port. */
class PubSubCommandTest {
    private TernBroker broker;
    private String port;

    @TempDir
    Path dir;

    @BeforeEach
    void startBroker() {
        broker = TernBroker.builder().listen("127.0.0.1", 0).build();
        port = Integer.toString(broker.start().get(0).getPort());
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @ParameterizedTest(name = "-V {0}")
    @ValueSource(strings = {"mqttv31", "mqttv311", "mqttv5"})
    @DisplayName("tern sub -v prints \"topic payload\" of what tern pub publishes, then exits after -C messages")
    void subPrintsWhatPubPublishes(String version) {
        TernRun sub = subscribe("-V", version, "-t", "test", "-v", "-C", "2", "-q", "1");

        assertThat(pub("-V", version, "-t", "test", "-m", "hello", "-q", "1").exitCode()).isZero();
        assertThat(pub("-V", version, "-t", "test", "-n").exitCode()).isZero();

        assertThat(sub.exitCode()).as(sub.err()).isZero();
        assertThat(sub.messages()).containsExactly("test hello", "test (null)");
    }

    @Test
    @DisplayName("without -v a payload alone, nothing for an empty one (counted by -C all the same); -N leaves out"
            + " the end of line")
    void payloadOnlyAndNoEndOfLine() {
        TernRun plain = subscribe("-t", "a", "-C", "3");
        TernRun noEol = subscribe("-t", "a", "-C", "3", "-N", "-i", "nl");

        pub("-t", "a", "-m", "one");
        pub("-t", "a", "-n");
        pub("-t", "a", "-m", "two");

        assertThat(plain.exitCode()).isZero();
        assertThat(noEol.exitCode()).isZero();
        assertThat(plain.messages()).containsExactly("one", "two");
        assertThat(noEol.out()).endsWith("(3 bytes))\noneClient nl received PUBLISH (d0, q0, r0, m0, 'a', ... (0 bytes))\n"
                + "Client nl received PUBLISH (d0, q0, r0, m0, 'a', ... (3 bytes))\ntwoClient nl sending DISCONNECT\n");
    }

    @Test
    @DisplayName("-l publishes each line of standard input, in order, empty lines too; -s all of it as one message")
    void linesAndWholeInput() {
        TernRun sub = subscribe("-t", "lines", "-C", "5", "-F", "[%p]", "-q", "2");

        TernRun lines = TernRun.start("first\n\nthird\nlast without end of line".getBytes(StandardCharsets.UTF_8),
                "pub", "-p", port, "-t", "lines", "-l", "-q", "2");
        assertThat(lines.exitCode()).as(lines.err()).isZero();
        TernRun whole = TernRun.start("a\nb\n".getBytes(StandardCharsets.UTF_8), "pub", "-p", port, "-t", "lines", "-s");
        assertThat(whole.exitCode()).as(whole.err()).isZero();

        assertThat(sub.exitCode()).isZero();
        assertThat(String.join("\n", sub.messages()))
                .isEqualTo("[first]\n[]\n[third]\n[last without end of line]\n[a\nb\n]");
    }

    @Test
    void fileAndRepeat() throws IOException {
        Path file = Files.write(dir.resolve("payload.bin"), new byte[] {0, 1, 2, (byte) 0xFF});
        TernRun sub = subscribe("-t", "f", "-C", "3", "-F", "%x %l");

        assertThat(pub("-t", "f", "-f", file.toString(), "--repeat", "3", "--repeat-delay", "0.01", "-q", "1")
                .exitCode()).isZero();

        assertThat(sub.exitCode()).isZero();
        assertThat(sub.messages()).containsExactly("000102ff 4", "000102ff 4", "000102ff 4");
    }

    @Test
    @DisplayName("retained messages: -r keeps one, -R skips it, --retained-only prints only it, -n -r clears it"
            + " [MQTT-3.3.1-5] [MQTT-3.3.1-6] [MQTT-3.3.1-10]")
    void retained() {
        assertThat(pub("-t", "r/1", "-m", "kept", "-r", "-q", "1").exitCode()).isZero();

        TernRun fresh = subscribe("-t", "r/#", "-R", "-C", "1", "-F", "%t %p %r");
        TernRun stale = subscribe("-t", "r/#", "--retained-only", "-F", "%t %p %r");
        pub("-t", "r/2", "-m", "live");

        assertThat(fresh.exitCode()).isZero();
        assertThat(fresh.messages()).containsExactly("r/2 live 0");
        assertThat(stale.exitCode()).isZero();
        assertThat(stale.messages()).containsExactly("r/1 kept 1");

        assertThat(pub("-t", "r/1", "-n", "-r", "-q", "1").exitCode()).isZero();
        TernRun none = subscribe("-t", "r/1", "-W", "1");
        assertThat(none.exitCode()).isEqualTo(27);
        assertThat(none.messages()).isEmpty();
    }

    @Test
    @DisplayName("--remove-retained clears each retained message it receives, except those -T filters out"
            + " [MQTT-3.3.1-10] [MQTT-3.3.1-11]")
    void removeRetained() {
        pub("-t", "rm/a", "-m", "1", "-r", "-q", "1");
        pub("-t", "rm/b", "-m", "2", "-r", "-q", "1");

        TernRun remover = subscribe("-t", "rm/#", "-T", "rm/b", "--remove-retained", "-C", "1", "-v");
        assertThat(remover.exitCode()).as(remover.err()).isZero();
        assertThat(remover.messages()).containsExactly("rm/a 1");

        TernRun after = subscribe("-t", "rm/#", "--retained-only", "-v");
        pub("-t", "rm/end", "-m", "fresh");
        assertThat(after.exitCode()).isZero();
        assertThat(after.messages()).containsExactly("rm/b 2");
    }

    @Test
    @DisplayName("--retain-as-published: a live retained message keeps its retain flag, which it otherwise loses"
            + " [MQTT-3.3.1-12] [MQTT-3.3.1-13]")
    void retainAsPublished() {
        TernRun asPublished = subscribe("-V", "mqttv5", "-t", "rap", "--retain-as-published", "-C", "1", "-F", "%r");
        TernRun plain = subscribe("-V", "mqttv5", "-t", "rap", "-C", "1", "-F", "%r");

        pub("-t", "rap", "-m", "x", "-r");

        assertThat(asPublished.exitCode()).isZero();
        assertThat(plain.exitCode()).isZero();
        assertThat(asPublished.messages()).containsExactly("1");
        assertThat(plain.messages()).containsExactly("0");
    }

    @Test
    @DisplayName("-T filters out topics; two -t subscribe to both filters")
    void filterOut() {
        TernRun sub = subscribe("-t", "x/#", "-t", "y", "-T", "x/secret/#", "-C", "2", "-v");

        pub("-t", "x/secret/a", "-m", "hidden");
        pub("-t", "x/open", "-m", "shown");
        pub("-t", "y", "-m", "also");

        assertThat(sub.exitCode()).isZero();
        assertThat(sub.messages()).containsExactly("x/open shown", "y also");
    }

    @ParameterizedTest(name = "-V {0}")
    @ValueSource(strings = {"mqttv311", "mqttv5"})
    @DisplayName("-c -E sets up a session (MQTT 5: that never expires); QoS 1 messages wait in it until the client"
            + " is back; -U unsubscribes [MQTT-3.1.2-4] [MQTT-3.1.2-5] [MQTT-3.1.2-23]")
    void persistentSession(String version) {
        TernRun setUp = run("sub", "-V", version, "-p", port, "-t", "queued", "-q", "1", "-c", "-i", "sub-1", "-E");
        assertThat(setUp.exitCode()).as(setUp.err()).isZero();

        pub("-t", "queued", "-m", "while away", "-q", "1");

        TernRun back = run("sub", "-V", version, "-p", port, "-t", "queued", "-q", "1", "-c", "-i", "sub-1", "-C", "1",
                "-U", "queued");
        assertThat(back.exitCode()).as(back.err()).isZero();
        assertThat(back.out()).isEqualTo("while away\n");

        pub("-t", "queued", "-m", "after unsubscribe", "-q", "1");
        TernRun last = run("sub", "-V", version, "-p", port, "-t", "other", "-c", "-i", "sub-1", "-W", "1");
        assertThat(last.exitCode()).isEqualTo(27);
        assertThat(last.out()).isEmpty();
    }

    @Test
    @DisplayName("-D publish properties reach a MQTT 5 subscriber, which -F prints"
            + " [MQTT-3.3.2-4] [MQTT-3.3.2-15] [MQTT-3.3.2-16] [MQTT-3.3.2-17] [MQTT-3.3.2-18] [MQTT-3.3.2-20]")
    void mqtt5Properties() {
        TernRun sub = subscribe("-V", "mqttv5", "-t", "p", "-C", "1", "-F", "%C|%R|%D|%F|%P|%E|%p");

        assertThat(pub("-V", "mqttv5", "-t", "p", "-m", "{}", "-D", "publish", "content-type", "application/json",
                "-D", "publish", "response-topic", "replies", "-D", "publish", "correlation-data", "id-7",
                "-D", "publish", "payload-format-indicator", "1", "-D", "publish", "user-property", "k", "v1",
                "-D", "publish", "user-property", "k", "v2", "-D", "publish", "message-expiry-interval", "3600")
                .exitCode()).isZero();

        assertThat(sub.exitCode()).isZero();
        assertThat(sub.messages()).singleElement().asString()
                .matches("application/json\\|replies\\|id-7\\|1\\|k:v1 k:v2\\|(3600|3599)\\|\\{}");
    }

    @Test
    @DisplayName("-D subscribe and -D unsubscribe user-property go with SUBSCRIBE and UNSUBSCRIBE, which the broker "
            + "accepts")
    void subscribeAndUnsubscribeUserProperties() {
        TernRun sub = subscribe("-V", "mqttv5", "-t", "u", "-U", "gone/#", "-C", "1", "-q", "1",
                "-D", "subscribe", "user-property", "team", "a", "-D", "unsubscribe", "user-property", "team", "b");

        pub("-t", "u", "-m", "with properties", "-q", "1");

        assertThat(sub.exitCode()).as(sub.err()).isZero();
        assertThat(sub.messages()).containsExactly("with properties");
        assertThat(sub.out()).contains("received UNSUBACK");
    }

    @Test
    @DisplayName("-D publish topic-alias: tern pub sends the topic once, then its alias alone, and the subscriber gets "
            + "every message on its topic [MQTT-3.3.2-12]")
    void topicAlias() {
        TernRun sub = subscribe("-V", "mqttv5", "-t", "alias/topic", "-C", "3", "-v", "-q", "1");

        TernRun pub = pub("-V", "mqttv5", "-t", "alias/topic", "-m", "x", "-q", "1", "--repeat", "3", "-d",
                "-D", "publish", "topic-alias", "2", "-i", "aliaser");

        assertThat(pub.out()).contains("Client aliaser sending PUBLISH (d0, q1, r0, m1, 'alias/topic', ... (1 bytes))",
                "Client aliaser sending PUBLISH (d0, q1, r0, m2, '', ... (1 bytes))");
        assertThat(sub.exitCode()).as(sub.err()).isZero();
        assertThat(sub.messages()).containsExactly("alias/topic x", "alias/topic x", "alias/topic x");
    }

    @Test
    @DisplayName("-F %J --pretty prints the message as cJSON does, the JSON payload inside")
    void prettyJson() {
        TernRun sub = subscribe("-t", "j", "-C", "1", "-F", "%J", "--pretty");

        pub("-t", "j", "-m", "{\"temperature\":27.5,\"ok\":true}", "-q", "1");

        assertThat(sub.exitCode()).isZero();
        assertThat(String.join("\n", sub.messages())).matches("(?s)\\{\n\t\"tst\":\t\"[^\"]+\",\n\t\"topic\":\t\"j\",\n"
                + "\t\"qos\":\t0,\n\t\"retain\":\t0,\n\t\"payloadlen\":\t30,\n"
                + "\t\"payload\":\t\\{\n\t\t\"temperature\":\t27.5,\n\t\t\"ok\":\ttrue\n\t}\n}");
    }

    @Test
    @DisplayName("-L mqtt://user:password@host:port/topic names the broker and topic; the broker sees the user")
    void url() {
        List<String> users = new ArrayList<>();
        broker.close();
        broker = TernBroker.builder().listen("127.0.0.1", 0).authenticator((client, password) -> {
            synchronized (users) {
                users.add(client.username() + ":" + new String(password, StandardCharsets.UTF_8));
            }
            return CompletableFuture.completedFuture(ReasonCode.SUCCESS);
        }).build();
        port = Integer.toString(broker.start().get(0).getPort());
        TernRun sub = TernRun.start("sub", "-d", "-C", "1", "-L", "mqtt://alice:secret@127.0.0.1:" + port + "/u/+")
                .awaitSubscribed();

        assertThat(TernRun.run("pub", "-L", "mqtt://bob:pw@127.0.0.1:" + port + "/u/1", "-m", "via url").exitCode())
                .isZero();

        assertThat(sub.exitCode()).isZero();
        assertThat(sub.messages()).containsExactly("via url");
        synchronized (users) {
            assertThat(users).containsExactly("alice:secret", "bob:pw");
        }
    }

    @ParameterizedTest(name = "-V {0}")
    @ValueSource(strings = {"mqttv311", "mqttv5"})
    @DisplayName("a refused connection: one line saying why, and the CONNACK code as exit code, as mosquitto's")
    void refusedConnection(String version) {
        broker.close();
        broker = TernBroker.builder().listen("127.0.0.1", 0)
                .authenticator((client, password) -> CompletableFuture.completedFuture(ReasonCode.NOT_AUTHORIZED))
                .build();
        port = Integer.toString(broker.start().get(0).getPort());

        TernRun pub = TernRun.run("pub", "-p", port, "-V", version, "-t", "t", "-m", "m");
        TernRun sub = TernRun.run("sub", "-p", port, "-V", version, "-t", "t");

        boolean v5 = version.equals("mqttv5");
        for (TernRun refused : List.of(pub, sub)) {
            assertThat(refused.exitCode()).isEqualTo(v5 ? 0x87 : 5);
            // MQTT 5: the broker's reason string follows
            assertThat(refused.err()).startsWith("tern " + (refused == pub ? "pub" : "sub") + ": connection refused: "
                    + (v5 ? "not authorized (0x87)" : "not authorized (return code 5)\n"));
        }
    }

    @Test
    @DisplayName("a refused subscription or publish: one line each, naming the topic and the reason code, and the"
            + " broker's reason string unless -D connect request-problem-information 0 [MQTT-3.1.2-29]")
    void refusedSubscriptionAndPublish() {
        broker.close();
        broker = TernBroker.builder().listen("127.0.0.1", 0).authorizer(new Authorizer() {
            @Override
            public boolean canPublish(ClientInfo client, String topic) {
                return !topic.startsWith("secret/");
            }

            @Override
            public boolean canSubscribe(ClientInfo client, String topicFilter) {
                return !topicFilter.startsWith("secret/");
            }
        }).build();
        port = Integer.toString(broker.start().get(0).getPort());

        TernRun refused = TernRun.run("sub", "-p", port, "-V", "mqttv5", "-t", "secret/#");
        TernRun partly = subscribe("-V", "mqttv5", "-t", "secret/a", "-t", "open", "-C", "1");
        TernRun pub = TernRun.run("pub", "-p", port, "-V", "mqttv5", "-t", "secret/a", "-m", "m", "-q", "1");
        TernRun terse = TernRun.run("pub", "-p", port, "-t", "secret/a", "-m", "m", "-q", "1",
                "-D", "connect", "request-problem-information", "0");
        pub("-t", "open", "-m", "allowed");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).startsWith("tern sub: SUBACK refused: not authorized (0x87)");
        assertThat(partly.exitCode()).isZero();
        assertThat(partly.err()).isEqualTo("tern sub: the broker refused secret/a: not authorized (0x87)\n");
        assertThat(partly.messages()).containsExactly("allowed");
        assertThat(pub.exitCode()).isEqualTo(1);
        assertThat(pub.err()).matches("tern pub: PUBACK refused: not authorized \\(0x87\\): .+\n");
        assertThat(terse.exitCode()).isEqualTo(1);
        assertThat(terse.err()).as("no reason string after -D connect request-problem-information 0 [MQTT-3.1.2-29]")
                .isEqualTo("tern pub: PUBACK refused: not authorized (0x87)\n");
    }

    @Test
    @DisplayName("no broker: \"cannot reach HOST:PORT: connection refused — is a broker running?\", exit code 1")
    void noBroker() throws IOException {
        int free;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = socket.getLocalPort();
        }

        TernRun pub = TernRun.run("pub", "-h", "127.0.0.1", "-p", Integer.toString(free), "-t", "t", "-m", "m");

        assertThat(pub.exitCode()).isEqualTo(1);
        assertThat(pub.err()).isEqualTo("tern pub: cannot reach 127.0.0.1:" + free
                + ": connection refused — is a broker running?\n");
    }

    @Test
    @DisplayName("-W: exit code 27 and \"Timed out\" when the messages do not come")
    void timeout() {
        TernRun sub = TernRun.run("sub", "-p", port, "-t", "quiet", "-W", "1", "-C", "1");

        assertThat(sub.exitCode()).isEqualTo(27);
        assertThat(sub.err()).isEqualTo("Timed out\n");
    }

    @Test
    @DisplayName("-d prints the packets, as mosquitto's clients name them")
    void debug() {
        TernRun sub = subscribe("-t", "d", "-C", "1", "-q", "1", "-i", "watcher");
        TernRun pub = pub("-t", "d", "-m", "12345", "-q", "1", "-d", "-i", "sender");

        assertThat(pub.exitCode()).isZero();
        assertThat(pub.out()).isEqualTo("""
                Client sender sending CONNECT
                Client sender received CONNACK (0)
                Client sender sending PUBLISH (d0, q1, r0, m1, 'd', ... (5 bytes))
                Client sender received PUBACK (Mid: 1, RC:0)
                Client sender sending DISCONNECT
                """);
        assertThat(sub.exitCode()).isZero();
        assertThat(sub.messages()).containsExactly("12345");
        assertThat(sub.out().lines().filter(line -> !line.equals("12345"))).containsExactly(
                "Client watcher sending CONNECT",
                "Client watcher received CONNACK (0)",
                "Client watcher sending SUBSCRIBE (Mid: 1, Topic: d, QoS: 1, Options: 0x00)",
                "Client watcher received SUBACK",
                "Subscribed (mid: 1): 1",
                "Client watcher received PUBLISH (d0, q1, r0, m1, 'd', ... (5 bytes))",
                "Client watcher sending PUBACK (m1, rc0)",
                "Client watcher sending DISCONNECT");
    }

    @Test
    @DisplayName("--will-topic: the broker publishes the will when the connection breaks, not on a normal exit"
            + " [MQTT-3.14.4-3]")
    void willOnNormalExitIsDiscarded() {
        TernRun watcher = subscribe("-t", "wills/#", "-v", "-W", "2");

        assertThat(pub("-t", "t", "-m", "m", "--will-topic", "wills/pub", "--will-payload", "gone", "--will-qos", "1")
                .exitCode()).isZero();

        assertThat(watcher.exitCode()).isEqualTo(27);
        assertThat(watcher.messages()).isEmpty();
    }

    @Test
    @DisplayName("tern sub outlives a broker restart on the same port: it reconnects and subscribes again, as "
            + "mosquitto_sub does")
    void subReconnectsAfterBrokerRestart() {
        TernRun sub = subscribe("-t", "comeback", "-v", "-C", "1", "-q", "1");

        broker.close();
        broker = TernBroker.builder().listen("127.0.0.1", Integer.parseInt(port)).build();
        broker.start();
        pub("-t", "comeback", "-m", "after restart", "-q", "1", "-r");

        assertThat(sub.exitCode()).as(sub.err()).isZero();
        assertThat(sub.messages()).containsExactly("comeback after restart");
    }

    /** Starts {@code tern sub -p PORT -d ARGS} and waits until it has its SUBACK. */
    private TernRun subscribe(String... args) {
        List<String> command = new ArrayList<>(List.of("sub", "-p", port, "-d"));
        command.addAll(List.of(args));
        return TernRun.start(command.toArray(String[]::new)).awaitSubscribed();
    }

    /** Runs {@code tern pub -p PORT ARGS} to its end. */
    private TernRun pub(String... args) {
        List<String> command = new ArrayList<>(List.of("pub", "-p", port));
        command.addAll(List.of(args));
        TernRun pub = TernRun.run(command.toArray(String[]::new));
        assertThat(pub.exitCode()).as(pub.err()).isZero();
        return pub;
    }

    private static TernRun run(String... args) {
        return TernRun.run(args);
    }
}
