package io.tern.broker.v311;

import static io.tern.broker.support.Clients.closeQuietly;
import static io.tern.broker.support.Clients.connectedHiveMq;
import static io.tern.broker.support.Clients.connectedPaho;
import static io.tern.broker.support.RawFlows.connect;
import static io.tern.broker.support.RawFlows.publish;
import static io.tern.broker.support.RawFlows.receiveAndAck;
import static io.tern.broker.support.RawFlows.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3Subscription;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAck;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import io.tern.broker.auth.Authorizer;
import io.tern.broker.auth.ClientInfo;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscription;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Subscriptions the authorizer refuses get return code 0x80: here every filter under
 * {@code secret/} and, to stand for a server without wildcard support, every filter with a wildcard.
 */
@Timeout(120) // the HiveMQ blocking client waits without limit: a hang fails the test instead
class SubscribeAuthorizationTest {
    private static final Authorizer NO_SECRETS_NO_WILDCARDS = new Authorizer() {
        @Override
        public boolean canPublish(ClientInfo client, String topic) {
            return true;
        }

        @Override
        public boolean canSubscribe(ClientInfo client, String topicFilter) {
            return !topicFilter.startsWith("secret/") && !topicFilter.contains("+") && !topicFilter.contains("#");
        }
    };

    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker(builder -> builder.authorizer(NO_SECRETS_NO_WILDCARDS));

    @Test
    @DisplayName("[MQTT-3.8.4-5] [MQTT-3.9.3-1] [MQTT-3.9.3-2] a refused filter gets 0x80 in its place among the granted ones, and receives nothing")
    void refusedFilterGets0x80() {
        try (RawClient subscriber = connect(broker, "auth-sub");
             RawClient publisher = connect(broker, "auth-pub")) {
            publish(publisher, "secret/a", QoS.AT_LEAST_ONCE, true, 1, "retained secret");
            Suback suback = subscribe(subscriber, 5,
                    new Subscription("open/a", QoS.AT_LEAST_ONCE),
                    new Subscription("secret/a", QoS.EXACTLY_ONCE),
                    new Subscription("open/b", QoS.EXACTLY_ONCE));
            assertThat(suback.packetId()).isEqualTo(5);
            assertThat(suback.reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_1, ReasonCode.UNSPECIFIED_ERROR,
                    ReasonCode.GRANTED_QOS_2);
            assertThat(suback.reasonCodes()).extracting(ReasonCode::value).containsExactly(0x01, 0x80, 0x02);

            publish(publisher, "secret/a", QoS.AT_LEAST_ONCE, "hidden");
            publish(publisher, "open/a", QoS.AT_LEAST_ONCE, "marker");
            assertThat(receiveAndAck(subscriber).payload()).isEqualTo("marker");
        }
    }

    @Test
    @DisplayName("[MQTT-3.8.3-2] [MQTT-3.8.4-5] where wildcards are not allowed, each filter with '+' or '#' gets 0x80 and the others are granted")
    void wildcardFiltersRefused() {
        try (RawClient subscriber = connect(broker, "auth-wild");
             RawClient publisher = connect(broker, "auth-wild-pub")) {
            Suback suback = subscribe(subscriber, 6,
                    new Subscription("w/+", QoS.AT_MOST_ONCE),
                    new Subscription("w/a", QoS.AT_MOST_ONCE),
                    new Subscription("#", QoS.AT_LEAST_ONCE));
            assertThat(suback.reasonCodes()).containsExactly(ReasonCode.UNSPECIFIED_ERROR, ReasonCode.GRANTED_QOS_0,
                    ReasonCode.UNSPECIFIED_ERROR);
            publish(publisher, "w/b", QoS.AT_MOST_ONCE, "not for w/+");
            publish(publisher, "w/a", QoS.AT_MOST_ONCE, "marker");
            assertThat(receiveAndAck(subscriber).payload()).isEqualTo("marker");
        }
    }

    @Test
    @DisplayName("[MQTT-3.9.3-1] [MQTT-3.9.3-2] Paho sees granted QoS and 0x80 in the order of its filters")
    void paho() throws Exception {
        MqttClient client = null;
        try {
            client = connectedPaho(broker, "auth-paho", true);
            IMqttToken token = client.subscribeWithResponse(new String[] {"secret/p", "open/p"}, new int[] {1, 2});
            assertThat(token.getGrantedQos()).containsExactly(0x80, 2);
        } finally {
            closeQuietly(client);
        }
    }

    @Test
    @DisplayName("[MQTT-3.9.3-1] [MQTT-3.9.3-2] the HiveMQ client sees granted QoS and FAILURE in the order of its filters")
    void hivemqClient() {
        Mqtt3BlockingClient client = null;
        try {
            client = connectedHiveMq(broker, "auth-hive");
            Mqtt3BlockingClient subscriber = client;
            // the HiveMQ client reports a SUBACK with a failure code as an exception that carries it
            Mqtt3SubAckException refused = catchThrowableOfType(Mqtt3SubAckException.class,
                    () -> subscriber.subscribeWith()
                            .addSubscription(Mqtt3Subscription.builder().topicFilter("open/h")
                                    .qos(MqttQos.AT_MOST_ONCE).build())
                            .addSubscription(Mqtt3Subscription.builder().topicFilter("secret/h")
                                    .qos(MqttQos.AT_LEAST_ONCE).build())
                            .addSubscription(Mqtt3Subscription.builder().topicFilter("open/i")
                                    .qos(MqttQos.AT_LEAST_ONCE).build())
                            .send());
            assertThat(refused).isNotNull();
            Mqtt3SubAck subAck = refused.getMqttMessage();
            assertThat(subAck.getReturnCodes()).containsExactly(Mqtt3SubAckReturnCode.SUCCESS_MAXIMUM_QOS_0,
                    Mqtt3SubAckReturnCode.FAILURE, Mqtt3SubAckReturnCode.SUCCESS_MAXIMUM_QOS_1);
        } finally {
            closeQuietly(client);
        }
    }
}
