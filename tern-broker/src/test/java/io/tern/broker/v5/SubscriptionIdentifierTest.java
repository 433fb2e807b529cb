package io.tern.broker.v5;

import static io.tern.broker.support.RawFlows.assertNothingPendingBeforePing;
import static io.tern.broker.support.V5Flows.connect;
import static io.tern.broker.support.V5Flows.publish;
import static io.tern.broker.support.V5Flows.receiveAndAck;
import static io.tern.broker.support.V5Flows.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.V5Flows.Received5;
import io.tern.codec.MqttProperties;
import io.tern.codec.QoS;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MQTT 5 subscription identifiers: stored with the subscription and sent with each message it matches. */
class SubscriptionIdentifierTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    private void publishFrom(String topic, QoS qos, boolean retain, String payload) {
        try (RawClient publisher = connect(broker, "publisher")) {
            publish(publisher, topic, qos, retain, MqttProperties.EMPTY, payload);
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.4-3] every message matching a subscription carries its identifier")
    void identifierWithEachMessage() {
        try (RawClient subscriber = connect(broker, "sub")) {
            subscribe(subscriber, "sid/#", QoS.AT_LEAST_ONCE, 7);
            publishFrom("sid/a", QoS.AT_LEAST_ONCE, false, "one");
            publishFrom("sid/b", QoS.AT_MOST_ONCE, false, "two");
            for (String payload : new String[] {"one", "two"}) {
                Received5 received = receiveAndAck(subscriber);
                assertThat(received.payload()).isEqualTo(payload);
                assertThat(received.properties().subscriptionIdentifiers()).containsExactly(7);
            }
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.4-2] [MQTT-3.3.4-3] [MQTT-3.3.4-4] [MQTT-3.8.4-8] overlapping subscriptions of one client: "
            + "one copy, at the highest granted QoS, with the identifiers of all that have one")
    void overlappingSubscriptions() {
        try (RawClient subscriber = connect(broker, "sub")) {
            subscribe(subscriber, "ov/#", QoS.AT_MOST_ONCE, 1);
            subscribe(subscriber, "ov/+", QoS.EXACTLY_ONCE, 2);
            subscribe(subscriber, "ov/t", QoS.AT_LEAST_ONCE, 0);
            publishFrom("ov/t", QoS.EXACTLY_ONCE, false, "shared");
            Received5 received = receiveAndAck(subscriber);
            assertThat(received.qos()).isEqualTo(QoS.EXACTLY_ONCE);
            assertThat(received.properties().subscriptionIdentifiers()).containsExactlyInAnyOrder(1, 2);
            assertNothingPendingBeforePing(subscriber);
        }
    }

    @Test
    @DisplayName("retained messages sent on SUBSCRIBE carry the subscription's identifier")
    void retainedOnSubscribeCarriesIdentifier() {
        publishFrom("ret/t", QoS.AT_LEAST_ONCE, true, "kept");
        try (RawClient subscriber = connect(broker, "sub")) {
            subscribe(subscriber, "ret/#", QoS.AT_LEAST_ONCE, 42);
            Received5 received = receiveAndAck(subscriber);
            assertThat(received.retain()).isTrue();
            assertThat(received.properties().subscriptionIdentifiers()).containsExactly(42);
        }
    }

    @Test
    @DisplayName("[MQTT-3.8.4-3] subscribing again to the same filter replaces its identifier, or removes it")
    void resubscribeReplacesIdentifier() {
        try (RawClient subscriber = connect(broker, "sub")) {
            subscribe(subscriber, "up/t", QoS.AT_LEAST_ONCE, 1);
            subscribe(subscriber, "up/t", QoS.AT_LEAST_ONCE, 268_435_455);
            publishFrom("up/t", QoS.AT_LEAST_ONCE, false, "replaced");
            assertThat(receiveAndAck(subscriber).properties().subscriptionIdentifiers())
                    .containsExactly(268_435_455);
            subscribe(subscriber, "up/t", QoS.AT_LEAST_ONCE, 0);
            publishFrom("up/t", QoS.AT_LEAST_ONCE, false, "removed");
            assertThat(receiveAndAck(subscriber).properties().subscriptionIdentifiers()).isEmpty();
        }
    }
}
