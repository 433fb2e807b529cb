package io.tern.broker.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.BrokerConfig;
import io.tern.broker.Rate;
import io.tern.broker.support.Clients5;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.Packets;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows;
import io.tern.broker.support.V5Flows;
import io.tern.broker.support.Waits;
import io.tern.codec.MqttVersion;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.Publish;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The publish rate per client. An MQTT 5 client beyond it is disconnected with 0x96, message rate too
 * high (MQTT 5 section 3.14.2.1); MQTT 3.1.1 has no such code, so the broker slows the client down
 * instead, by reading nothing more from it until it is within the rate again: no message is lost.
 */
class PublishRateTest {
    /** Five a minute for the MQTT 5 tests: the sixth in a test's few seconds is beyond, however slow the machine. */
    private static final Rate FIVE_A_MINUTE = new Rate(5, Duration.ofMinutes(1));

    @RegisterExtension
    final EmbeddedBroker broker = EmbeddedBroker.withConfig(BrokerConfig.builder()
            .maxPublishRate(new Rate(10, Duration.ofMillis(500))).build());

    @RegisterExtension
    final EmbeddedBroker strict = EmbeddedBroker.withConfig(BrokerConfig.builder().maxPublishRate(FIVE_A_MINUTE)
            .build());

    @Test
    @DisplayName("MQTT 5, max-publish-rate 5/m: the sixth PUBLISH gets DISCONNECT 0x96, then the connection closes")
    void v5ClientBeyondTheRateDisconnected() {
        try (RawClient publisher = V5Flows.connect(strict, "fast5")) {
            for (int i = 0; i < 5; i++) {
                V5Flows.publish(publisher, "rate/t", QoS.AT_LEAST_ONCE, "m" + i);
            }
            V5Flows.send(publisher, V5Flows.publishPacket("rate/t", QoS.AT_MOST_ONCE, false, 0,
                    io.tern.codec.MqttProperties.EMPTY, "one too many"));
            V5Flows.expectDisconnect(publisher, ReasonCode.MESSAGE_RATE_TOO_HIGH);
        }
    }

    @Test
    @DisplayName("MQTT 5, max-publish-rate 5/m: Paho is told 0x96 when it publishes a sixth message")
    void pahoToldTheRateIsTooHigh() throws Exception {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + strict.port(), "paho-rate",
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        CompletableFuture<Integer> disconnectedWith = new CompletableFuture<>();
        client.setCallback(new DisconnectListener(disconnectedWith));
        try {
            client.connect(Clients5.pahoOptions());
            for (int i = 0; i < 6; i++) {
                client.publish("rate/paho", new MqttMessage(("m" + i).getBytes(), 0, false, new MqttProperties()));
            }
            assertThat(disconnectedWith.get(Waits.TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo(ReasonCode.MESSAGE_RATE_TOO_HIGH.value());
        } finally {
            Clients5.closeQuietly(client);
        }
    }

    @Test
    @DisplayName("MQTT 3.1.1, max-publish-rate 10/500ms: after 40 QoS 1 messages sent at once, all delivered, the "
            + "broker reads nothing more from the client until it is within the rate again (1.5 s); the "
            + "connection stays open")
    void v311ClientBeyondTheRateSlowedDown() {
        try (RawClient subscriber = RawFlows.connect(broker, "rate-sub");
             RawClient publisher = RawFlows.connect(broker, "rate-pub")) {
            RawFlows.subscribe(subscriber, "rate/t", QoS.AT_LEAST_ONCE);
            byte[][] packets = new byte[40][];
            for (int i = 0; i < 40; i++) {
                packets[i] = encode(i + 1, "m" + i);
            }
            publisher.sendBytes(Packets.concat(packets));
            for (int i = 0; i < 40; i++) {
                assertThat(publisher.receive(PubAck.class).packetId()).isEqualTo(i + 1);
            }
            long start = System.nanoTime();
            publisher.sendBytes(encode(41, "after the burst"));
            assertThat(publisher.receive(PubAck.class).packetId()).isEqualTo(41);
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            for (int i = 0; i < 40; i++) {
                assertThat(RawFlows.receiveAndAck(subscriber).payload()).isEqualTo("m" + i);
            }
            assertThat(RawFlows.receiveAndAck(subscriber).payload()).isEqualTo("after the burst");
            assertThat(waitedMillis).as("30 messages beyond the burst of 10, at 20 a second, less what the "
                    + "acknowledgements took").isGreaterThanOrEqualTo(800);
        }
    }

    private static byte[] encode(int packetId, String payload) {
        Publish publish = Packets.publishPacket("rate/t", QoS.AT_LEAST_ONCE, false, false, packetId, payload);
        try {
            return Packets.encode(publish, MqttVersion.V3_1_1);
        } finally {
            publish.release();
        }
    }

    /** Completes with the reason code of the broker's DISCONNECT. */
    private record DisconnectListener(CompletableFuture<Integer> reasonCode) implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            reasonCode.complete(response.getReturnCode());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
