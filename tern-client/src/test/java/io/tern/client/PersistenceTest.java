package io.tern.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tern.client.persistence.Persistence;
import io.tern.client.support.Inbox;
import io.tern.client.support.BrokerKind;
import io.tern.client.support.CuttingProxy;
import io.tern.client.support.ScriptedServer;
import io.tern.client.support.TestBroker;
import io.tern.codec.MqttProperties;
import io.tern.codec.QoS;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.Disconnect;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.PubComp;
import io.tern.codec.packet.PubRec;
import io.tern.codec.packet.PubRel;
import io.tern.codec.packet.Publish;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PersistenceTest {
    @TempDir
    Path directory;

    private long filesIn(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    /** Collects the publishes recovered from an earlier run as they complete. */
    private static final class Recovered implements ConnectionListener {
        final List<String> payloads = new CopyOnWriteArrayList<>();

        @Override
        public void recoveredPublishCompleted(PublishResult result) {
            payloads.add(result.message().payloadAsString());
        }
    }

    @Test
    @DisplayName("[MQTT-4.4.0-1] a new process with the same directory and client id resends the in-flight "
            + "publishes with DUP and their identifiers, and PUBREL for those past PUBREC")
    void inFlightSurvivesRestart() throws Exception {
        try (ScriptedServer server = new ScriptedServer()) {
            MqttClientBuilder builder = MqttClient.builder().serverPort(server.port()).clientId("durable")
                    .cleanStart(false).sessionExpiry(Duration.ofHours(1)).persistence(Persistence.directory(directory));
            Publish firstA;
            Publish firstB;
            try (MqttClient before = builder.build()) {
                server.connect(before, MqttProperties.EMPTY);
                before.publish(Message.builder().topic("t").payload("a").qos(QoS.AT_LEAST_ONCE).build());
                before.publish(Message.builder().topic("t").payload("b").qos(QoS.EXACTLY_ONCE).build());
                firstA = server.next(Publish.class);
                firstB = server.next(Publish.class);
                server.send(new PubRec(firstB.packetId()));
                server.next(PubRel.class);
                await().atMost(Duration.ofSeconds(20)).until(() -> filesIn(directory) == 2);
            }
            server.next(Disconnect.class);
            assertThat(filesIn(directory)).as("kept after the client closed").isEqualTo(2);

            Recovered recovered = new Recovered();
            try (MqttClient after = builder.listener(recovered).build()) {
                CompletableFuture<ConnectResult> connect = after.connect();
                server.next(Connect.class);
                server.accept(true, MqttProperties.EMPTY);
                connect.get(20, TimeUnit.SECONDS);

                Publish againA = server.next(Publish.class);
                assertThat(againA.dup()).isTrue();
                assertThat(againA.packetId()).isEqualTo(firstA.packetId());
                assertThat(againA.payload().toString(StandardCharsets.UTF_8)).isEqualTo("a");
                assertThat(server.next(PubRel.class).packetId()).isEqualTo(firstB.packetId());
                server.send(new PubAck(againA.packetId()));
                server.send(new PubComp(firstB.packetId()));

                await().atMost(Duration.ofSeconds(20)).until(() -> recovered.payloads.size() == 2);
                assertThat(recovered.payloads).containsExactly("a", "b");
                await().atMost(Duration.ofSeconds(20)).until(() -> filesIn(directory) == 0);
                againA.release();
            }
            firstA.release();
            firstB.release();
        }
    }

    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    @DisplayName("a QoS 1 publish made offline and never sent is delivered by the next run of the program")
    void offlinePublishDeliveredByNextRun(BrokerKind kind) throws Exception {
        try (TestBroker broker = kind.start();
             CuttingProxy proxy = new CuttingProxy(broker.port());
             MqttClient subscriber = MqttClient.builder().serverPort(broker.port()).clientId("reader").build()) {
            subscriber.connect().get(20, TimeUnit.SECONDS);
            BlockingQueue<Message> received = Inbox.of(subscriber, "journal");

            try (MqttClient before = MqttClient.builder().serverPort(proxy.port()).clientId("journaller")
                    .automaticReconnect(Reconnect.exponential(Duration.ofMillis(50), Duration.ofMillis(200)))
                    .persistence(Persistence.directory(directory)).build()) {
                before.connect().get(20, TimeUnit.SECONDS);
                proxy.refuse(true);
                proxy.cutAll();
                await().atMost(Duration.ofSeconds(20)).until(() -> !before.isConnected());
                before.publish(Message.builder().topic("journal").payload("entry").qos(QoS.AT_LEAST_ONCE).build());
                await().atMost(Duration.ofSeconds(20)).until(() -> filesIn(directory) == 1);
            }

            Recovered recovered = new Recovered();
            try (MqttClient after = MqttClient.builder().serverPort(broker.port()).clientId("journaller")
                    .persistence(Persistence.directory(directory)).listener(recovered).build()) {
                after.connect().get(20, TimeUnit.SECONDS);

                assertThat(received.poll(20, TimeUnit.SECONDS).payloadAsString()).isEqualTo("entry");
                await().atMost(Duration.ofSeconds(20)).until(() -> recovered.payloads.equals(List.of("entry")));
                await().atMost(Duration.ofSeconds(20)).until(() -> filesIn(directory) == 0);
            }
            assertThat(received.poll(200, TimeUnit.MILLISECONDS)).as("delivered once").isNull();
        }
    }

    @Test
    @DisplayName("directory persistence needs a fixed client id: building without one is refused with the reason")
    void directoryNeedsClientId() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MqttClient.builder()
                        .persistence(Persistence.directory(directory)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a client id");
    }
}
