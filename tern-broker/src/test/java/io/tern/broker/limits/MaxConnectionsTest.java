package io.tern.broker.limits;

import static io.tern.broker.support.Packets.connectPacket;
import static io.tern.broker.support.Waits.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tern.broker.BrokerConfig;
import io.tern.broker.support.Clients5;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows;
import io.tern.broker.support.V5Flows;
import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Connack;
import org.awaitility.Awaitility;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The limit on connections open at once: a connection beyond is refused in CONNACK with 0x97, quota
 * exceeded ("an implementation or administrative imposed limit has been exceeded", MQTT 5 section
 * 3.2.2.2), or return code 3 (server unavailable) for MQTT 3.1.1, then closed [MQTT-3.2.2-7].
 */
class MaxConnectionsTest {
    @RegisterExtension
    final EmbeddedBroker broker = EmbeddedBroker.withConfig(BrokerConfig.builder().maxConnections(2).build());

    @Test
    @DisplayName("[MQTT-3.2.2-7] max-connections 2: a third MQTT 5 client is refused with CONNACK 0x97 and a "
            + "reason string, an MQTT 3.1.1 one with return code 3; one more fits once a client has left")
    void connectionsBeyondTheMaximumAreRefused() throws Exception {
        MqttClient first = Clients5.paho(broker, "first");
        MqttClient second = Clients5.paho(broker, "second");
        MqttClient third = Clients5.paho(broker, "third");
        try {
            first.connect(Clients5.pahoOptions());
            second.connect(Clients5.pahoOptions());

            assertThatThrownBy(() -> third.connect(Clients5.pahoOptions()))
                    .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode())
                            .isEqualTo(ReasonCode.QUOTA_EXCEEDED.value()));
            try (RawClient v5 = V5Flows.client(broker)) {
                Connack refused = V5Flows.connack(v5, V5Flows.connectPacket("raw5", true, MqttProperties.EMPTY));
                assertThat(refused.reasonCode()).isEqualTo(ReasonCode.QUOTA_EXCEEDED);
                assertThat(refused.properties().stringValue(PropertyId.REASON_STRING))
                        .isEqualTo("more than 2 connections open");
                assertThat(v5.closedWithoutData()).isTrue();
            }
            try (RawClient v3 = broker.rawClient()) {
                Connack refused = RawFlows.connack(v3, connectPacket("raw3", true, 0));
                assertThat(refused.reasonCode()).as("return code 3").isEqualTo(ReasonCode.SERVER_UNAVAILABLE);
                assertThat(v3.closedWithoutData()).isTrue();
            }

            first.disconnect();
            Awaitility.await().atMost(TIMEOUT).ignoreExceptions().until(() -> {
                try (RawClient again = broker.rawClient()) {
                    return RawFlows.connack(again, connectPacket("again", true, 0)).reasonCode()
                            == ReasonCode.SUCCESS;
                }
            });
            assertThat(second.isConnected()).as("the admitted clients are undisturbed").isTrue();
        } finally {
            Clients5.closeQuietly(first);
            Clients5.closeQuietly(second);
            Clients5.closeQuietly(third);
        }
    }
}
