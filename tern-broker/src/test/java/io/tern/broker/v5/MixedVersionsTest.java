package io.tern.broker.v5;

import static io.tern.broker.support.V5Flows.connect;
import static io.tern.broker.support.V5Flows.props;
import static io.tern.broker.support.V5Flows.publish;
import static io.tern.broker.support.V5Flows.receiveAndAck;
import static io.tern.broker.support.V5Flows.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.support.Clients;
import io.tern.broker.support.Clients5;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows;
import io.tern.broker.support.RawFlows.Received;
import io.tern.broker.support.V5Flows.Received5;
import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MQTT 3.1.1 and MQTT 5 clients on one broker: messages cross, in each one's own format. */
class MixedVersionsTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    private static final MqttProperties RICH = props()
            .set(PropertyId.MESSAGE_EXPIRY_INTERVAL, 60)
            .set(PropertyId.CONTENT_TYPE, "text/plain")
            .set(PropertyId.CORRELATION_DATA, new byte[] {1})
            .userProperty("k", "v")
            .build();

    @Test
    @DisplayName("an MQTT 5 publisher's message with properties reaches a 3.1.1 subscriber without them, at "
            + "min(QoS), RETAIN cleared live and set for the retained copy")
    void fiveToThreeOneOne() {
        try (RawClient old = RawFlows.connect(broker, "old");
             RawClient oldQos2 = RawFlows.connect(broker, "old-qos2");
             RawClient publisher = connect(broker, "new")) {
            RawFlows.subscribe(old, "mix/t", QoS.AT_LEAST_ONCE);
            RawFlows.subscribe(oldQos2, "mix/#", QoS.EXACTLY_ONCE);
            publish(publisher, "mix/t", QoS.EXACTLY_ONCE, true, RICH, "from five");
            Received live = RawFlows.receiveAndAck(old);
            assertThat(live).isEqualTo(new Received("mix/t", QoS.AT_LEAST_ONCE, false, false, live.packetId(),
                    "from five"));
            Received full = RawFlows.receiveAndAck(oldQos2);
            assertThat(full.qos()).isEqualTo(QoS.EXACTLY_ONCE);
            assertThat(full.payload()).isEqualTo("from five");
        }
        try (RawClient late = RawFlows.connect(broker, "late")) {
            RawFlows.subscribe(late, "mix/t", QoS.AT_LEAST_ONCE);
            Received retained = RawFlows.receiveAndAck(late);
            assertThat(retained.retain()).isTrue();
            assertThat(retained.payload()).isEqualTo("from five");
        }
    }

    @Test
    @DisplayName("a 3.1.1 publisher's message reaches an MQTT 5 subscriber with no properties but its "
            + "subscription identifier")
    void threeOneOneToFive() {
        try (RawClient subscriber = connect(broker, "new"); RawClient publisher = RawFlows.connect(broker, "old")) {
            subscribe(subscriber, "mix/#", QoS.EXACTLY_ONCE, 5);
            RawFlows.publish(publisher, "mix/t", QoS.EXACTLY_ONCE, false, "from three");
            Received5 received = receiveAndAck(subscriber);
            assertThat(received.topic()).isEqualTo("mix/t");
            assertThat(received.qos()).isEqualTo(QoS.EXACTLY_ONCE);
            assertThat(received.payload()).isEqualTo("from three");
            assertThat(received.properties()).isEqualTo(props().subscriptionIdentifier(5).build());
        }
    }

    @Test
    @DisplayName("third-party clients: a HiveMQ MQTT 5 publisher with properties and a Paho 3.1.1 subscriber")
    void hiveMqFiveToPahoThree() throws Exception {
        Mqtt5BlockingClient publisher = Clients5.hiveMq(broker, "hive5");
        MqttClient subscriber = Clients.connectedPaho(broker, "paho3", true);
        BlockingQueue<String> arrived = new LinkedBlockingQueue<>();
        try {
            subscriber.subscribe("mix/third", 2, (topic, message) -> arrived.add(describe(topic, message)));
            publisher.connectWith().cleanStart(true).send();
            publisher.publishWith().topic("mix/third").qos(MqttQos.EXACTLY_ONCE).retain(true)
                    .contentType("text/plain").userProperties().add("k", "v").applyUserProperties()
                    .messageExpiryInterval(60).payload("hi".getBytes(StandardCharsets.UTF_8)).send();
            assertThat(arrived.poll(20, TimeUnit.SECONDS)).isEqualTo("mix/third qos 2 retain false hi");
        } finally {
            Clients5.closeQuietly(publisher);
            Clients.closeQuietly(subscriber);
        }
    }

    private static String describe(String topic, MqttMessage message) {
        return topic + " qos " + message.getQos() + " retain " + message.isRetained() + " "
                + new String(message.getPayload(), StandardCharsets.UTF_8);
    }
}
