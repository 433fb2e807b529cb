package io.tern.broker.v311;

import static io.tern.broker.support.Clients.closeQuietly;
import static io.tern.broker.support.Clients.connectedHiveMq;
import static io.tern.broker.support.Clients.connectedPaho;
import static io.tern.broker.support.Waits.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.tern.broker.support.EmbeddedBroker;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** UNSUBSCRIBE with Paho and the HiveMQ client. */
@Timeout(120) // the HiveMQ blocking client waits without limit: a hang fails the test instead
class UnsubscribeClientsTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    @Test
    @DisplayName("[MQTT-3.10.4-2] [MQTT-3.10.4-4] Paho: unsubscribe completes and no message of that filter arrives afterwards")
    void paho() throws Exception {
        MqttClient subscriber = null;
        MqttClient publisher = null;
        try {
            subscriber = connectedPaho(broker, "unsub-paho", true);
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            subscriber.subscribe("pu/+", 1, (t, m) -> received.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
            subscriber.subscribe("pu-marker", 1, (t, m) -> received.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
            publisher = connectedPaho(broker, "unsub-paho-pub", true);
            publisher.publish("pu/a", "before".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("before");

            subscriber.unsubscribe("pu/+"); // returns once the UNSUBACK for its identifier has come
            publisher.publish("pu/a", "after".getBytes(StandardCharsets.UTF_8), 1, false);
            publisher.publish("pu-marker", "marker".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("marker");
        } finally {
            closeQuietly(subscriber);
            closeQuietly(publisher);
        }
    }

    @Test
    @DisplayName("[MQTT-3.10.4-2] [MQTT-3.10.4-5] HiveMQ client: unsubscribe (also of a filter never subscribed) completes and delivery stops")
    void hivemqClient() throws Exception {
        Mqtt3BlockingClient client = null;
        try {
            client = connectedHiveMq(broker, "unsub-hive");
            client.subscribeWith().topicFilter("hu/#").qos(MqttQos.AT_LEAST_ONCE).send();
            client.subscribeWith().topicFilter("hu-marker").qos(MqttQos.AT_LEAST_ONCE).send();
            try (Mqtt3BlockingClient.Mqtt3Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
                client.unsubscribeWith().topicFilter("never/subscribed").send();
                client.unsubscribeWith().topicFilter("hu/#").send();
                client.publishWith().topic("hu/x").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {1}).send();
                client.publishWith().topic("hu-marker").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {2}).send();
                Optional<Mqtt3Publish> first = publishes.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertThat(first).isPresent();
                assertThat(first.get().getTopic().toString()).isEqualTo("hu-marker");
            }
        } finally {
            closeQuietly(client);
        }
    }
}
