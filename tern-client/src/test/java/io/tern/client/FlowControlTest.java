package io.tern.client;

import static io.tern.client.support.Futures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tern.broker.BrokerConfig;
import io.tern.client.support.BrokerKind;
import io.tern.client.support.MosquittoBroker;
import io.tern.client.support.ScriptedServer;
import io.tern.client.support.TestBroker;
import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.Disconnect;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.PubRec;
import io.tern.codec.packet.Publish;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FlowControlTest {
    private static Message qos1(String topic, int n) {
        return Message.builder().topic(topic).payload("m" + n).qos(QoS.AT_LEAST_ONCE).build();
    }

    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    @DisplayName("10,000 QoS 1 publishes issued at once all complete and all arrive (Paho fails at 10 in flight)")
    void tenThousandPublishesComplete(BrokerKind kind) throws Exception {
        // brokers queue 1,000 messages per subscriber by default and drop the rest: room for the burst
        TestBroker queueing = kind == BrokerKind.TERN
                ? BrokerKind.tern(builder -> builder.config(BrokerConfig.builder().maxQueuedMessages(20_000).build()))
                : MosquittoBroker.start("max_queued_messages 20000\n");
        try (TestBroker broker = queueing;
             MqttClient subscriber = MqttClient.builder().serverPort(broker.port()).clientId("sink").build();
             MqttClient publisher = MqttClient.builder().serverPort(broker.port()).clientId("burst").build()) {
            subscriber.connect().get(20, TimeUnit.SECONDS);
            AtomicInteger received = new AtomicInteger();
            subscriber.subscribe("burst", QoS.AT_LEAST_ONCE, m -> received.incrementAndGet()).get(20, TimeUnit.SECONDS);
            publisher.connect().get(20, TimeUnit.SECONDS);

            List<CompletableFuture<PublishResult>> futures = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                futures.add(publisher.publish(qos1("burst", i)));
            }

            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(60)).until(() -> received.get() >= 10_000);
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.4-7] [MQTT-4.9.0-1] no more QoS 1 publishes in flight than the server's Receive Maximum; "
            + "the rest wait, and a full queue completes the future with PublishQueueFullException")
    void receiveMaximumAndFullQueue() throws Exception {
        try (ScriptedServer server = new ScriptedServer();
             MqttClient client = MqttClient.builder().serverPort(server.port()).pendingPublishLimit(10).build()) {
            server.connect(client, MqttProperties.builder().set(PropertyId.RECEIVE_MAXIMUM, 5).build());

            List<CompletableFuture<PublishResult>> first = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                first.add(client.publish(qos1("window", i)));
            }
            Set<Integer> packetIds = new HashSet<>();
            for (int i = 0; i < 5; i++) {
                packetIds.add(server.next(Publish.class).packetId());
            }
            assertThat(packetIds).as("[MQTT-2.2.1-3] distinct packet identifiers in flight").hasSize(5);
            List<CompletableFuture<PublishResult>> waiting = new ArrayList<>();
            for (int i = 5; i < 15; i++) {
                waiting.add(client.publish(qos1("window", i)));
            }
            CompletableFuture<PublishResult> overflow = client.publish(qos1("window", 15));

            assertThat(failure(overflow)).isInstanceOf(PublishQueueFullException.class)
                    .hasMessageContaining("10 messages");
            assertThat(server.poll(Duration.ofMillis(300))).as("nothing beyond the receive maximum").isNull();

            int acknowledged = packetIds.iterator().next();
            server.send(new PubAck(acknowledged));
            Publish next = server.next(Publish.class);
            assertThat(next.payload().toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("m5");
            next.release();
            assertThat(first).as("the acknowledged publish completed").filteredOn(CompletableFuture::isDone).hasSize(1);
            assertThat(server.poll(Duration.ofMillis(300))).as("one acknowledgement makes room for one").isNull();
            assertThat(waiting).noneMatch(CompletableFuture::isDone);
        }
    }

    @Test
    @DisplayName("[MQTT-3.2.2-11] a publish above the server's Maximum QoS fails with a clear message and is not sent")
    void maximumQosHonoured() throws Exception {
        try (ScriptedServer server = new ScriptedServer();
             MqttClient client = MqttClient.builder().serverPort(server.port()).build()) {
            server.connect(client, MqttProperties.builder().set(PropertyId.MAXIMUM_QOS, 1)
                    .set(PropertyId.RETAIN_AVAILABLE, 0).build());

            CompletableFuture<PublishResult> qos2 = client.publish(Message.builder().topic("t").qos(QoS.EXACTLY_ONCE)
                    .build());
            CompletableFuture<PublishResult> retained = client.publish(Message.builder().topic("t").retain(true).build());

            assertThat(failure(qos2)).hasMessage("the server accepts QoS up to 1, not 2 (Maximum QoS in CONNACK)");
            assertThat(failure(retained)).hasMessageContaining("does not support retained messages");
            MqttPacket sent = server.poll(Duration.ofMillis(300));
            assertThat(sent).as("nothing sent").isNull();
        }
    }


    @Test
    @DisplayName("[MQTT-3.3.4-8] with the send quota used up the client still sends SUBSCRIBE and acknowledgements at once")
    void otherPacketsPassAFullWindow() throws Exception {
        try (ScriptedServer server = new ScriptedServer();
             MqttClient client = MqttClient.builder().serverPort(server.port()).build()) {
            server.connect(client, MqttProperties.builder().set(PropertyId.RECEIVE_MAXIMUM, 1).build());
            client.publish(qos1("full", 0));
            client.publish(qos1("full", 1));
            server.next(Publish.class).release();

            client.subscribe("s", QoS.AT_LEAST_ONCE, m -> { });
            server.send(new Publish("s", QoS.AT_LEAST_ONCE, false, false, 77, MqttProperties.EMPTY,
                    io.netty.buffer.Unpooled.EMPTY_BUFFER));

            List<MqttPacket> sent = List.of(server.next(MqttPacket.class), server.next(MqttPacket.class));
            assertThat(sent).as("both pass, in either order").hasAtLeastOneElementOfType(io.tern.codec.packet.Subscribe.class)
                    .contains(new PubAck(77));
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.4-9] a server exceeding the client's Receive Maximum with QoS 2 messages is disconnected "
            + "with 0x93 and the excess is not delivered")
    void serverExceedingReceiveMaximum() throws Exception {
        AtomicInteger delivered = new AtomicInteger();
        CompletableFuture<MqttClientException> lost = new CompletableFuture<>();
        try (ScriptedServer server = new ScriptedServer();
             MqttClient client = MqttClient.builder().serverPort(server.port()).receiveMaximum(2)
                     .listener(new ConnectionListener() {
                         @Override
                         public void connectionLost(MqttClientException cause) {
                             lost.complete(cause);
                         }
                     }).build()) {
            client.onMessage(message -> delivered.incrementAndGet());
            server.connect(client, MqttProperties.EMPTY);

            for (int id = 1; id <= 3; id++) {
                server.send(new Publish("flood", QoS.EXACTLY_ONCE, false, false, id, MqttProperties.EMPTY,
                        io.netty.buffer.Unpooled.EMPTY_BUFFER));
            }

            server.next(PubRec.class);
            server.next(PubRec.class);
            assertThat(server.next(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.RECEIVE_MAXIMUM_EXCEEDED);
            assertThat(lost.get(20, TimeUnit.SECONDS)).hasMessageContaining("receive maximum of 2");
            await().atMost(Duration.ofSeconds(20)).until(() -> delivered.get() == 2);
        }
    }
}
