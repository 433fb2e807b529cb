package io.tern.broker.limits;

import static io.tern.broker.support.Packets.connectPacket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.tern.broker.BrokerConfig;
import io.tern.broker.Rate;
import io.tern.broker.support.Clients5;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows;
import io.tern.codec.ReasonCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The limit on the rate of new connections from one source address: a connection beyond is refused
 * in CONNACK with 0x9F, connection rate exceeded (MQTT 5 section 3.2.2.2), or return code 3 (server
 * unavailable) for MQTT 3.1.1, then closed [MQTT-3.2.2-7].
 */
class MaxConnectRateTest {
    /** Three a minute: the fourth in a test's few seconds is refused, however slow the machine. */
    @RegisterExtension
    final EmbeddedBroker broker = EmbeddedBroker.withConfig(BrokerConfig.builder()
            .maxConnectRate(new Rate(3, Duration.ofMinutes(1))).build());

    @Test
    @DisplayName("[MQTT-3.2.2-7] max-connect-rate 3/m: the fourth connection from 127.0.0.1 is refused with "
            + "CONNACK 0x9F (HiveMQ client), an MQTT 3.1.1 one after it with return code 3")
    void connectionsFasterThanTheRateAreRefused() {
        List<Mqtt5BlockingClient> admitted = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Mqtt5BlockingClient client = Clients5.hiveMq(broker, "rate-" + i);
                admitted.add(client);
                client.connect();
            }
            Mqtt5BlockingClient fourth = Clients5.hiveMq(broker, "rate-3");
            assertThatThrownBy(fourth::connect)
                    .isInstanceOfSatisfying(Mqtt5ConnAckException.class, e -> assertThat(
                            e.getMqttMessage().getReasonCode())
                            .isEqualTo(Mqtt5ConnAckReasonCode.CONNECTION_RATE_EXCEEDED));
            try (RawClient v3 = broker.rawClient()) {
                assertThat(RawFlows.connack(v3, connectPacket("rate-v3", true, 0)).reasonCode())
                        .as("return code 3").isEqualTo(ReasonCode.SERVER_UNAVAILABLE);
                assertThat(v3.closedWithoutData()).isTrue();
            }
            assertThat(admitted).allSatisfy(client -> assertThat(client.getState().isConnected()).isTrue());
        } finally {
            admitted.forEach(Clients5::closeQuietly);
        }
    }
}
