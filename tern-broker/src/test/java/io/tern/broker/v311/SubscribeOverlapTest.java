package io.tern.broker.v311;

import static io.tern.broker.support.Clients.closeQuietly;
import static io.tern.broker.support.Clients.connectedHiveMq;
import static io.tern.broker.support.Clients.connectedPaho;
import static io.tern.broker.support.RawFlows.connect;
import static io.tern.broker.support.RawFlows.publish;
import static io.tern.broker.support.RawFlows.receiveAndAck;
import static io.tern.broker.support.RawFlows.subscribe;
import static io.tern.broker.support.Waits.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3Subscription;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows.Received;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscription;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Overlapping subscriptions of one client: one delivery, at the highest QoS they grant (3.3.5). */
@Timeout(120) // the HiveMQ blocking client waits without limit: a hang fails the test instead
class SubscribeOverlapTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    @ParameterizedTest(name = "{0} at QoS {1} -> one copy at QoS {2}")
    @CsvSource({"ov/a,2,2", "ov/a,1,1", "ov/a,0,0", "ov/b,2,1", "ov/b/c,2,1", "ov,2,1"})
    @DisplayName("[MQTT-3.3.5-1] a message matching several subscriptions of a client (ov/+ QoS 0, ov/# QoS 1, ov/a QoS 2) arrives once, at the highest of their QoS")
    void onceAtTheHighestQos(String topic, int published, int expected) {
        try (RawClient subscriber = connect(broker, "ov-sub");
             RawClient publisher = connect(broker, "ov-pub")) {
            Suback suback = subscribe(subscriber, 1,
                    new Subscription("ov/+", QoS.AT_MOST_ONCE),
                    new Subscription("ov/#", QoS.AT_LEAST_ONCE),
                    new Subscription("ov/a", QoS.EXACTLY_ONCE),
                    new Subscription("marker", QoS.AT_MOST_ONCE));
            assertThat(suback.reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_0, ReasonCode.GRANTED_QOS_1,
                    ReasonCode.GRANTED_QOS_2, ReasonCode.GRANTED_QOS_0);
            publish(publisher, topic, QoS.of(published), "m");
            publish(publisher, "marker", QoS.AT_MOST_ONCE, "marker");
            java.util.List<Received> received = receiveAndAck(subscriber, 2);
            assertThat(received.get(0).topic()).isEqualTo(topic);
            assertThat(received.get(0).qos()).isEqualTo(QoS.of(expected));
            assertThat(received.get(1).payload()).as("no second copy").isEqualTo("marker");
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.5-1] Paho: overlapping subscriptions deliver one copy at the highest QoS")
    void paho() throws Exception {
        MqttClient subscriber = null;
        MqttClient publisher = null;
        try {
            subscriber = connectedPaho(broker, "ov-paho-sub", true);
            BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
            subscriber.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    received.add(message);
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            subscriber.subscribe(new String[] {"pov/#", "pov/+", "pov/x"}, new int[] {0, 2, 1});
            publisher = connectedPaho(broker, "ov-paho-pub", true);
            publisher.publish("pov/x", "m".getBytes(StandardCharsets.UTF_8), 2, false);
            // the marker at QoS 2 too: Paho hands a QoS 2 message to the application on PUBREL, after a
            // QoS 0 or 1 copy sent before it would have been handed over
            publisher.publish("pov/x", "marker".getBytes(StandardCharsets.UTF_8), 2, false);
            MqttMessage first = received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(new String(first.getPayload(), StandardCharsets.UTF_8)).isEqualTo("m");
            assertThat(first.getQos()).isEqualTo(2);
            MqttMessage second = received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(second).isNotNull();
            assertThat(new String(second.getPayload(), StandardCharsets.UTF_8)).isEqualTo("marker");
        } finally {
            closeQuietly(subscriber);
            closeQuietly(publisher);
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.5-1] HiveMQ client: overlapping subscriptions deliver one copy at the highest QoS")
    void hivemqClient() throws Exception {
        Mqtt3BlockingClient client = null;
        try {
            client = connectedHiveMq(broker, "ov-hive");
            client.subscribeWith()
                    .addSubscription(Mqtt3Subscription.builder().topicFilter("hov/#").qos(MqttQos.AT_LEAST_ONCE).build())
                    .addSubscription(Mqtt3Subscription.builder().topicFilter("+/y").qos(MqttQos.AT_MOST_ONCE).build())
                    .send();
            try (Mqtt3BlockingClient.Mqtt3Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
                client.publishWith().topic("hov/y").qos(MqttQos.EXACTLY_ONCE).payload(new byte[] {1}).send();
                client.publishWith().topic("hov/y").qos(MqttQos.AT_MOST_ONCE).payload(new byte[] {2}).send();
                Optional<Mqtt3Publish> first = publishes.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertThat(first).isPresent();
                assertThat(first.get().getPayloadAsBytes()).containsExactly(1);
                assertThat(first.get().getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
                Optional<Mqtt3Publish> second = publishes.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertThat(second).isPresent();
                assertThat(second.get().getPayloadAsBytes()).as("no second copy of the first").containsExactly(2);
            }
        } finally {
            closeQuietly(client);
        }
    }
}
