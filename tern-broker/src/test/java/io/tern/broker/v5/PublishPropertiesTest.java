package io.tern.broker.v5;

import static io.tern.broker.support.Clients5.closeQuietly;
import static io.tern.broker.support.Clients5.hiveMq;
import static io.tern.broker.support.Clients5.paho;
import static io.tern.broker.support.Clients5.pahoOptions;
import static io.tern.broker.support.V5Flows.connect;
import static io.tern.broker.support.V5Flows.props;
import static io.tern.broker.support.V5Flows.publish;
import static io.tern.broker.support.V5Flows.receiveAndAck;
import static io.tern.broker.support.V5Flows.subscribe;
import static io.tern.broker.support.Waits.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperty;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.V5Flows.Received5;
import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.UserProperty;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The application properties of a PUBLISH reach every subscriber as the publisher sent them. */
class PublishPropertiesTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    @Test
    @DisplayName("[MQTT-3.3.2-4] [MQTT-3.3.2-15] [MQTT-3.3.2-16] [MQTT-3.3.2-17] [MQTT-3.3.2-18] [MQTT-3.3.2-20] "
            + "payload format, response topic, correlation data, content type and user properties (order and "
            + "repeated names kept) are forwarded unchanged to every subscriber")
    void propertiesForwardedUnchanged() {
        MqttProperties sent = props()
                .set(PropertyId.PAYLOAD_FORMAT_INDICATOR, 1)
                .set(PropertyId.CONTENT_TYPE, "application/json; charset=utf-8")
                .set(PropertyId.RESPONSE_TOPIC, "reply/to/me")
                .set(PropertyId.CORRELATION_DATA, new byte[] {0, (byte) 0xFF, 42})
                .userProperty("b", "2").userProperty("a", "1").userProperty("b", "3").userProperty("b", "2")
                .build();
        try (RawClient first = connect(broker, "first");
             RawClient second = connect(broker, "second");
             RawClient publisher = connect(broker, "publisher")) {
            subscribe(first, "props/#", QoS.AT_LEAST_ONCE, 0);
            subscribe(second, "props/t", QoS.EXACTLY_ONCE, 0);
            publish(publisher, "props/t", QoS.EXACTLY_ONCE, false, sent, "{\"x\":1}");
            for (RawClient subscriber : List.of(first, second)) {
                Received5 received = receiveAndAck(subscriber);
                assertThat(received.payload()).isEqualTo("{\"x\":1}");
                assertThat(received.properties()).isEqualTo(sent);
                assertThat(received.properties().userProperties()).containsExactly(new UserProperty("b", "2"),
                        new UserProperty("a", "1"), new UserProperty("b", "3"), new UserProperty("b", "2"));
            }
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.2-4] [MQTT-3.3.2-15] [MQTT-3.3.2-16] [MQTT-3.3.2-18] [MQTT-3.3.2-20] a Paho mqttv5 "
            + "publisher's properties reach a HiveMQ MQTT 5 subscriber")
    void pahoToHiveMq() throws Exception {
        Mqtt5BlockingClient subscriber = hiveMq(broker, "hive-sub");
        MqttClient publisher = paho(broker, "paho-pub");
        try {
            subscriber.connectWith().cleanStart(true).send();
            try (Mqtt5BlockingClient.Mqtt5Publishes publishes = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
                subscriber.subscribeWith().topicFilter("interop/props").qos(MqttQos.AT_LEAST_ONCE).send();
                publisher.connect(pahoOptions());
                org.eclipse.paho.mqttv5.common.packet.MqttProperties properties =
                        new org.eclipse.paho.mqttv5.common.packet.MqttProperties();
                properties.setPayloadFormat(true);
                properties.setContentType("text/plain");
                properties.setResponseTopic("interop/reply");
                properties.setCorrelationData(new byte[] {7, 8, 9});
                properties.setUserProperties(List.of(
                        new org.eclipse.paho.mqttv5.common.packet.UserProperty("k", "v1"),
                        new org.eclipse.paho.mqttv5.common.packet.UserProperty("z", "last"),
                        new org.eclipse.paho.mqttv5.common.packet.UserProperty("k", "v2")));
                MqttMessage message = new MqttMessage("hello".getBytes(StandardCharsets.UTF_8));
                message.setQos(1);
                message.setProperties(properties);
                publisher.publish("interop/props", message);

                Optional<Mqtt5Publish> received = publishes.receive(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(received).isPresent();
                Mqtt5Publish publish = received.get();
                assertThat(new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
                assertThat(publish.getPayloadFormatIndicator()).contains(Mqtt5PayloadFormatIndicator.UTF_8);
                assertThat(publish.getContentType().map(Object::toString)).contains("text/plain");
                assertThat(publish.getResponseTopic().map(Object::toString)).contains("interop/reply");
                assertThat(publish.getCorrelationData()).contains(ByteBuffer.wrap(new byte[] {7, 8, 9}));
                assertThat(publish.getUserProperties().asList())
                        .map((Mqtt5UserProperty property) -> property.getName() + "=" + property.getValue())
                        .containsExactly("k=v1", "z=last", "k=v2");
            }
        } finally {
            closeQuietly(publisher);
            closeQuietly(subscriber);
        }
    }
}
