package io.tern.client;

import static io.tern.client.support.Futures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tern.client.support.Inbox;
import io.tern.client.support.BrokerKind;
import io.tern.client.support.CuttingProxy;
import io.tern.client.support.Resources;
import io.tern.client.support.ScriptedServer;
import io.tern.client.support.TestBroker;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.QoS;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.PubComp;
import io.tern.codec.packet.PubRec;
import io.tern.codec.packet.PubRel;
import io.tern.codec.packet.Publish;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscribe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReconnectTest {
    private static final Reconnect QUICKLY = Reconnect.exponential(Duration.ofMillis(50), Duration.ofMillis(500));

    @RegisterExtension
    final Resources resources = new Resources();

    private <T extends AutoCloseable> T use(T resource) {
        return resources.use(resource);
    }

    /** Records the listener's calls as words. */
    private static final class Events implements ConnectionListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void connected(ConnectResult result) {
            events.add("connected");
        }

        @Override
        public void connectionLost(MqttClientException cause) {
            events.add("lost");
        }

        @Override
        public void reconnecting(int attempt, Duration delay) {
            events.add("reconnecting " + attempt);
        }

        long connections() {
            return events.stream().filter("connected"::equals).count();
        }
    }

    private static Message qos1(String topic, String payload) {
        return Message.builder().topic(topic).payload(payload).qos(QoS.AT_LEAST_ONCE).build();
    }

    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    @DisplayName("after the network drops the client reconnects and, the session gone, subscribes again")
    void reconnectsAndResubscribes(BrokerKind kind) throws Exception {
        TestBroker broker = use(kind.start());
        CuttingProxy proxy = use(new CuttingProxy(broker.port()));
        Events events = new Events();
        MqttClient client = use(MqttClient.builder().serverPort(proxy.port()).clientId("flaky")
                .automaticReconnect(QUICKLY).listener(events).build());
        client.connect().get(20, TimeUnit.SECONDS);
        BlockingQueue<Message> received = Inbox.of(client, "news");

        proxy.cutAll();

        await().atMost(Duration.ofSeconds(20)).until(() -> events.connections() == 2);
        assertThat(events.events).containsSubsequence("connected", "lost", "reconnecting 1", "connected");
        MqttClient publisher = use(MqttClient.builder().serverPort(broker.port()).clientId("press").build());
        publisher.connect().get(20, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            publisher.publish(qos1("news", "after")).get(20, TimeUnit.SECONDS);
            assertThat(received.poll(200, TimeUnit.MILLISECONDS)).isNotNull();
        });
    }

    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    @DisplayName("publishes made while offline wait in a bounded buffer and are sent in order on reconnect")
    void offlineBuffer(BrokerKind kind) throws Exception {
        TestBroker broker = use(kind.start());
        CuttingProxy proxy = use(new CuttingProxy(broker.port()));
        MqttClient subscriber = use(MqttClient.builder().serverPort(broker.port()).clientId("reader").build());
        subscriber.connect().get(20, TimeUnit.SECONDS);
        BlockingQueue<Message> received = Inbox.of(subscriber, "log");
        MqttClient client = use(MqttClient.builder().serverPort(proxy.port()).clientId("writer")
                .automaticReconnect(QUICKLY).offlineBufferSize(5).build());
        client.connect().get(20, TimeUnit.SECONDS);

        proxy.refuse(true);
        proxy.cutAll();
        await().atMost(Duration.ofSeconds(20)).until(() -> !client.isConnected());
        List<CompletableFuture<PublishResult>> buffered = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            buffered.add(client.publish(qos1("log", "line " + i)));
        }
        CompletableFuture<PublishResult> overflow = client.publish(qos1("log", "too many"));

        assertThat(failure(overflow)).isInstanceOf(PublishQueueFullException.class)
                .hasMessageStartingWith("the offline buffer is full (5 messages)");
        assertThat(buffered).noneMatch(CompletableFuture::isDone);
        proxy.refuse(false);
        CompletableFuture.allOf(buffered.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        for (int i = 0; i < 5; i++) {
            assertThat(received.poll(20, TimeUnit.SECONDS).payloadAsString()).isEqualTo("line " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    @DisplayName("a QoS 1 publish whose PUBACK was lost completes after the reconnect resumes the session")
    void lostAcknowledgementResent(BrokerKind kind) throws Exception {
        TestBroker broker = use(kind.start());
        CuttingProxy proxy = use(new CuttingProxy(broker.port()));
        MqttClient subscriber = use(MqttClient.builder().serverPort(broker.port()).clientId("audit").build());
        subscriber.connect().get(20, TimeUnit.SECONDS);
        BlockingQueue<Message> received = Inbox.of(subscriber, "orders");
        MqttClient client = use(MqttClient.builder().serverPort(proxy.port()).clientId("till").cleanStart(false)
                .sessionExpiry(Duration.ofMinutes(5)).automaticReconnect(QUICKLY).build());
        client.connect().get(20, TimeUnit.SECONDS);

        proxy.swallowServerBytes(true);
        CompletableFuture<PublishResult> order = client.publish(qos1("orders", "order 1"));
        assertThat(received.poll(20, TimeUnit.SECONDS).payloadAsString()).isEqualTo("order 1");
        assertThat(order).isNotDone();
        proxy.cutAll();
        proxy.swallowServerBytes(false);

        assertThat(order.get(20, TimeUnit.SECONDS).message().payloadAsString()).isEqualTo("order 1");
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    @DisplayName("[MQTT-4.4.0-1] [MQTT-4.6.0-1] [MQTT-4.3.3-6] [MQTT-2.3.1-2] [MQTT-2.3.1-3] on a resumed session "
            + "unacknowledged publishes are resent with DUP and their identifiers, in order, and a QoS 2 publish past "
            + "PUBREC only with PUBREL")
    void resendWithDup(MqttVersion version) throws Exception {
        ScriptedServer server = use(new ScriptedServer());
        MqttClient client = use(MqttClient.builder().serverPort(server.port()).clientId("dup").cleanStart(false)
                .version(version)
                .sessionExpiry(Duration.ofMinutes(5)).automaticReconnect(QUICKLY).build());
        server.connect(client, MqttProperties.EMPTY);
        CompletableFuture<PublishResult> a = client.publish(qos1("t", "a"));
        CompletableFuture<PublishResult> b = client.publish(qos1("t", "b"));
        CompletableFuture<PublishResult> c = client.publish(Message.builder().topic("t").payload("c")
                .qos(QoS.EXACTLY_ONCE).build());
        Publish firstA = server.next(Publish.class);
        Publish firstB = server.next(Publish.class);
        Publish firstC = server.next(Publish.class);
        assertThat(List.of(firstA.dup(), firstB.dup(), firstC.dup())).containsOnly(false);
        assertThat(java.util.Set.of(firstA.packetId(), firstB.packetId(), firstC.packetId())).hasSize(3);
        server.send(new PubRec(firstC.packetId()));
        assertThat(server.next(PubRel.class).packetId()).isEqualTo(firstC.packetId());

        server.dropConnection();
        assertThat(server.next(Connect.class).cleanStart()).isFalse();
        server.accept(true, MqttProperties.EMPTY);

        Publish againA = server.next(Publish.class);
        Publish againB = server.next(Publish.class);
        assertThat(againA.dup()).isTrue();
        assertThat(againA.packetId()).isEqualTo(firstA.packetId());
        assertThat(againA.payload().toString(StandardCharsets.UTF_8)).isEqualTo("a");
        assertThat(againB.dup()).isTrue();
        assertThat(againB.packetId()).isEqualTo(firstB.packetId());
        assertThat(server.next(PubRel.class).packetId()).as("PUBREL again, not the PUBLISH").isEqualTo(firstC.packetId());
        assertThat(a).isNotDone();
        server.send(new PubAck(againA.packetId()));
        server.send(new PubAck(againB.packetId()));
        server.send(new PubComp(firstC.packetId()));
        assertThat(a.get(20, TimeUnit.SECONDS).message().payloadAsString()).isEqualTo("a");
        assertThat(b.get(20, TimeUnit.SECONDS).message().payloadAsString()).isEqualTo("b");
        assertThat(c.get(20, TimeUnit.SECONDS).message().payloadAsString()).isEqualTo("c");
        List.of(firstA, firstB, firstC, againA, againB).forEach(Publish::release);
    }

    @Test
    @DisplayName("when the reconnect finds no session, the client subscribes again and sends unacknowledged publishes as new ones")
    void newSessionOnReconnect() throws Exception {
        ScriptedServer server = use(new ScriptedServer());
        MqttClient client = use(MqttClient.builder().serverPort(server.port()).clientId("fresh")
                .automaticReconnect(QUICKLY).build());
        server.connect(client, MqttProperties.EMPTY);
        CompletableFuture<SubscribeResult> subscribed = client.subscribe("s/#", QoS.AT_LEAST_ONCE, m -> { });
        Subscribe subscribe = server.next(Subscribe.class);
        server.send(new Suback(subscribe.packetId(), List.of(io.tern.codec.ReasonCode.GRANTED_QOS_1),
                MqttProperties.EMPTY));
        subscribed.get(20, TimeUnit.SECONDS);
        CompletableFuture<PublishResult> publish = client.publish(qos1("t", "x"));
        server.next(Publish.class).release();

        server.dropConnection();
        server.next(Connect.class);
        server.accept(false, MqttProperties.EMPTY);

        Subscribe again = server.next(Subscribe.class);
        assertThat(again.subscriptions()).extracting(io.tern.codec.packet.Subscription::topicFilter).containsExactly("s/#");
        Publish resent = server.next(Publish.class);
        assertThat(resent.dup()).as("a new message on a new session").isFalse();
        server.send(new PubAck(resent.packetId()));
        resent.release();
        assertThat(publish.get(20, TimeUnit.SECONDS).message().payloadAsString()).isEqualTo("x");
    }

}
