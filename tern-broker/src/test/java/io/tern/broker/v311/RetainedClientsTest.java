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
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Retained messages as Paho and the HiveMQ client see them: set, replace, clear. */
@Timeout(120) // the HiveMQ blocking client waits without limit: a hang fails the test instead
class RetainedClientsTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    @Test
    @DisplayName("[MQTT-3.3.1-5] [MQTT-3.3.1-8] [MQTT-3.3.1-9] [MQTT-3.3.1-10] Paho: retained set, replaced, cleared; RETAIN=1 on subscribe, 0 to an existing subscription")
    void paho() throws Exception {
        MqttClient publisher = null;
        MqttClient live = null;
        MqttClient late = null;
        MqttClient later = null;
        try {
            publisher = connectedPaho(broker, "ret-paho-pub", true);
            live = connectedPaho(broker, "ret-paho-live", true);
            BlockingQueue<MqttMessage> liveReceived = new LinkedBlockingQueue<>();
            live.subscribe("pr/t", 1, (t, m) -> liveReceived.add(m));

            publisher.publish("pr/t", "one".getBytes(StandardCharsets.UTF_8), 1, true);
            publisher.publish("pr/t", "two".getBytes(StandardCharsets.UTF_8), 1, true);
            for (String expected : new String[] {"one", "two"}) {
                MqttMessage m = liveReceived.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertThat(m).isNotNull();
                assertThat(new String(m.getPayload(), StandardCharsets.UTF_8)).isEqualTo(expected);
                assertThat(m.isRetained()).as("forwarded to an existing subscription").isFalse();
            }

            late = connectedPaho(broker, "ret-paho-late", true);
            BlockingQueue<MqttMessage> lateReceived = new LinkedBlockingQueue<>();
            late.subscribe("pr/+", 1, (t, m) -> lateReceived.add(m));
            MqttMessage retained = lateReceived.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(retained).isNotNull();
            assertThat(new String(retained.getPayload(), StandardCharsets.UTF_8)).isEqualTo("two");
            assertThat(retained.isRetained()).isTrue();
            assertThat(retained.getQos()).isEqualTo(1);

            publisher.publish("pr/t", new byte[0], 1, true); // clears
            MqttMessage cleared = liveReceived.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(cleared).isNotNull();
            assertThat(cleared.getPayload()).isEmpty();

            later = connectedPaho(broker, "ret-paho-later", true);
            BlockingQueue<MqttMessage> laterReceived = new LinkedBlockingQueue<>();
            later.subscribe(new String[] {"pr/#"}, new int[] {1}, new org.eclipse.paho.client.mqttv3.IMqttMessageListener[] {
                (t, m) -> laterReceived.add(m)});
            publisher.publish("pr/marker", "marker".getBytes(StandardCharsets.UTF_8), 1, false);
            MqttMessage first = laterReceived.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(new String(first.getPayload(), StandardCharsets.UTF_8)).as("nothing retained any more")
                    .isEqualTo("marker");
        } finally {
            closeQuietly(publisher);
            closeQuietly(live);
            closeQuietly(late);
            closeQuietly(later);
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.1-5] [MQTT-3.3.1-6] [MQTT-3.3.1-8] [MQTT-3.3.1-10] HiveMQ client: retained set, replaced, sent with RETAIN=1 at its QoS, cleared")
    void hivemqClient() throws Exception {
        Mqtt3BlockingClient publisher = null;
        Mqtt3BlockingClient subscriber = null;
        Mqtt3BlockingClient after = null;
        try {
            publisher = connectedHiveMq(broker, "ret-hive-pub");
            publisher.publishWith().topic("hr/t").qos(MqttQos.AT_LEAST_ONCE).retain(true)
                    .payload("one".getBytes(StandardCharsets.UTF_8)).send();
            publisher.publishWith().topic("hr/t").qos(MqttQos.EXACTLY_ONCE).retain(true)
                    .payload("two".getBytes(StandardCharsets.UTF_8)).send();

            subscriber = connectedHiveMq(broker, "ret-hive-sub");
            try (Mqtt3BlockingClient.Mqtt3Publishes publishes = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
                subscriber.subscribeWith().topicFilter("hr/#").qos(MqttQos.EXACTLY_ONCE).send();
                Optional<Mqtt3Publish> retained = publishes.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertThat(retained).isPresent();
                assertThat(new String(retained.get().getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("two");
                assertThat(retained.get().isRetain()).isTrue();
                assertThat(retained.get().getQos()).isEqualTo(MqttQos.EXACTLY_ONCE);
            }
            publisher.publishWith().topic("hr/t").qos(MqttQos.AT_MOST_ONCE).retain(true).send(); // empty payload

            after = connectedHiveMq(broker, "ret-hive-after");
            try (Mqtt3BlockingClient.Mqtt3Publishes publishes = after.publishes(MqttGlobalPublishFilter.ALL)) {
                after.subscribeWith().topicFilter("hr/#").qos(MqttQos.AT_LEAST_ONCE).send();
                publisher.publishWith().topic("hr/marker").qos(MqttQos.AT_LEAST_ONCE)
                        .payload("marker".getBytes(StandardCharsets.UTF_8)).send();
                Optional<Mqtt3Publish> first = publishes.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertThat(first).isPresent();
                assertThat(first.get().getTopic().toString()).as("nothing retained any more").isEqualTo("hr/marker");
            }
        } finally {
            closeQuietly(publisher);
            closeQuietly(subscriber);
            closeQuietly(after);
        }
    }
}
