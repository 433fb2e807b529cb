package io.tern.broker.v5;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.PingReq;
import io.tern.codec.packet.PingResp;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.Publish;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Subscription;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The broker never has more QoS 1/2 messages unacknowledged at an MQTT 5 client than its Receive Maximum. */
class ReceiveMaximumTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    @Test
    @DisplayName("[MQTT-3.3.4-9] [MQTT-4.9.0-1] with Receive Maximum 2 the third QoS 1 message waits for a PUBACK")
    void thirdMessageWaitsForAnAcknowledgement() {
        try (RawClient subscriber = broker.rawClient().version(MqttVersion.V5);
             RawClient publisher = broker.rawClient().version(MqttVersion.V5)) {
            subscriber.send(new Connect(MqttVersion.V5, "subscriber", true, 60, null, null, null,
                    MqttProperties.builder().set(PropertyId.RECEIVE_MAXIMUM, 2).build()));
            assertThat(subscriber.receive(Connack.class).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            subscriber.send(new Subscribe(1, List.of(new Subscription("flow", QoS.AT_LEAST_ONCE)),
                    MqttProperties.EMPTY));
            subscriber.receive(Suback.class);
            publisher.send(new Connect(MqttVersion.V5, "publisher", true, 60, null, null, null,
                    MqttProperties.EMPTY));
            publisher.receive(Connack.class);

            for (int i = 1; i <= 3; i++) {
                Publish publish = new Publish("flow", QoS.AT_LEAST_ONCE, false, false, i, MqttProperties.EMPTY,
                        Unpooled.copiedBuffer("m" + i, StandardCharsets.UTF_8));
                publisher.send(publish);
                publish.release();
                assertThat(publisher.receive(PubAck.class).packetId()).isEqualTo(i);
            }

            Publish first = subscriber.receive(Publish.class);
            Publish second = subscriber.receive(Publish.class);
            assertThat(List.of(payload(first), payload(second))).containsExactly("m1", "m2");
            subscriber.send(PingReq.INSTANCE);
            assertThat(subscriber.receive()).as("nothing beyond the receive maximum").isInstanceOf(PingResp.class);

            subscriber.send(new PubAck(first.packetId()));
            Publish third = subscriber.receive(Publish.class);
            assertThat(payload(third)).isEqualTo("m3");
            first.release();
            second.release();
            third.release();
        }
    }

    private static String payload(Publish publish) {
        return publish.payload().toString(StandardCharsets.UTF_8);
    }
}
