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
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.RetainHandling;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscription;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MQTT 5 subscription options: no local, retain as published, retain handling; and the QoS of delivery. */
class SubscriptionOptionsTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    private static Subscription options(String filter, boolean noLocal, boolean retainAsPublished,
                                        RetainHandling retainHandling) {
        return new Subscription(filter, QoS.AT_LEAST_ONCE, noLocal, retainAsPublished, retainHandling);
    }

    private void publishFrom(String topic, QoS qos, boolean retain, String payload) {
        try (RawClient publisher = connect(broker, "publisher")) {
            publish(publisher, topic, qos, retain, MqttProperties.EMPTY, payload);
        }
    }

    @Test
    @DisplayName("[MQTT-3.8.3-3] no local: the publisher's own subscription does not get its message, another "
            + "client's does")
    void noLocal() {
        try (RawClient self = connect(broker, "self"); RawClient other = connect(broker, "other")) {
            subscribe(self, options("nl/t", true, false, RetainHandling.SEND_ON_SUBSCRIBE), 0);
            subscribe(other, options("nl/t", false, false, RetainHandling.SEND_ON_SUBSCRIBE), 0);
            publish(self, "nl/t", QoS.AT_MOST_ONCE, "mine");
            assertThat(receiveAndAck(other).payload()).isEqualTo("mine");
            assertNothingPendingBeforePing(self);
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.1-12] [MQTT-3.3.1-13] retain as published: 1 keeps RETAIN on forwarded messages, 0 clears "
            + "it; a retained message sent on SUBSCRIBE has RETAIN either way")
    void retainAsPublished() {
        try (RawClient keeps = connect(broker, "keeps"); RawClient clears = connect(broker, "clears")) {
            subscribe(keeps, options("rap/t", false, true, RetainHandling.SEND_ON_SUBSCRIBE), 0);
            subscribe(clears, options("rap/t", false, false, RetainHandling.SEND_ON_SUBSCRIBE), 0);
            publishFrom("rap/t", QoS.AT_LEAST_ONCE, true, "retained");
            assertThat(receiveAndAck(keeps).retain()).isTrue();
            assertThat(receiveAndAck(clears).retain()).isFalse();
        }
        try (RawClient late = connect(broker, "late")) {
            subscribe(late, options("rap/t", false, false, RetainHandling.SEND_ON_SUBSCRIBE), 0);
            Received5 onSubscribe = receiveAndAck(late);
            assertThat(onSubscribe.payload()).isEqualTo("retained");
            assertThat(onSubscribe.retain()).isTrue();
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.1-9] [MQTT-3.8.4-4] retain handling 0: the retained message on every SUBSCRIBE, "
            + "a repeated one included")
    void retainHandlingSendOnSubscribe() {
        publishFrom("rh/t", QoS.AT_LEAST_ONCE, true, "kept");
        try (RawClient subscriber = connect(broker, "sub")) {
            for (int i = 0; i < 2; i++) {
                subscribe(subscriber, options("rh/t", false, false, RetainHandling.SEND_ON_SUBSCRIBE), 0);
                Received5 received = receiveAndAck(subscriber);
                assertThat(received.payload()).isEqualTo("kept");
                assertThat(received.retain()).isTrue();
            }
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.1-10] retain handling 1: the retained message for a new subscription only")
    void retainHandlingIfNew() {
        publishFrom("rh/t", QoS.AT_LEAST_ONCE, true, "kept");
        try (RawClient subscriber = connect(broker, "sub")) {
            subscribe(subscriber, options("rh/t", false, false, RetainHandling.SEND_IF_NEW_SUBSCRIPTION), 0);
            assertThat(receiveAndAck(subscriber).payload()).isEqualTo("kept");
            subscribe(subscriber, options("rh/t", false, false, RetainHandling.SEND_IF_NEW_SUBSCRIPTION), 0);
            assertNothingPendingBeforePing(subscriber);
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.1-11] retain handling 2: no retained message on SUBSCRIBE, but later messages arrive")
    void retainHandlingDoNotSend() {
        publishFrom("rh/t", QoS.AT_LEAST_ONCE, true, "kept");
        try (RawClient subscriber = connect(broker, "sub")) {
            subscribe(subscriber, options("rh/t", false, false, RetainHandling.DO_NOT_SEND), 0);
            assertNothingPendingBeforePing(subscriber);
            publishFrom("rh/t", QoS.AT_LEAST_ONCE, false, "live");
            assertThat(receiveAndAck(subscriber).payload()).isEqualTo("live");
        }
    }

    @Test
    @DisplayName("[MQTT-3.8.4-7] [MQTT-3.8.4-8] [MQTT-2.2.1-6] a QoS 1 subscription: SUBACK grants 0x01 with the "
            + "SUBSCRIBE's packet identifier; messages come at min(published, granted)")
    void qosIsTheMinimum() {
        try (RawClient subscriber = connect(broker, "sub")) {
            Suback suback = subscribe(subscriber, 513, MqttProperties.EMPTY,
                    new Subscription("qos/t", QoS.AT_LEAST_ONCE));
            assertThat(suback.reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_1);
            publishFrom("qos/t", QoS.AT_MOST_ONCE, false, "zero");
            publishFrom("qos/t", QoS.EXACTLY_ONCE, false, "two");
            assertThat(receiveAndAck(subscriber).qos()).isEqualTo(QoS.AT_MOST_ONCE);
            assertThat(receiveAndAck(subscriber).qos()).isEqualTo(QoS.AT_LEAST_ONCE);
        }
    }
}
