package io.tern.cli.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.tern.cli.interop.Peers.Peer;
import io.tern.cli.support.BrokerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's two Python scripts, unmodified (copies in src/it/seed), talk through {@code tern broker}
 * started from tern.jar on 127.0.0.1:1883, the address they hard-code: serverMqttTest.py subscribes to
 * {@code test} and prints what it receives; the seed's publisher, clicentMqttTest.py, sends one message
 * through publish_once.py, which calls its code and then waits until the message has left (the seed's
 * publisher alone exits before paho sends it, more often than not: see issue 3).
 */
@Timeout(120)
class SeedScriptsIT {
    /** The message the seed's publisher sends when run as a script. */
    private static final String MESSAGE = "我是一条测试数据!";
    /** A client of the seed: its id is the time, yyyyMMddHHmmss. */
    private static final Pattern SEED_CLIENT = Pattern.compile("New client connected from \\S+ as (\\d{14}) ");
    private static final String SUBSCRIBER_CONNECTED = "connected to mqtt with resurt code  0";

    @TempDir
    Path dir;

    private Peers peers;
    private BrokerProcess broker;

    @BeforeEach
    void peers() {
        Peers.assumeAfterPackage();
        peers = new Peers(dir);
        peers.requirePythonPaho();
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        try {
            if (peers != null) {
                peers.close();
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    @Test
    @DisplayName("the seed's subscriber prints what the seed's publisher sends, through tern broker on 127.0.0.1:1883")
    void seedPublisherToSeedSubscriber() throws IOException {
        Path scripts = copyScripts();
        broker = BrokerProcess.startJar(dir, "broker", "--bind", "127.0.0.1", "-p", "1883");
        awaitPort1883();

        Peer subscriber = peers.start("serverMqttTest",
                List.of(Peers.PYTHON.toString(), "serverMqttTest.py"), Peers.PYTHON_ENV, scripts, null);
        subscriber.awaitOutput(SUBSCRIBER_CONNECTED, Duration.ofSeconds(30));
        String subscriberId = broker.awaitLog(SEED_CLIENT, Duration.ofSeconds(10)).group(1);
        // its id is the second it read the clock, before it connected: this second or an earlier one
        long subscriberSecond = Instant.now().getEpochSecond();
        awaitSubscribed(subscriber, scripts);

        // The publisher takes its id from the clock too: the same second, the same id, and the broker
        // would take the subscriber's session over. Start it in a later second.
        await("a second later than the subscriber's id").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> Instant.now().getEpochSecond() > subscriberSecond);
        Peer publisher = peers.run("publish_once",
                List.of(Peers.PYTHON.toString(), "publish_once.py"), Peers.PYTHON_ENV, scripts, null);
        assertThat(publisher.awaitExit(Peers.RUN_TIMEOUT)).as(publisher.output()).isZero();
        assertThat(publisher.output()).contains("Successful send message!");

        try {
            subscriber.awaitOutput("'msg': '" + MESSAGE + "'", Duration.ofSeconds(10));
        } catch (AssertionError e) {
            throw new AssertionError(String.format("%s%nThe publisher printed:%n%s%nThe broker logged:%n%s",
                    e.getMessage(), publisher.output(), broker.log()), e);
        }
        assertThat(subscriber.output())
                .as("the seed's subscriber prints the JSON payload as a Python dict")
                .containsPattern("Start server!\\R\\{'msg': '" + Pattern.quote(MESSAGE)
                        + "', 'data': '\\d{4}-\\d\\d-\\d\\d \\d\\d-\\d\\d-\\d\\d'}");
        assertThat(seedClientIds())
                .as("the publisher's id differs from the subscriber's")
                .hasSize(2)
                .contains(subscriberId);
        assertThat(subscriber.process().isAlive()).as("the subscriber runs on, connected").isTrue();
    }

    /**
     * The seed's scripts were copied unmodified into src/it/seed, since CI may have no ../shared:
     * their SHA-256 digests are those of the seed's files (sha256sum ../shared/seed/*.py).
     */
    @Test
    @DisplayName("src/it/seed holds the seed's scripts unmodified")
    void copiesAreTheSeed() throws IOException, NoSuchAlgorithmException {
        Map<String, String> seedDigests = Map.of(
                "clicentMqttTest.py", "d8929d9a8f8e0c8765ee0e2cdc44625f838273013da88bc70c25572238f9aab1",
                "serverMqttTest.py", "a160f634a3742e6cb3c69f00f212966780c468806673af45e76a7902f4d90998");
        for (Map.Entry<String, String> seed : seedDigests.entrySet()) {
            byte[] copy = Files.readAllBytes(seedDir().resolve(seed.getKey()));
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(copy));
            assertThat(digest).as(seed.getKey()).isEqualTo(seed.getValue());
        }
    }

    /** The seed's scripts and publish_once.py, copied to a directory of this test's own (Python may write there). */
    private Path copyScripts() throws IOException {
        Path scripts = Files.createDirectories(dir.resolve("seed"));
        for (String script : List.of("clicentMqttTest.py", "serverMqttTest.py", "publish_once.py")) {
            Files.copy(seedDir().resolve(script), scripts.resolve(script));
        }
        return scripts;
    }

    private static Path seedDir() {
        return Path.of(System.getProperty("tern.seed.dir", "src/it/seed")).toAbsolutePath();
    }

    /** The broker's port, 1883; fails saying so when another program holds that port. */
    private void awaitPort1883() {
        try {
            assertThat(broker.awaitPort()).isEqualTo(1883);
        } catch (AssertionError e) {
            if (broker.log().contains("Address already in use")) {
                fail("127.0.0.1:1883 is in use by another program (a mosquitto service? ss -ltnp 'sport = :1883'"
                        + " says which): the seed's scripts hard-code that address, so this test needs it free."
                        + " tern broker said:%n%s", broker.log());
            }
            throw e;
        }
    }

    /**
     * Waits until the subscriber's subscription is in place. It prints "connected" when the CONNACK
     * comes, before its SUBSCRIBE has reached the broker, and the broker does not log subscriptions:
     * so this publishes a probe (a JSON object, as its on_message expects) until it prints it.
     */
    private void awaitSubscribed(Peer subscriber, Path scripts) {
        String probe = "import paho.mqtt.publish as publish; "
                + "publish.single('test', '{\"probe\": \"subscribed\"}', hostname='127.0.0.1', port=1883)";
        await("the seed's subscriber prints a probe").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!subscriber.output().contains("'probe': 'subscribed'")) {
                        peers.run("probe", List.of(Peers.PYTHON.toString(), "-c", probe),
                                Peers.PYTHON_ENV, scripts, null).awaitSuccess(Peers.RUN_TIMEOUT);
                    }
                    return subscriber.output().contains("'probe': 'subscribed'") || !subscriber.process().isAlive();
                });
        assertThat(subscriber.process().isAlive()).as(subscriber.output()).isTrue();
    }

    /** The ids of the seed's clients that connected, from the broker's log. */
    private Set<String> seedClientIds() {
        Matcher matcher = SEED_CLIENT.matcher(broker.log());
        return matcher.results().map(result -> result.group(1)).collect(Collectors.toSet());
    }
}
