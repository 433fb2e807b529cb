package io.tern.broker.v311;

import static io.tern.broker.support.Clients.closeQuietly;
import static io.tern.broker.support.Clients.connectedHiveMq;
import static io.tern.broker.support.Clients.connectedPaho;
import static io.tern.broker.support.Clients.hiveMq;
import static io.tern.broker.support.RawFlows.assertNothingPendingBeforePing;
import static io.tern.broker.support.RawFlows.connack;
import static io.tern.broker.support.RawFlows.connect;
import static io.tern.broker.support.RawFlows.disconnect;
import static io.tern.broker.support.RawFlows.publish;
import static io.tern.broker.support.RawFlows.receiveAndAck;
import static io.tern.broker.support.RawFlows.subscribe;
import static io.tern.broker.support.Waits.TIMEOUT;
import static io.tern.broker.support.Waits.awaitDetached;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows.Received;
import io.tern.codec.QoS;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.Subscription;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The queue of a persistent session (clean session 0) while its client is offline; default limits. */
@Timeout(120) // the HiveMQ blocking client waits without limit: a hang fails the test instead
class QueueOfflineTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    @Test
    @DisplayName("[MQTT-4.5.0-1] [MQTT-4.6.0-6] QoS 1 messages published while a persistent subscriber is away are all delivered, in order, when it reconnects")
    void qos1QueuedInOrder() {
        try (RawClient publisher = connect(broker, "off-pub")) {
            try (RawClient subscriber = connect(broker, "off-sub", false)) {
                subscribe(subscriber, "off/t", QoS.AT_LEAST_ONCE);
                disconnect(subscriber);
            }
            awaitDetached(broker.broker(), "off-sub");
            for (int i = 0; i < 5; i++) {
                publish(publisher, "off/t", QoS.AT_LEAST_ONCE, false, i + 1, "m" + i);
            }
            try (RawClient subscriber = broker.rawClient()) {
                Connack connack = connack(subscriber, "off-sub", false);
                assertThat(connack.sessionPresent()).isTrue();
                List<Received> received = receiveAndAck(subscriber, 5);
                assertThat(received).extracting(Received::payload).containsExactly("m0", "m1", "m2", "m3", "m4");
                assertThat(received).allSatisfy(r -> {
                    assertThat(r.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
                    assertThat(r.dup()).as("never sent before").isFalse();
                });
                assertNothingPendingBeforePing(subscriber);
            }
        }
    }

    @Test
    @DisplayName("[MQTT-4.5.0-1] [MQTT-4.6.0-6] QoS 2 messages published while a persistent subscriber is away are delivered in order when it reconnects")
    void qos2QueuedInOrder() {
        try (RawClient publisher = connect(broker, "off2-pub")) {
            try (RawClient subscriber = connect(broker, "off2-sub", false)) {
                subscribe(subscriber, "off/2", QoS.EXACTLY_ONCE);
                disconnect(subscriber);
            }
            awaitDetached(broker.broker(), "off2-sub");
            for (int i = 0; i < 5; i++) {
                publish(publisher, "off/2", QoS.EXACTLY_ONCE, false, i + 1, "m" + i);
            }
            try (RawClient subscriber = broker.rawClient()) {
                assertThat(connack(subscriber, "off2-sub", false).sessionPresent()).isTrue();
                List<Received> received = receiveAndAck(subscriber, 5);
                assertThat(received).extracting(Received::payload).containsExactly("m0", "m1", "m2", "m3", "m4");
                assertThat(received).extracting(Received::qos).containsOnly(QoS.EXACTLY_ONCE);
                assertNothingPendingBeforePing(subscriber);
            }
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.1-9] a retained message queued for a persistent subscription while its client was away is delivered once, RETAIN=0")
    void queuedRetainedMessageHasRetainZero() {
        try (RawClient publisher = connect(broker, "offret-pub")) {
            try (RawClient subscriber = connect(broker, "offret-sub", false)) {
                subscribe(subscriber, "offret/t", QoS.AT_LEAST_ONCE);
                disconnect(subscriber);
            }
            awaitDetached(broker.broker(), "offret-sub");
            publish(publisher, "offret/t", QoS.AT_LEAST_ONCE, true, 1, "retained while away");
            try (RawClient subscriber = broker.rawClient()) {
                assertThat(connack(subscriber, "offret-sub", false).sessionPresent()).isTrue();
                Received received = receiveAndAck(subscriber);
                assertThat(received.payload()).isEqualTo("retained while away");
                assertThat(received.retain()).as("the subscription was established before").isFalse();
                assertNothingPendingBeforePing(subscriber); // not sent a second time as a retained message
            }
        }
    }

    @Test
    @DisplayName("QoS 0 messages (published at QoS 0, or downgraded by a QoS 0 subscription) are not queued for an offline client by default")
    void qos0NotQueuedByDefault() {
        try (RawClient publisher = connect(broker, "off0-pub")) {
            try (RawClient subscriber = connect(broker, "off0-sub", false)) {
                subscribe(subscriber, 1,
                        new Subscription("off/q", QoS.AT_LEAST_ONCE),
                        new Subscription("off/low", QoS.AT_MOST_ONCE));
                disconnect(subscriber);
            }
            awaitDetached(broker.broker(), "off0-sub");
            publish(publisher, "off/q", QoS.AT_MOST_ONCE, "q0-a");
            publish(publisher, "off/low", QoS.AT_LEAST_ONCE, "q1-downgraded");
            publish(publisher, "off/q", QoS.AT_LEAST_ONCE, false, 2, "q1");
            publish(publisher, "off/q", QoS.AT_MOST_ONCE, "q0-b");
            try (RawClient subscriber = broker.rawClient()) {
                assertThat(connack(subscriber, "off0-sub", false).sessionPresent()).isTrue();
                assertThat(receiveAndAck(subscriber).payload()).isEqualTo("q1");
                assertNothingPendingBeforePing(subscriber);
            }
        }
    }

    @Test
    @DisplayName("[MQTT-4.6.0-6] Paho with clean session 0 gets the QoS 1 messages published while it was away, in order")
    void paho() throws Exception {
        org.eclipse.paho.client.mqttv3.MqttClient subscriber = null;
        org.eclipse.paho.client.mqttv3.MqttClient publisher = null;
        try {
            subscriber = connectedPaho(broker, "off-paho-sub", false);
            subscriber.subscribe("off/paho", 1);
            subscriber.disconnect(TIMEOUT.toMillis());
            subscriber.close();
            awaitDetached(broker.broker(), "off-paho-sub");

            publisher = connectedPaho(broker, "off-paho-pub", true);
            for (int i = 0; i < 5; i++) {
                publisher.publish("off/paho", ("m" + i).getBytes(StandardCharsets.UTF_8), 1, false);
            }

            subscriber = new org.eclipse.paho.client.mqttv3.MqttClient(broker.uri(), "off-paho-sub",
                    new MemoryPersistence());
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            subscriber.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            options.setCleanSession(false);
            subscriber.connect(options);
            List<String> all = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                all.add(received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            }
            assertThat(all).containsExactly("m0", "m1", "m2", "m3", "m4");
        } finally {
            closeQuietly(subscriber);
            closeQuietly(publisher);
        }
    }

    @Test
    @DisplayName("[MQTT-4.6.0-6] the HiveMQ client with clean session 0 gets the messages published while it was away, in order")
    void hivemqClient() throws Exception {
        Mqtt3BlockingClient subscriber = null;
        Mqtt3BlockingClient publisher = null;
        try {
            subscriber = hiveMq(broker, "off-hive-sub");
            subscriber.connectWith().cleanSession(false).send();
            subscriber.subscribeWith().topicFilter("off/hive").qos(MqttQos.EXACTLY_ONCE).send();
            subscriber.disconnect();
            awaitDetached(broker.broker(), "off-hive-sub");

            publisher = connectedHiveMq(broker, "off-hive-pub");
            for (int i = 0; i < 5; i++) {
                publisher.publishWith().topic("off/hive").qos(i % 2 == 0 ? MqttQos.AT_LEAST_ONCE : MqttQos.EXACTLY_ONCE)
                        .payload(("m" + i).getBytes(StandardCharsets.UTF_8)).send();
            }
            try (Mqtt3BlockingClient.Mqtt3Publishes publishes = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
                Mqtt3ConnAck connAck = subscriber.connectWith().cleanSession(false).send();
                assertThat(connAck.isSessionPresent()).isTrue();
                List<String> all = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    Optional<Mqtt3Publish> next = publishes.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    assertThat(next).as("message %d", i).isPresent();
                    all.add(new String(next.get().getPayloadAsBytes(), StandardCharsets.UTF_8));
                }
                assertThat(all).containsExactly("m0", "m1", "m2", "m3", "m4");
            }
        } finally {
            closeQuietly(subscriber);
            closeQuietly(publisher);
        }
    }
}
