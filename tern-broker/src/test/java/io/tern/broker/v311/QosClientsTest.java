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

/**
 * QoS 0, 1 and 2 end to end between Paho and the HiveMQ client, each publishing at every QoS to
 * subscriptions granted every QoS: the complete flows of both libraries run against the broker.
 */
@Timeout(120) // the HiveMQ blocking client waits without limit: a hang fails the test instead
class QosClientsTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    @Test
    @DisplayName("[MQTT-3.3.4-1] [MQTT-3.8.4-6] Paho publishes at QoS 0/1/2 (each publish completes), the HiveMQ client receives at min(published, granted)")
    void pahoToHivemq() throws Exception {
        MqttClient publisher = null;
        Mqtt3BlockingClient subscriber = null;
        try {
            subscriber = connectedHiveMq(broker, "qc-hive-sub");
            try (Mqtt3BlockingClient.Mqtt3Publishes publishes = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
                for (int granted = 0; granted <= 2; granted++) {
                    subscriber.subscribeWith().topicFilter("qc/h/" + granted).qos(MqttQos.fromCode(granted)).send();
                }
                publisher = connectedPaho(broker, "qc-paho-pub", true);
                for (int granted = 0; granted <= 2; granted++) {
                    for (int published = 0; published <= 2; published++) {
                        String payload = published + "->" + granted;
                        // MqttClient.publish returns once PUBACK (QoS 1) or PUBCOMP (QoS 2) has come
                        publisher.publish("qc/h/" + granted, payload.getBytes(StandardCharsets.UTF_8), published, false);
                        Optional<Mqtt3Publish> received = publishes.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                        assertThat(received).as(payload).isPresent();
                        assertThat(new String(received.get().getPayloadAsBytes(), StandardCharsets.UTF_8))
                                .isEqualTo(payload);
                        assertThat(received.get().getQos().getCode()).as(payload)
                                .isEqualTo(Math.min(published, granted));
                    }
                }
            }
        } finally {
            closeQuietly(publisher);
            closeQuietly(subscriber);
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.4-1] [MQTT-3.8.4-6] the HiveMQ client publishes at QoS 0/1/2 (each publish completes), Paho receives at min(published, granted)")
    void hivemqToPaho() throws Exception {
        Mqtt3BlockingClient publisher = null;
        MqttClient subscriber = null;
        try {
            subscriber = connectedPaho(broker, "qc-paho-sub", true);
            BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
            subscriber.subscribe(new String[] {"qc/p/0", "qc/p/1", "qc/p/2"}, new int[] {0, 1, 2},
                    new org.eclipse.paho.client.mqttv3.IMqttMessageListener[] {
                        (t, m) -> received.add(m), (t, m) -> received.add(m), (t, m) -> received.add(m)});
            publisher = connectedHiveMq(broker, "qc-hive-pub");
            for (int granted = 0; granted <= 2; granted++) {
                for (int published = 0; published <= 2; published++) {
                    String payload = published + "->" + granted;
                    // the blocking send returns once the flow of its QoS is complete
                    publisher.publishWith().topic("qc/p/" + granted).qos(MqttQos.fromCode(published))
                            .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
                    MqttMessage message = received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    assertThat(message).as(payload).isNotNull();
                    assertThat(new String(message.getPayload(), StandardCharsets.UTF_8)).isEqualTo(payload);
                    assertThat(message.getQos()).as(payload).isEqualTo(Math.min(published, granted));
                    assertThat(message.isDuplicate()).isFalse();
                }
            }
        } finally {
            closeQuietly(publisher);
            closeQuietly(subscriber);
        }
    }
}
