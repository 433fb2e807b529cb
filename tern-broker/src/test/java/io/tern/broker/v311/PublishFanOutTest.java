package io.tern.broker.v311;

import static io.tern.broker.support.Clients.closeQuietly;
import static io.tern.broker.support.Clients.connectedHiveMq;
import static io.tern.broker.support.Clients.connectedPaho;
import static io.tern.broker.support.RawFlows.ack;
import static io.tern.broker.support.RawFlows.connect;
import static io.tern.broker.support.RawFlows.publish;
import static io.tern.broker.support.RawFlows.receiveAndAck;
import static io.tern.broker.support.RawFlows.receivePublish;
import static io.tern.broker.support.RawFlows.subscribe;
import static io.tern.broker.support.Waits.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows.Received;
import io.tern.codec.QoS;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A message goes to every client with a matching subscription, whatever client library it uses. */
@Timeout(120) // the HiveMQ blocking client waits without limit: a hang fails the test instead
class PublishFanOutTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    @Test
    @DisplayName("[MQTT-4.5.0-1] [MQTT-3.3.2-3] a message reaches every client whose subscription matches (Paho, HiveMQ, raw), once, under its own topic name")
    void everyMatchingClientGetsTheMessage() throws Exception {
        MqttClient pahoSubscriber = null;
        MqttClient pahoPublisher = null;
        Mqtt3BlockingClient hiveSubscriber = null;
        try (RawClient rawSubscriber = connect(broker, "fan-raw");
             RawClient bystander = connect(broker, "fan-bystander")) {
            pahoSubscriber = connectedPaho(broker, "fan-paho", true);
            BlockingQueue<String> pahoReceived = new LinkedBlockingQueue<>();
            pahoSubscriber.setCallback(new PahoCollector(pahoReceived));
            pahoSubscriber.subscribe("fan/a", 1);

            hiveSubscriber = connectedHiveMq(broker, "fan-hive");
            hiveSubscriber.subscribeWith().topicFilter("fan/+").qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt3BlockingClient.Mqtt3Publishes hivePublishes = hiveSubscriber.publishes(MqttGlobalPublishFilter.ALL);

            subscribe(rawSubscriber, "#", QoS.AT_LEAST_ONCE);
            subscribe(bystander, "other/+", QoS.AT_LEAST_ONCE);

            pahoPublisher = connectedPaho(broker, "fan-pub", true);
            pahoPublisher.publish("fan/a", "hello".getBytes(StandardCharsets.UTF_8), 1, false);
            pahoPublisher.publish("other/marker", "marker".getBytes(StandardCharsets.UTF_8), 1, false);
            pahoPublisher.publish("fan/marker", "marker".getBytes(StandardCharsets.UTF_8), 1, false);

            assertThat(pahoReceived.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("fan/a hello");

            Optional<Mqtt3Publish> hive = hivePublishes.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(hive).isPresent();
            assertThat(hive.get().getTopic().toString()).isEqualTo("fan/a");
            assertThat(new String(hive.get().getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
            Optional<Mqtt3Publish> hiveNext = hivePublishes.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(hiveNext).isPresent();
            assertThat(hiveNext.get().getTopic().toString()).as("once only").isEqualTo("fan/marker");

            Received raw = receiveAndAck(rawSubscriber);
            assertThat(raw.topic()).isEqualTo("fan/a");
            assertThat(raw.payload()).isEqualTo("hello");
            assertThat(receiveAndAck(rawSubscriber).topic()).isEqualTo("other/marker");

            // the client without a matching subscription gets only what it subscribed to
            assertThat(receiveAndAck(bystander).topic()).isEqualTo("other/marker");
            hivePublishes.close();
        } finally {
            closeQuietly(pahoSubscriber);
            closeQuietly(pahoPublisher);
            closeQuietly(hiveSubscriber);
        }
    }

    @Test
    @DisplayName("[MQTT-4.5.0-1] a raw publisher's QoS 2 message reaches 20 subscribers, each once")
    void manySubscribers() {
        RawClient[] subscribers = new RawClient[20];
        try (RawClient publisher = connect(broker, "fan-many-pub")) {
            for (int i = 0; i < subscribers.length; i++) {
                subscribers[i] = connect(broker, "fan-many-" + i);
                subscribe(subscribers[i], i % 2 == 0 ? "many/+" : "many/x", QoS.EXACTLY_ONCE);
            }
            publish(publisher, "many/x", QoS.EXACTLY_ONCE, "all");
            publish(publisher, "many/x", QoS.AT_MOST_ONCE, "marker");
            for (RawClient subscriber : subscribers) {
                Received received = receivePublish(subscriber);
                assertThat(received.payload()).isEqualTo("all");
                assertThat(received.qos()).isEqualTo(QoS.EXACTLY_ONCE);
                assertThat(receivePublish(subscriber).payload()).isEqualTo("marker");
                ack(subscriber, received);
            }
        } finally {
            for (RawClient subscriber : subscribers) {
                if (subscriber != null) {
                    subscriber.close();
                }
            }
        }
    }

    /** A Paho callback that queues "topic payload" for each message. */
    static final class PahoCollector implements org.eclipse.paho.client.mqttv3.MqttCallback {
        private final BlockingQueue<String> received;

        PahoCollector(BlockingQueue<String> received) {
            this.received = received;
        }

        @Override
        public void connectionLost(Throwable cause) {
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
        }

        @Override
        public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
        }
    }
}
