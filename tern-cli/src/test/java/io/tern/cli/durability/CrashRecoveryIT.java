package io.tern.cli.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tern.cli.support.BrokerProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability promise of {@code tern broker} across kill -9: a Paho publisher sends numbered QoS 1
 * and QoS 2 messages, recording each acknowledgement, to two persistent subscribers that are offline,
 * while the broker (tern.jar with its RocksDB data directory, sync always) is killed with SIGKILL
 * several times at random moments and started again on the same port and data. Then the subscribers
 * come back and drain their queues: every acknowledged message is there, QoS 1 at least once and QoS 2
 * exactly once, in the order published.
 */
@Timeout(180)
class CrashRecoveryIT {
    private static final int KILLS = 4;
    private static final String QOS1_TOPIC = "crash/qos1";
    private static final String QOS2_TOPIC = "crash/qos2";
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
    /** The number of the message published last to each topic, once the broker runs for good. */
    private static final int LAST = Integer.MAX_VALUE;

    @TempDir
    Path dir;

    private final Random random = new Random();
    private final List<BrokerProcess> brokers = new ArrayList<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private Path data;
    private int port;

    @BeforeEach
    void freePort() throws IOException {
        Assumptions.assumeFalse(Boolean.getBoolean("tern.before.package"),
                "runs in the integration-test phase, after package builds tern.jar");
        data = dir.resolve("data");
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        executor.shutdownNow();
        for (BrokerProcess broker : brokers) {
            broker.close();
        }
    }

    @Test
    @DisplayName("[MQTT-4.3.2-2] [MQTT-4.3.3-2] [MQTT-4.6.0-6] every acknowledged QoS 1 and QoS 2 message reaches "
            + "its offline persistent subscriber across several kill -9 of the broker, QoS 2 exactly once, in order")
    void acknowledgedMessagesSurviveKillNine() throws Exception {
        BrokerProcess broker = startBroker();
        subscribeAndLeave("sub-qos1", QOS1_TOPIC, 1);
        subscribeAndLeave("sub-qos2", QOS2_TOPIC, 2);

        Set<Integer> ackedQos1 = new ConcurrentSkipListSet<>();
        Set<Integer> ackedQos2 = new ConcurrentSkipListSet<>();
        AtomicBoolean publishing = new AtomicBoolean(true);
        AtomicInteger acks = new AtomicInteger();
        Future<?> publisher = executor.submit(() -> {
            publish(publishing, ackedQos1, ackedQos2, acks);
            return null;
        });

        for (int kill = 0; kill < KILLS; kill++) {
            int target = acks.get() + 20 + random.nextInt(200); // a random moment: after some more acknowledgements
            await("acknowledgements before kill " + (kill + 1)).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(random.nextInt(5) + 1))
                    .failFast(() -> publisher.isDone())
                    .until(() -> acks.get() >= target);
            broker.process().destroyForcibly(); // SIGKILL
            assertThat(broker.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            broker = startBroker();
        }
        int last = acks.get() + 20;
        await("acknowledgements after the last restart").atMost(Duration.ofSeconds(60))
                .failFast(() -> publisher.isDone())
                .until(() -> acks.get() >= last);
        publishing.set(false);
        publisher.get(30, TimeUnit.SECONDS);
        publishLast(QOS1_TOPIC, 1, ackedQos1);
        publishLast(QOS2_TOPIC, 2, ackedQos2);

        assertThat(ackedQos1).hasSizeGreaterThan(KILLS * 10);
        assertThat(ackedQos2).hasSizeGreaterThan(KILLS * 10);
        List<Integer> qos1 = drain("sub-qos1");
        List<Integer> qos2 = drain("sub-qos2");

        assertThat(new TreeSet<>(qos1)).as("QoS 1: every acknowledged message at least once").containsAll(ackedQos1);
        assertThat(firstArrivals(qos1)).as("QoS 1: in the order published").isSorted();
        assertThat(new TreeSet<>(qos2)).as("QoS 2: every acknowledged message").containsAll(ackedQos2);
        assertThat(qos2).as("QoS 2: exactly once, in the order published").doesNotHaveDuplicates().isSorted();
        assertThat(broker.log()).contains("Restored 2 sessions");
    }

