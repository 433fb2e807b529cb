package io.tern.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tern.client.support.BrokerKind;
import io.tern.client.support.ScriptedServer;
import io.tern.client.support.TestBroker;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.Publish;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BlockingClientTest {
    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    @DisplayName("blocking: connect, subscribe to a queue, publish and receive, unsubscribe, disconnect (MQTT 3.1.1)")
    void blockingRoundTrip(BrokerKind kind) throws Exception {
        try (TestBroker broker = kind.start();
             BlockingMqttClient client = MqttClient.builder().serverPort(broker.port()).clientId("blocking")
                     .version(MqttVersion.V3_1_1).build().blocking()) {
            assertThat(client.connect().sessionPresent()).isFalse();
            assertThat(client.subscribe("queue/#", QoS.EXACTLY_ONCE).reasonCodes())
                    .containsExactly(ReasonCode.GRANTED_QOS_2);

            PublishResult published = client.publish(Message.builder().topic("queue/1").payload("hello")
                    .qos(QoS.EXACTLY_ONCE).build());

            assertThat(published.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            Message received = client.receive(Duration.ofSeconds(20));
            assertThat(received.payloadAsString()).isEqualTo("hello");
            assertThat(client.receive(Duration.ofMillis(100))).isNull();
            assertThat(client.unsubscribe("queue/#").reasonCodes()).as("MQTT 3.1.1 UNSUBACK has no codes").isEmpty();
            client.disconnect();
            assertThat(client.isConnected()).isFalse();
        }
    }

    @Test
    @DisplayName("blocking: a publish the server never acknowledges throws MqttTimeoutException after the timeout")
    void blockingTimeout() throws Exception {
        try (ScriptedServer server = new ScriptedServer();
             MqttClient client = MqttClient.builder().serverPort(server.port()).build()) {
            BlockingMqttClient blocking = client.blocking(Duration.ofMillis(300));
            Thread connect = new Thread(blocking::connect);
            connect.start();
            server.next(Connect.class);
            server.accept(false, MqttProperties.EMPTY);
            connect.join(20_000);

            assertThatThrownBy(() -> blocking.publish(Message.builder().topic("void").qos(QoS.AT_LEAST_ONCE).build()))
                    .isInstanceOf(MqttTimeoutException.class).hasMessage("no acknowledgement of the publish to void within 300 ms");
            server.next(Publish.class).release();
        }
    }
}
