package io.tern.client;

import static io.tern.client.support.Futures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.auth.Authorizer;
import io.tern.broker.auth.ClientInfo;
import io.tern.client.support.Inbox;
import io.tern.client.support.BrokerKind;
import io.tern.client.support.CuttingProxy;
import io.tern.client.support.Resources;
import io.tern.client.support.ScriptedServer;
import io.tern.client.support.TestBroker;
import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.UserProperty;
import io.tern.codec.packet.Publish;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class Mqtt5FeaturesTest {
    @RegisterExtension
    final Resources resources = new Resources();

    private <T extends AutoCloseable> T use(T resource) {
        return resources.use(resource);
    }

    private MqttClient connected(TestBroker broker, String clientId) throws Exception {
        MqttClient client = use(MqttClient.builder().serverPort(broker.port()).clientId(clientId).build());
        client.connect().get(20, TimeUnit.SECONDS);
        return client;
    }

    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    @DisplayName("user properties, message expiry, content type, payload format, response topic and correlation data "
            + "reach the subscriber")
    void propertiesRoundTrip(BrokerKind kind) throws Exception {
        TestBroker broker = use(kind.start());
        MqttClient subscriber = connected(broker, "props-sub");
        MqttClient publisher = connected(broker, "props-pub");
        BlockingQueue<Message> received = Inbox.of(subscriber, "props");

        publisher.publish(Message.builder().topic("props").payload("{\"t\":21}").qos(QoS.AT_LEAST_ONCE)
                .messageExpiry(Duration.ofMinutes(10)).contentType("application/json").utf8Payload(true)
                .responseTopic("replies").correlationData(new byte[] {1, 2, 3})
                .userProperty("unit", "celsius").userProperty("unit", "kelvin").build()).get(20, TimeUnit.SECONDS);

        Message message = received.poll(20, TimeUnit.SECONDS);
        assertThat(message.contentType()).contains("application/json");
        assertThat(message.isUtf8Payload()).isTrue();
        assertThat(message.responseTopic()).contains("replies");
        assertThat(message.correlationData()).hasValueSatisfying(data -> assertThat(data).containsExactly(1, 2, 3));
        assertThat(message.userProperties()).containsExactly(new UserProperty("unit", "celsius"),
                new UserProperty("unit", "kelvin"));
        assertThat(message.messageExpiry()).hasValueSatisfying(expiry ->
                assertThat(expiry).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(10)));
    }

    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    @DisplayName("request/response: the request carries a response topic and correlation data, and the reply completes it")
    void requestResponse(BrokerKind kind) throws Exception {
        TestBroker broker = use(kind.start());
        MqttClient responder = connected(broker, "responder");
        MqttClient requester = connected(broker, "requester");
        responder.subscribe("service/time", QoS.AT_LEAST_ONCE, request ->
                responder.publish(Message.responseTo(request).payload("noon for " + request.payloadAsString()).build()))
                .get(20, TimeUnit.SECONDS);

        Message first = requester.request(Message.builder().topic("service/time").payload("a").build(),
                Duration.ofSeconds(20)).get(30, TimeUnit.SECONDS);
        Message second = requester.request(Message.builder().topic("service/time").payload("b").build(),
                Duration.ofSeconds(20)).get(30, TimeUnit.SECONDS);

        assertThat(first.payloadAsString()).isEqualTo("noon for a");
        assertThat(second.payloadAsString()).isEqualTo("noon for b");
    }

    @Test
    @DisplayName("a request nobody answers fails with MqttTimeoutException after its timeout")
    void requestTimeout() throws Exception {
        TestBroker broker = use(BrokerKind.TERN.start());
        MqttClient requester = connected(broker, "lonely");

        CompletableFuture<Message> response = requester.request(Message.of("nobody/home", "hello"),
                Duration.ofMillis(300));

        assertThat(failure(response)).isInstanceOf(MqttTimeoutException.class)
                .hasMessageStartingWith("no response on tern/response/").hasMessageEndingWith("within 300 ms");
    }

    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    @DisplayName("a subscription identifier comes back on the messages that match the subscription")
    void subscriptionIdentifiers(BrokerKind kind) throws Exception {
        TestBroker broker = use(kind.start());
        MqttClient client = connected(broker, "ids");
        BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        client.subscribe(received::add, Subscription.builder("sensors/+").qos(QoS.AT_LEAST_ONCE).identifier(42).build())
                .get(20, TimeUnit.SECONDS);

        client.publish(Message.of("sensors/a", "1")).get(20, TimeUnit.SECONDS);

        assertThat(received.poll(20, TimeUnit.SECONDS).subscriptionIdentifiers()).containsExactly(42);
    }

    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    @DisplayName("no local: the server keeps the client's own messages from its subscription")
    void noLocal(BrokerKind kind) throws Exception {
        TestBroker broker = use(kind.start());
        MqttClient client = connected(broker, "echo");
        BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        client.subscribe(received::add, Subscription.builder("chat").qos(QoS.AT_LEAST_ONCE).noLocal(true).build())
                .get(20, TimeUnit.SECONDS);
        MqttClient other = connected(broker, "friend");

        client.publish(Message.of("chat", "mine")).get(20, TimeUnit.SECONDS);
        other.publish(Message.of("chat", "theirs")).get(20, TimeUnit.SECONDS);

        assertThat(received.poll(20, TimeUnit.SECONDS).payloadAsString()).isEqualTo("theirs");
        assertThat(received.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    @DisplayName("with outbound topic aliases on, repeated publishes to a topic still reach subscribers on that topic")
    void topicAliasesDeliverRightTopic(BrokerKind kind) throws Exception {
        TestBroker broker = use(kind.start());
        MqttClient subscriber = connected(broker, "alias-sub");
        BlockingQueue<Message> received = Inbox.of(subscriber, "plant/#");
        MqttClient publisher = use(MqttClient.builder().serverPort(broker.port()).clientId("alias-pub")
                .topicAliasMaximum(5).build());
        publisher.connect().get(20, TimeUnit.SECONDS);

        for (String topic : List.of("plant/boiler/temperature", "plant/boiler/temperature", "plant/pump",
                "plant/boiler/temperature")) {
            publisher.publish(Message.builder().topic(topic).payload(topic).qos(QoS.AT_LEAST_ONCE).build())
                    .get(20, TimeUnit.SECONDS);
        }

        for (int i = 0; i < 4; i++) {
            Message message = received.poll(20, TimeUnit.SECONDS);
            assertThat(message.topic()).isEqualTo(message.payloadAsString());
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.2-9] [MQTT-3.2.2-17] topic aliases: the first publish sends topic and alias, later ones the "
            + "alias alone, never beyond the server's Topic Alias Maximum")
    void topicAliasesOnTheWire() throws Exception {
        ScriptedServer server = use(new ScriptedServer());
        MqttClient client = use(MqttClient.builder().serverPort(server.port()).topicAliasMaximum(5).build());
        server.connect(client, MqttProperties.builder().set(PropertyId.TOPIC_ALIAS_MAXIMUM, 1).build());

        client.publish(Message.of("a/long/topic", "1"));
        client.publish(Message.of("a/long/topic", "2"));
        client.publish(Message.of("other", "3"));

        Publish first = server.next(Publish.class);
        Publish second = server.next(Publish.class);
        Publish third = server.next(Publish.class);
        assertThat(first.topic()).isEqualTo("a/long/topic");
        assertThat(first.properties().intValue(PropertyId.TOPIC_ALIAS, 0)).isEqualTo(1);
        assertThat(second.topic()).isEmpty();
        assertThat(second.properties().intValue(PropertyId.TOPIC_ALIAS, 0)).isEqualTo(1);
        assertThat(third.topic()).isEqualTo("other");
        assertThat(third.properties().has(PropertyId.TOPIC_ALIAS)).as("beyond the server's maximum").isFalse();
        List.of(first, second, third).forEach(Publish::release);
    }

    @Test
    @DisplayName("[MQTT-3.3.2-7] topic aliases belong to a connection: after a reconnect the topic is sent again with its alias")
    void topicAliasesStartAfreshOnReconnect() throws Exception {
        ScriptedServer server = use(new ScriptedServer());
        MqttClient client = use(MqttClient.builder().serverPort(server.port()).topicAliasMaximum(5)
                .automaticReconnect(Reconnect.exponential(Duration.ofMillis(50), Duration.ofMillis(200))).build());
        MqttProperties aliases = MqttProperties.builder().set(PropertyId.TOPIC_ALIAS_MAXIMUM, 5).build();
        server.connect(client, aliases);
        client.publish(Message.of("plant/pump", "1"));
        server.next(Publish.class).release();

        server.dropConnection();
        server.next(io.tern.codec.packet.Connect.class);
        server.accept(true, aliases);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(client::isConnected);
        client.publish(Message.of("plant/pump", "2"));

        Publish again = server.next(Publish.class);
        assertThat(again.topic()).isEqualTo("plant/pump");
        assertThat(again.properties().intValue(PropertyId.TOPIC_ALIAS, 0)).isEqualTo(1);
        again.release();
    }

    @Test
    @DisplayName("[MQTT-3.2.2-15] a publish larger than the server's Maximum Packet Size fails and is not sent; "
            + "it takes no topic alias")
    void maximumPacketSizeHonoured() throws Exception {
        ScriptedServer server = use(new ScriptedServer());
        MqttClient client = use(MqttClient.builder().serverPort(server.port()).topicAliasMaximum(5).build());
        server.connect(client, MqttProperties.builder().set(PropertyId.MAXIMUM_PACKET_SIZE, 100)
                .set(PropertyId.TOPIC_ALIAS_MAXIMUM, 5).build());

        CompletableFuture<PublishResult> big = client.publish(Message.of("t", "x".repeat(200)));
        client.publish(Message.of("t", "small"));

        assertThat(failure(big)).hasMessage("the message to t is larger than the server's maximum packet size of "
                + "100 bytes");
        Publish sent = server.next(Publish.class);
        assertThat(sent.topic()).as("the alias is announced with the topic").isEqualTo("t");
        assertThat(sent.properties().intValue(PropertyId.TOPIC_ALIAS, 0)).isEqualTo(1);
        sent.release();
    }

    @Test
    @DisplayName("[MQTT-3.2.2-18] without a Topic Alias Maximum from the server the client sends no alias")
    void noAliasWhenServerAllowsNone() throws Exception {
        ScriptedServer server = use(new ScriptedServer());
        MqttClient client = use(MqttClient.builder().serverPort(server.port()).topicAliasMaximum(5).build());
        server.connect(client, MqttProperties.EMPTY);

        client.publish(Message.of("t", "1"));
        client.publish(Message.of("t", "2"));

        for (int i = 0; i < 2; i++) {
            Publish publish = server.next(Publish.class);
            assertThat(publish.topic()).isEqualTo("t");
            assertThat(publish.properties().has(PropertyId.TOPIC_ALIAS)).isFalse();
            publish.release();
        }
    }

    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    @DisplayName("a will with a delay is published after the delay once the connection is lost")
    void willWithDelay(BrokerKind kind) throws Exception {
        TestBroker broker = use(kind.start());
        CuttingProxy proxy = use(new CuttingProxy(broker.port()));
        MqttClient observer = connected(broker, "observer");
        BlockingQueue<Message> wills = Inbox.of(observer, "status/device");
        MqttClient device = use(MqttClient.builder().serverPort(proxy.port()).clientId("device")
                .sessionExpiry(Duration.ofSeconds(60))
                .will(Message.builder().topic("status/device").payload("offline").qos(QoS.AT_LEAST_ONCE)
                        .userProperty("why", "lost").build(), Duration.ofSeconds(3)).build());
        device.connect().get(20, TimeUnit.SECONDS);

        proxy.cutAll();

        assertThat(wills.poll(1, TimeUnit.SECONDS)).as("not before the delay").isNull();
        Message will = wills.poll(20, TimeUnit.SECONDS);
        assertThat(will).isNotNull();
        assertThat(will.payloadAsString()).isEqualTo("offline");
        assertThat(will.userProperties()).containsExactly(new UserProperty("why", "lost"));
    }

    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    @DisplayName("[MQTT-3.1.2-23] with a session expiry the session outlives the connection: messages published "
            + "meanwhile arrive on reconnect")
    void sessionExpiryKeepsSession(BrokerKind kind) throws Exception {
        TestBroker broker = use(kind.start());
        MqttClientBuilder builder = MqttClient.builder().serverPort(broker.port()).clientId("traveller")
                .sessionExpiry(Duration.ofMinutes(1));
        try (MqttClient first = builder.build()) {
            assertThat(first.connect().get(20, TimeUnit.SECONDS).sessionPresent()).isFalse();
            first.subscribe("mail", QoS.AT_LEAST_ONCE, m -> { }).get(20, TimeUnit.SECONDS);
            first.disconnect().get(20, TimeUnit.SECONDS);
        }
        connected(broker, "sender").publish(Message.builder().topic("mail").payload("while away")
                .qos(QoS.AT_LEAST_ONCE).build()).get(20, TimeUnit.SECONDS);

        MqttClient again = use(builder.cleanStart(false).build());
        BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        again.onMessage(received::add);

        assertThat(again.connect().get(20, TimeUnit.SECONDS).sessionPresent()).isTrue();
        assertThat(received.poll(20, TimeUnit.SECONDS).payloadAsString()).isEqualTo("while away");
    }

    // Tern only: mosquitto 2.0.11 closes a taken-over connection without sending DISCONNECT 0x8E
    @Test
    @DisplayName("a DISCONNECT from the server reaches the listener with its reason code (session taken over)")
    void serverDisconnectCarriesReasonCode() throws Exception {
        TestBroker broker = use(BrokerKind.TERN.start());
        CompletableFuture<MqttClientException> lost = new CompletableFuture<>();
        MqttClient first = use(MqttClient.builder().serverPort(broker.port()).clientId("twin")
                .listener(new ConnectionListener() {
                    @Override
                    public void connectionLost(MqttClientException cause) {
                        lost.complete(cause);
                    }
                }).build());
        first.connect().get(20, TimeUnit.SECONDS);

        connected(broker, "twin");

        MqttClientException cause = lost.get(20, TimeUnit.SECONDS);
        assertThat(cause).isInstanceOf(ConnectionLostException.class)
                .hasMessageStartingWith("disconnected by the server: session taken over (0x8E)");
        assertThat(cause.reasonCode()).isEqualTo(ReasonCode.SESSION_TAKEN_OVER);
    }

    @Test
    @DisplayName("a publish or subscribe the server refuses fails with its reason code and reason string")
    void refusalsCarryReasonCodes() throws Exception {
        Authorizer noSecrets = new Authorizer() {
            @Override
            public boolean canPublish(ClientInfo client, String topic) {
                return !topic.startsWith("secret");
            }

            @Override
            public boolean canSubscribe(ClientInfo client, String topicFilter) {
                return !topicFilter.startsWith("secret");
            }
        };
        TestBroker broker = use(BrokerKind.tern(builder -> builder.authorizer(noSecrets)));
        MqttClient client = connected(broker, "nosy");

        Throwable publish = failure(client.publish(Message.builder().topic("secret/plans").qos(QoS.AT_LEAST_ONCE)
                .build()));
        Throwable subscribe = failure(client.subscribe("secret/#", QoS.AT_LEAST_ONCE, m -> { }));

        assertThat(publish).isInstanceOf(MqttReasonCodeException.class)
                .hasMessageStartingWith("PUBACK refused: not authorized (0x87)");
        assertThat(((MqttClientException) publish).reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
        assertThat(subscribe).isInstanceOf(MqttReasonCodeException.class)
                .hasMessageStartingWith("SUBACK refused: not authorized (0x87)");
        assertThat(client.publish(Message.builder().topic("public").qos(QoS.AT_LEAST_ONCE).build())
                .get(20, TimeUnit.SECONDS).reasonCode()).as("the connection goes on").isIn(ReasonCode.SUCCESS,
                ReasonCode.NO_MATCHING_SUBSCRIBERS);
    }

}
