package io.tern.broker.v311;

import static io.tern.broker.support.Clients.closeQuietly;
import static io.tern.broker.support.Clients.connectedHiveMq;
import static io.tern.broker.support.Clients.connectedPaho;
import static io.tern.broker.support.RawFlows.assertNothingPendingBeforePing;
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
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAck;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import io.tern.broker.BrokerConfig;
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
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A broker whose {@code BrokerConfig.maxQos} is 1 grants at most QoS 1 and delivers at most QoS 1. */
@Timeout(120) // the HiveMQ blocking client waits without limit: a hang fails the test instead
class SubscribeMaxQosTest {
    @RegisterExtension
    final EmbeddedBroker broker = EmbeddedBroker.withConfig(BrokerConfig.builder().maxQos(QoS.AT_LEAST_ONCE).build());

    @Test
    @DisplayName("[MQTT-3.8.4-5] [MQTT-3.8.4-6] [MQTT-3.9.3-1] granted QoS is at most the requested QoS and at most maxQos 1; messages go out at that QoS")
    void grantsAtMostMaxQos() {
        try (RawClient subscriber = connect(broker, "maxqos-sub");
             RawClient publisher = connect(broker, "maxqos-pub")) {
            Suback suback = subscribe(subscriber, 3,
                    new Subscription("mq/2", QoS.EXACTLY_ONCE),
                    new Subscription("mq/1", QoS.AT_LEAST_ONCE),
                    new Subscription("mq/0", QoS.AT_MOST_ONCE));
            assertThat(suback.reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_1, ReasonCode.GRANTED_QOS_1,
                    ReasonCode.GRANTED_QOS_0);

            publish(publisher, "mq/2", QoS.EXACTLY_ONCE, "two");
            Received received = receiveAndAck(subscriber);
            assertThat(received.payload()).isEqualTo("two");
            assertThat(received.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
            publish(publisher, "mq/0", QoS.EXACTLY_ONCE, "zero");
            assertThat(receiveAndAck(subscriber).qos()).isEqualTo(QoS.AT_MOST_ONCE);
            assertNothingPendingBeforePing(subscriber);
        }
    }

    @Test
    @DisplayName("[MQTT-3.8.4-6] [MQTT-3.3.1-6] a retained QoS 2 message is sent on subscribe at the granted QoS 1")
    void retainedCappedToo() {
        try (RawClient subscriber = connect(broker, "maxqos-ret-sub");
             RawClient publisher = connect(broker, "maxqos-ret-pub")) {
            publish(publisher, "mq/r", QoS.EXACTLY_ONCE, true, 1, "kept");
            Suback suback = subscribe(subscriber, 1, new Subscription("mq/r", QoS.EXACTLY_ONCE));
            assertThat(suback.reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_1);
            Received received = receiveAndAck(subscriber);
            assertThat(received.retain()).isTrue();
            assertThat(received.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
        }
    }

    @Test
    @DisplayName("[MQTT-3.8.4-5] [MQTT-3.8.4-6] Paho: QoS 2 requested, QoS 1 granted and delivered")
    void paho() throws Exception {
        MqttClient subscriber = null;
        MqttClient publisher = null;
        try {
            subscriber = connectedPaho(broker, "maxqos-paho-sub", true);
            BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
            IMqttToken token = subscriber.subscribeWithResponse(new String[] {"mq/paho"}, new int[] {2},
                    new org.eclipse.paho.client.mqttv3.IMqttMessageListener[] {(t, m) -> received.add(m)});
            assertThat(token.getGrantedQos()).containsExactly(1);
            publisher = connectedPaho(broker, "maxqos-paho-pub", true);
            publisher.publish("mq/paho", "p".getBytes(StandardCharsets.UTF_8), 2, false);
            MqttMessage message = received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(message).isNotNull();
            assertThat(message.getQos()).isEqualTo(1);
        } finally {
            closeQuietly(subscriber);
            closeQuietly(publisher);
        }
    }

    @Test
    @DisplayName("[MQTT-3.8.4-5] [MQTT-3.8.4-6] HiveMQ client: QoS 2 requested, QoS 1 granted and delivered")
    void hivemqClient() throws Exception {
        Mqtt3BlockingClient client = null;
        try {
            client = connectedHiveMq(broker, "maxqos-hive");
            Mqtt3SubAck subAck = client.subscribeWith().topicFilter("mq/hive").qos(MqttQos.EXACTLY_ONCE).send();
            assertThat(subAck.getReturnCodes()).containsExactly(Mqtt3SubAckReturnCode.SUCCESS_MAXIMUM_QOS_1);
            try (Mqtt3BlockingClient.Mqtt3Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
                client.publishWith().topic("mq/hive").qos(MqttQos.EXACTLY_ONCE).payload(new byte[] {1}).send();
                Optional<Mqtt3Publish> message = publishes.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertThat(message).isPresent();
                assertThat(message.get().getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
            }
        } finally {
            closeQuietly(client);
        }
    }
}
