package io.tern.broker.v5;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.V5Flows;
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
import io.tern.codec.packet.Unsuback;
import io.tern.codec.packet.Unsubscribe;
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

    @Test
    @DisplayName("[MQTT-3.3.4-10] [MQTT-4.9.0-3] [MQTT-3.11.3-1] with its quota used up the broker still answers "
            + "SUBSCRIBE, UNSUBSCRIBE (reason codes in filter order) and PINGREQ at once")
    void otherPacketsFlowAtZeroQuota() {
        try (RawClient subscriber = V5Flows.connect(broker, V5Flows.connectPacket("subscriber", true,
                MqttProperties.builder().set(PropertyId.RECEIVE_MAXIMUM, 1).build()));
             RawClient publisher = V5Flows.connect(broker, "publisher")) {
            V5Flows.subscribe(subscriber, "flow", QoS.AT_LEAST_ONCE, 0);
            V5Flows.publish(publisher, "flow", QoS.AT_LEAST_ONCE, "m1");
            V5Flows.publish(publisher, "flow", QoS.AT_LEAST_ONCE, "m2");
            Publish first = subscriber.receive(Publish.class);

            Suback suback = V5Flows.subscribe(subscriber, 2, MqttProperties.EMPTY,
                    new Subscription("other", QoS.AT_MOST_ONCE));
            assertThat(suback.reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_0);
            subscriber.send(new Unsubscribe(3, List.of("other", "never", "flow-not"), MqttProperties.EMPTY));
            Unsuback unsuback = subscriber.receive(Unsuback.class);
            assertThat(unsuback.packetId()).isEqualTo(3);
            assertThat(unsuback.reasonCodes()).containsExactly(ReasonCode.SUCCESS,
                    ReasonCode.NO_SUBSCRIPTION_EXISTED, ReasonCode.NO_SUBSCRIPTION_EXISTED);
            subscriber.send(PingReq.INSTANCE);
            assertThat(subscriber.receive()).isInstanceOf(PingResp.class);

            subscriber.send(new PubAck(first.packetId()));
            assertThat(payload(first)).isEqualTo("m1");
            first.release();
            Publish second = subscriber.receive(Publish.class);
            assertThat(payload(second)).isEqualTo("m2");
            second.release();
        }
    }

    private static String payload(Publish publish) {
        return publish.payload().toString(StandardCharsets.UTF_8);
    }
}
