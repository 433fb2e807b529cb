package io.tern.broker.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscription;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.tern.broker.BrokerConfig;
import io.tern.broker.support.Clients5;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows;
import io.tern.codec.MqttProperties;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Subscription;
import io.tern.codec.packet.Unsuback;
import io.tern.codec.packet.Unsubscribe;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * max-subscriptions 2: a subscription beyond is refused in SUBACK with 0x97, quota exceeded (MQTT 5
 * section 3.9.3), or 0x80 for MQTT 3.1.1; the others of the same SUBSCRIBE are granted
 * [MQTT-3.9.3-1], and the connection stays.
 */
class SubscriptionLimitTest {
    @RegisterExtension
    final EmbeddedBroker broker = EmbeddedBroker.withConfig(BrokerConfig.builder().maxSubscriptions(2).build());

    @Test
    @DisplayName("[MQTT-3.9.3-1] max-subscriptions 2, MQTT 5 (HiveMQ client): the third filter of a SUBACK gets "
            + "0x97, the first two are granted, and replacing one of them is no new subscription")
    void v5ThirdSubscriptionRefusedWithQuotaExceeded() {
        Mqtt5BlockingClient client = Clients5.hiveMq(broker, "subs5");
        try {
            client.connect();
            assertThatThrownBy(() -> client.subscribeWith()
                    .addSubscription(subscription("s/a")).addSubscription(subscription("s/b"))
                    .addSubscription(subscription("s/c")).send())
                    .isInstanceOfSatisfying(Mqtt5SubAckException.class, e -> assertThat(
                            e.getMqttMessage().getReasonCodes()).containsExactly(
                            Mqtt5SubAckReasonCode.GRANTED_QOS_1, Mqtt5SubAckReasonCode.GRANTED_QOS_1,
                            Mqtt5SubAckReasonCode.QUOTA_EXCEEDED));

            assertThat(client.subscribeWith().topicFilter("s/a").qos(MqttQos.AT_MOST_ONCE).send().getReasonCodes())
                    .containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_0);
            assertThat(client.getState().isConnected()).isTrue();
        } finally {
            Clients5.closeQuietly(client);
        }
    }

    @Test
    @DisplayName("[MQTT-3.9.3-1] max-subscriptions 2, MQTT 3.1.1: the third filter gets 0x80; after an "
            + "UNSUBSCRIBE there is room for it")
    void v311ThirdSubscriptionRefusedThenFitsAfterUnsubscribe() {
        try (RawClient client = RawFlows.connect(broker, "subs3")) {
            assertThat(RawFlows.subscribe(client, 1, new Subscription("s/a", QoS.AT_LEAST_ONCE),
                    new Subscription("s/b", QoS.AT_LEAST_ONCE), new Subscription("s/c", QoS.AT_LEAST_ONCE))
                    .reasonCodes())
                    .containsExactly(ReasonCode.GRANTED_QOS_1, ReasonCode.GRANTED_QOS_1, ReasonCode.UNSPECIFIED_ERROR);

            client.send(new Unsubscribe(2, List.of("s/a"), MqttProperties.EMPTY));
            client.receive(Unsuback.class);
            RawFlows.subscribe(client, "s/c", QoS.AT_LEAST_ONCE);
        }
    }

    private static Mqtt5Subscription subscription(String filter) {
        return Mqtt5Subscription.builder().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).build();
    }
}
