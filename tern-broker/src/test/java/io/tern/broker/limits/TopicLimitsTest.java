package io.tern.broker.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.BrokerConfig;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.Packets;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows;
import io.tern.broker.support.V5Flows;
import io.tern.codec.MqttProperties;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Subscription;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * max-topic-length 64 and max-topic-levels 4. A topic filter beyond them is refused in SUBACK (0x8F
 * topic filter invalid; 0x80 in MQTT 3.1.1); a topic name beyond them is "correctly formed, but not
 * accepted by this server" (MQTT 5 section 3.14.2.1): DISCONNECT 0x90, or for MQTT 3.1.1, which has
 * no way to refuse a PUBLISH, the connection closes; a will topic beyond is refused in CONNACK 0x90.
 */
class TopicLimitsTest {
    private static final String DEEP = "a/b/c/d/e";
    private static final String LONG = "x".repeat(65);

    @RegisterExtension
    final EmbeddedBroker broker = EmbeddedBroker.withConfig(
            BrokerConfig.builder().maxTopicLength(64).maxTopicLevels(4).build());

    @Test
    @DisplayName("[MQTT-3.9.3-1] MQTT 5: filters of five levels or 65 bytes get SUBACK 0x8F, one within the "
            + "limits in the same SUBSCRIBE is granted, and the connection stays")
    void v5FiltersBeyondTheLimitsRefused() {
        try (RawClient client = V5Flows.connect(broker, "filters5");
             RawClient publisher = V5Flows.connect(broker, "filters5-pub")) {
            assertThat(V5Flows.subscribe(client, 1, MqttProperties.EMPTY, new Subscription(DEEP, QoS.AT_MOST_ONCE),
                    new Subscription("a/b/c/#", QoS.AT_MOST_ONCE), new Subscription(LONG, QoS.AT_MOST_ONCE))
                    .reasonCodes()).containsExactly(ReasonCode.TOPIC_FILTER_INVALID, ReasonCode.GRANTED_QOS_0,
                    ReasonCode.TOPIC_FILTER_INVALID);
            V5Flows.publish(publisher, "a/b/c/d", QoS.AT_LEAST_ONCE, "within the limits");
            assertThat(V5Flows.receivePublish(client).payload()).isEqualTo("within the limits");
        }
    }

    @Test
    @DisplayName("[MQTT-3.9.3-1] MQTT 3.1.1: a filter beyond the limits gets SUBACK 0x80")
    void v311FilterBeyondTheLimitsRefused() {
        try (RawClient client = RawFlows.connect(broker, "filters3")) {
            assertThat(RawFlows.subscribe(client, 1, new Subscription(DEEP, QoS.AT_LEAST_ONCE),
                    new Subscription("a/+", QoS.AT_LEAST_ONCE)).reasonCodes())
                    .containsExactly(ReasonCode.UNSPECIFIED_ERROR, ReasonCode.GRANTED_QOS_1);
        }
    }

    @Test
    @DisplayName("MQTT 5: a PUBLISH to a topic of five levels ends the connection with DISCONNECT 0x90; "
            + "subscribers get nothing")
    void v5PublishBeyondTheLevelsDisconnected() {
        try (RawClient subscriber = V5Flows.connect(broker, "watcher");
             RawClient publisher = V5Flows.connect(broker, "deep5")) {
            V5Flows.subscribe(subscriber, "#", QoS.AT_MOST_ONCE, 0);
            V5Flows.send(publisher, V5Flows.publishPacket(DEEP, QoS.AT_LEAST_ONCE, false, 1, MqttProperties.EMPTY,
                    "too deep"));
            V5Flows.expectDisconnect(publisher, ReasonCode.TOPIC_NAME_INVALID);

            try (RawClient marker = V5Flows.connect(broker, "marker")) {
                V5Flows.publish(marker, "marker", QoS.AT_MOST_ONCE, "marker");
            }
            assertThat(V5Flows.receivePublish(subscriber).topic()).as("nothing before the marker").isEqualTo("marker");
        }
    }

    @Test
    @DisplayName("MQTT 5: a PUBLISH to a topic of 65 bytes ends the connection with DISCONNECT 0x90")
    void v5PublishBeyondTheLengthDisconnected() {
        try (RawClient publisher = V5Flows.connect(broker, "long5")) {
            V5Flows.send(publisher, V5Flows.publishPacket(LONG, QoS.AT_MOST_ONCE, false, 0, MqttProperties.EMPTY,
                    "too long"));
            V5Flows.expectDisconnect(publisher, ReasonCode.TOPIC_NAME_INVALID);
        }
    }

    @Test
    @DisplayName("MQTT 3.1.1: a PUBLISH to a topic beyond the limits closes the connection, unanswered")
    void v311PublishBeyondTheLimitsClosed() {
        try (RawClient publisher = RawFlows.connect(broker, "deep3")) {
            publisher.send(Packets.publishPacket(DEEP, QoS.AT_LEAST_ONCE, false, false, 1, "too deep"));
            assertThat(publisher.closedWithoutData()).isTrue();
        }
    }

    @Test
    @DisplayName("[MQTT-3.2.2-7] MQTT 5: a will topic beyond the limits is refused with CONNACK 0x90")
    void v5WillTopicBeyondTheLimitsRefused() {
        try (RawClient client = V5Flows.client(broker)) {
            assertThat(V5Flows.connack(client, V5Flows.connectPacket("will5", true, MqttProperties.EMPTY,
                    Packets.will(DEEP, "gone", QoS.AT_MOST_ONCE, false))).reasonCode())
                    .isEqualTo(ReasonCode.TOPIC_NAME_INVALID);
            assertThat(client.closedWithoutData()).isTrue();
        }
    }
}