    private BrokerProcess startBroker() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run-" + brokers.size()));
        Path config = Files.writeString(run.resolve("tern.yaml"), """
                limits:
                  max-queued-messages: 1000000
                  sys-interval: 0s
                """);
        BrokerProcess broker = BrokerProcess.startJar(run, "broker", "-c", config.toString(), "-p",
                String.valueOf(port), "--data", data.toString(), "--sync", "always");
        brokers.add(broker);
        broker.awaitPort();
        return broker;
    }

    /** Publishes numbered messages, QoS 1 and QoS 2 in turn, reconnecting after each kill, until told to stop. */
    private void publish(AtomicBoolean publishing, Set<Integer> ackedQos1, Set<Integer> ackedQos2, AtomicInteger acks)
            throws Exception {
        int next = 0;
        MqttClient client = null;
        try {
            while (publishing.get()) {
                if (client == null || !client.isConnected()) {
                    client = connectWithRetry("publisher", true, null);
                }
                int number = next++;
                boolean qos2 = number % 2 == 1;
                MqttMessage message = new MqttMessage(String.valueOf(number).getBytes(StandardCharsets.US_ASCII));
                message.setQos(qos2 ? 2 : 1);
                try {
                    client.publish(qos2 ? QOS2_TOPIC : QOS1_TOPIC, message); // returns on PUBACK, or PUBCOMP
                    (qos2 ? ackedQos2 : ackedQos1).add(number);
                    acks.incrementAndGet();
                } catch (MqttException e) {
                    // the broker was killed: this one is not acknowledged, and may or may not arrive
                    closeQuietly(client);
                    client = null;
                }
            }
        } finally {
            closeQuietly(client);
        }
    }

    /** Publishes the last message of a topic, which its subscriber receives after every other one. */
    private void publishLast(String topic, int qos, Set<Integer> acked) throws Exception {
        MqttClient client = connectWithRetry("last-publisher", true, null);
        MqttMessage message = new MqttMessage(String.valueOf(LAST).getBytes(StandardCharsets.US_ASCII));
        message.setQos(qos);
        client.publish(topic, message);
        acked.add(LAST);
        closeQuietly(client);
    }

    private void subscribeAndLeave(String clientId, String topic, int qos) throws Exception {
        MqttClient client = connectWithRetry(clientId, false, null);
        client.subscribe(topic, qos);
        client.disconnect();
        client.close();
    }

    /**
     * Connects the persistent subscriber again and collects the numbers it receives until the last
     * message has come: messages arrive in the order published, so every other one has come by then.
     */
    private List<Integer> drain(String clientId) throws Exception {
        List<Integer> received = new CopyOnWriteArrayList<>();
        MqttClient client = connectWithRetry(clientId, false, new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String arrivedOn, MqttMessage message) {
                received.add(Integer.parseInt(new String(message.getPayload(), StandardCharsets.US_ASCII)));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        try {
            await(clientId + " receives the last message").atMost(DRAIN_TIMEOUT)
                    .until(() -> received.contains(LAST));
            return new ArrayList<>(received);
        } finally {
            closeQuietly(client);
        }
    }

    private MqttClient connectWithRetry(String clientId, boolean cleanSession, MqttCallback callback)
            throws Exception {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, clientId, new MemoryPersistence());
        if (callback != null) {
            client.setCallback(callback);
        }
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(cleanSession);
        options.setMaxInflight(1000);
        options.setConnectionTimeout(10);
        options.setAutomaticReconnect(false);
        await("connect " + clientId).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .ignoreExceptionsInstanceOf(MqttException.class)
                .until(() -> {
                    client.connect(options);
                    return true;
                });
        return client;
    }

    /** The numbers in the order they first arrived: a QoS 1 message sent again arrives twice. */
    private static List<Integer> firstArrivals(List<Integer> received) {
        Set<Integer> seen = new TreeSet<>();
        List<Integer> first = new ArrayList<>();
        for (int number : received) {
            if (seen.add(number)) {
                first.add(number);
            }
        }
        return Collections.unmodifiableList(first);
    }

    private static void closeQuietly(MqttClient client) {
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(1000, 1000);
            }
            client.close(true);
        } catch (MqttException e) {
            // closing a client of a killed broker: nothing left to do
        }
    }
}
