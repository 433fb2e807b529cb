package io.tern.broker.v311;

import static io.tern.broker.support.Clients.closeQuietly;
import static io.tern.broker.support.Clients.connectedHiveMq;
import static io.tern.broker.support.Clients.connectedPaho;
import static io.tern.broker.support.Packets.publishPacket;
import static io.tern.broker.support.RawFlows.connect;
import static io.tern.broker.support.RawFlows.subscribe;
import static io.tern.broker.support.Waits.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.codec.MqttPacketEncoder;
import io.tern.codec.MqttVersion;
import io.tern.codec.QoS;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.Publish;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ordered topics (section 4.6): 200 numbered messages from one publisher arrive in order. */
@Timeout(120) // the HiveMQ blocking client waits without limit: a hang fails the test instead
class PublishOrderTest {
    private static final int COUNT = 200;
    private static final List<String> EXPECTED = IntStream.range(0, COUNT).mapToObj(Integer::toString).toList();

    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    @Test
    @DisplayName("[MQTT-4.6.0-5] [MQTT-4.6.0-6] Paho: 200 QoS 1 messages published without waiting arrive in the order published")
    void paho() throws Exception {
        MqttClient subscriber = null;
        MqttAsyncClient publisher = null;
        try {
            subscriber = connectedPaho(broker, "order-paho-sub", true);
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            subscriber.subscribe("order/paho", 1,
                    (topic, message) -> received.add(new String(message.getPayload(), StandardCharsets.UTF_8)));

            publisher = new MqttAsyncClient(broker.uri(), "order-paho-pub", new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            options.setMaxInflight(COUNT);
            publisher.connect(options).waitForCompletion(TIMEOUT.toMillis());
            List<IMqttDeliveryToken> tokens = new ArrayList<>();
            for (String n : EXPECTED) {
                tokens.add(publisher.publish("order/paho", n.getBytes(StandardCharsets.UTF_8), 1, false));
            }
            for (IMqttDeliveryToken token : tokens) {
                token.waitForCompletion(TIMEOUT.toMillis());
            }
            List<String> all = new ArrayList<>();
            for (int i = 0; i < COUNT; i++) {
                String next = received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertThat(next).as("message %d", i).isNotNull();
                all.add(next);
            }
            assertThat(all).containsExactlyElementsOf(EXPECTED);
        } finally {
            closeQuietly(subscriber);
            if (publisher != null) {
                if (publisher.isConnected()) {
                    publisher.disconnect().waitForCompletion(TIMEOUT.toMillis());
                }
                publisher.close();
            }
        }
    }

    @ParameterizedTest(name = "QoS {0}")
    @ValueSource(ints = {0, 1, 2})
    @DisplayName("[MQTT-4.6.0-5] [MQTT-4.6.0-6] HiveMQ client: 200 messages of one QoS published asynchronously arrive in the order published")
    void hivemqClient(int qos) throws Exception {
        Mqtt3BlockingClient subscriber = null;
        Mqtt3BlockingClient publisher = null;
        try {
            subscriber = connectedHiveMq(broker, "order-hive-sub");
            try (Mqtt3BlockingClient.Mqtt3Publishes publishes = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
                subscriber.subscribeWith().topicFilter("order/hive").qos(MqttQos.EXACTLY_ONCE).send();
                publisher = connectedHiveMq(broker, "order-hive-pub");
                Mqtt3AsyncClient async = publisher.toAsync();
                List<CompletableFuture<Mqtt3Publish>> sent = new ArrayList<>();
                for (String n : EXPECTED) {
                    sent.add(async.publishWith().topic("order/hive").qos(MqttQos.fromCode(qos))
                            .payload(n.getBytes(StandardCharsets.UTF_8)).send());
                }
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                List<String> all = new ArrayList<>();
                for (int i = 0; i < COUNT; i++) {
                    Optional<Mqtt3Publish> next = publishes.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    assertThat(next).as("message %d", i).isPresent();
                    all.add(new String(next.get().getPayloadAsBytes(), StandardCharsets.UTF_8));
                }
                assertThat(all).containsExactlyElementsOf(EXPECTED);
            }
        } finally {
            closeQuietly(subscriber);
            closeQuietly(publisher);
        }
    }

    @Test
    @DisplayName("[MQTT-4.6.0-5] [MQTT-4.6.0-6] raw: 200 pipelined QoS 1 PUBLISH packets reach a slow subscriber in order, through its in-flight window and queue")
    void raw() {
        try (RawClient subscriber = connect(broker, "order-raw-sub");
             RawClient publisher = connect(broker, "order-raw-pub")) {
            subscribe(subscriber, "order/raw", QoS.AT_LEAST_ONCE);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int i = 0; i < COUNT; i++) {
                Publish publish = publishPacket("order/raw", QoS.AT_LEAST_ONCE, false, false, i + 1, EXPECTED.get(i));
                ByteBuf encoded = MqttPacketEncoder.encode(ByteBufAllocator.DEFAULT, publish, MqttVersion.V3_1_1);
                byte[] bytes = new byte[encoded.readableBytes()];
                encoded.readBytes(bytes);
                encoded.release();
                publish.release();
                all.writeBytes(bytes);
            }
            publisher.sendBytes(all.toByteArray()); // one write: the broker reads them in batches
            for (int i = 0; i < COUNT; i++) {
                assertThat(publisher.receive(PubAck.class).packetId()).isEqualTo(i + 1);
            }
            List<String> received = new ArrayList<>();
            for (int i = 0; i < COUNT; i++) {
                Publish publish = subscriber.receive(Publish.class);
                received.add(publish.payload().toString(StandardCharsets.UTF_8));
                subscriber.send(new PubAck(publish.packetId()));
                publish.release();
            }
            assertThat(received).containsExactlyElementsOf(EXPECTED);
        }
    }
}
