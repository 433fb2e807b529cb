package io.tern.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tern.client.support.Inbox;
import io.tern.client.support.BrokerKind;
import io.tern.client.support.TestBroker;
import io.tern.codec.MqttVersion;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class PublishSubscribeTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private TestBroker broker;
    private final List<MqttClient> clients = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(MqttClient::close);
        if (broker != null) {
            broker.close();
        }
    }

    static List<Arguments> brokersAndVersions() {
        return List.of(Arguments.of(BrokerKind.TERN, MqttVersion.V5), Arguments.of(BrokerKind.TERN, MqttVersion.V3_1_1),
                Arguments.of(BrokerKind.MOSQUITTO, MqttVersion.V5), Arguments.of(BrokerKind.MOSQUITTO, MqttVersion.V3_1_1));
    }

    private MqttClient client(String id, MqttVersion version) {
        MqttClient client = MqttClient.builder().serverPort(broker.port()).clientId(id).version(version).build();
        clients.add(client);
        return client;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("brokersAndVersions")
    @DisplayName("a message published at each QoS reaches the subscription handler once, and each publish completes")
    void publishAtEachQosReachesSubscriber(BrokerKind kind, MqttVersion version) throws Exception {
        broker = kind.start();
        MqttClient subscriber = client("sub", version);
        MqttClient publisher = client("pub", version);
        ConnectResult connected = subscriber.connect().get(20, TimeUnit.SECONDS);
        assertThat(connected.sessionPresent()).isFalse();
        publisher.connect().get(20, TimeUnit.SECONDS);
        BlockingQueue<Message> received = new LinkedBlockingQueue<>();

        SubscribeResult subscribed = subscriber.subscribe("qos/#", QoS.EXACTLY_ONCE, received::add)
                .get(20, TimeUnit.SECONDS);
        assertThat(subscribed.reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_2);
        assertThat(subscribed.grantedQos(0)).contains(QoS.EXACTLY_ONCE);

        for (QoS qos : QoS.values()) {
            PublishResult result = publisher.publish(Message.builder().topic("qos/" + qos.value())
                    .payload("at " + qos).qos(qos).build()).get(20, TimeUnit.SECONDS);
            assertThat(result.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            Message message = received.poll(20, TimeUnit.SECONDS);
            assertThat(message).isNotNull();
            assertThat(message.topic()).isEqualTo("qos/" + qos.value());
            assertThat(message.payloadAsString()).isEqualTo("at " + qos);
            assertThat(message.qos()).isEqualTo(qos);
        }
        assertThat(received.poll(200, TimeUnit.MILLISECONDS)).as("no duplicate").isNull();
    }

    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    @DisplayName("after unsubscribe the handler gets no more messages; MQTT 5 UNSUBACK says whether the subscription existed")
    void unsubscribeStopsDelivery(BrokerKind kind) throws Exception {
        broker = kind.start();
        MqttClient client = client("unsub", MqttVersion.V5);
        client.connect().get(20, TimeUnit.SECONDS);
        BlockingQueue<Message> received = Inbox.of(client, "a/b");

        UnsubscribeResult result = client.unsubscribe("a/b", "never/subscribed").get(20, TimeUnit.SECONDS);

        assertThat(result.reasonCodes()).containsExactly(ReasonCode.SUCCESS, ReasonCode.NO_SUBSCRIPTION_EXISTED);
        client.publish(Message.of("a/b", "after")).get(20, TimeUnit.SECONDS);
        client.subscribe("marker", QoS.AT_LEAST_ONCE, received::add).get(20, TimeUnit.SECONDS);
        client.publish(Message.builder().topic("marker").payload("m").qos(QoS.AT_LEAST_ONCE).build())
                .get(20, TimeUnit.SECONDS);
        Message next = received.poll(20, TimeUnit.SECONDS);
        assertThat(next.topic()).as("the message to a/b was not delivered before the marker").isEqualTo("marker");
    }

    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    @DisplayName("messages no subscription handler takes go to the global handler")
    void globalHandlerGetsUnclaimedMessages(BrokerKind kind) throws Exception {
        broker = kind.start();
        MqttClient client = client("global", MqttVersion.V5);
        client.connect().get(20, TimeUnit.SECONDS);
        BlockingQueue<Message> global = new LinkedBlockingQueue<>();
        BlockingQueue<Message> specific = new LinkedBlockingQueue<>();
        client.onMessage(global::add);
        client.subscribe(null, Subscription.of("g/any", QoS.AT_LEAST_ONCE)).get(20, TimeUnit.SECONDS);
        client.subscribe("g/mine", QoS.AT_LEAST_ONCE, specific::add).get(20, TimeUnit.SECONDS);

        client.publish(Message.of("g/any", "to global")).get(20, TimeUnit.SECONDS);
        client.publish(Message.of("g/mine", "to handler")).get(20, TimeUnit.SECONDS);

        assertThat(global.poll(20, TimeUnit.SECONDS).payloadAsString()).isEqualTo("to global");
        assertThat(specific.poll(20, TimeUnit.SECONDS).payloadAsString()).isEqualTo("to handler");
        assertThat(global.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    @DisplayName("a slow handler holds back only its own messages: another subscription's handler keeps receiving")
    void slowHandlerDoesNotBlockOthers(BrokerKind kind) throws Exception {
        broker = kind.start();
        MqttClient client = client("slow", MqttVersion.V5);
        client.connect().get(20, TimeUnit.SECONDS);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch slowEntered = new CountDownLatch(1);
        client.subscribe("slow", QoS.AT_LEAST_ONCE, message -> {
            slowEntered.countDown();
            awaitQuietly(release);
        }).get(20, TimeUnit.SECONDS);
        BlockingQueue<Message> fast = Inbox.of(client, "fast");
        try {
            client.publish(Message.builder().topic("slow").payload("block").qos(QoS.AT_LEAST_ONCE).build())
                    .get(20, TimeUnit.SECONDS);
            assertThat(slowEntered.await(20, TimeUnit.SECONDS)).isTrue();

            for (int i = 0; i < 20; i++) {
                client.publish(Message.builder().topic("fast").payload("n" + i).qos(QoS.AT_LEAST_ONCE).build());
            }

            await().atMost(WAIT).until(() -> fast.size() == 20);
        } finally {
            release.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
