package io.tern.broker.v311;

import static io.tern.broker.support.Packets.publishPacket;
import static io.tern.broker.support.RawFlows.assertNothingPendingBeforePing;
import static io.tern.broker.support.RawFlows.connect;
import static io.tern.broker.support.RawFlows.publish;
import static io.tern.broker.support.RawFlows.receivePublish;
import static io.tern.broker.support.RawFlows.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.BrokerConfig;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows.Received;
import io.tern.codec.QoS;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.PingReq;
import io.tern.codec.packet.PingResp;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.PubComp;
import io.tern.codec.packet.PubRec;
import io.tern.codec.packet.PubRel;
import io.tern.codec.packet.Publish;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The in-flight window of {@code BrokerConfig.maxInflight} = 2: at most two unacknowledged QoS 1/2 messages per client. */
class QueueInflightWindowTest {
    @RegisterExtension
    final EmbeddedBroker broker = EmbeddedBroker.withConfig(BrokerConfig.builder().maxInflight(2).build());

    @Test
    @DisplayName("maxInflight 2: a subscriber that does not acknowledge gets exactly 2 QoS 1 messages; the 3rd comes after its first PUBACK")
    void windowOfTwo() {
        // The client publishes to itself: its packets are handled one after the other on its own
        // connection, so what it receives before PINGRESP is exactly what the broker sent for them.
        try (RawClient client = connect(broker, "win-self")) {
            subscribe(client, "win/t", QoS.AT_LEAST_ONCE);
            for (int i = 1; i <= 3; i++) {
                client.send(publishPacket("win/t", QoS.AT_LEAST_ONCE, false, false, 100 + i, "m" + i));
            }
            client.send(PingReq.INSTANCE);
            List<Publish> publishes = new ArrayList<>();
            List<Integer> acks = new ArrayList<>();
            while (true) {
                MqttPacket packet = client.receive(MqttPacket.class);
                if (packet instanceof PingResp) {
                    break;
                } else if (packet instanceof Publish publish) {
                    publishes.add(publish);
                } else {
                    acks.add(((PubAck) packet).packetId());
                }
            }
            assertThat(acks).containsExactly(101, 102, 103);
            assertThat(publishes).extracting(p -> p.payload().toString(StandardCharsets.UTF_8))
                    .containsExactly("m1", "m2");

            client.send(new PubAck(publishes.get(0).packetId()));
            Received third = receivePublish(client);
            assertThat(third.payload()).isEqualTo("m3");
            assertThat(third.packetId()).isNotEqualTo(publishes.get(1).packetId());
            client.send(new PubAck(publishes.get(1).packetId()));
            client.send(new PubAck(third.packetId()));
            assertNothingPendingBeforePing(client);
            publishes.forEach(Publish::release);
        }
    }

    @Test
    @DisplayName("[MQTT-4.6.0-6] maxInflight 2: messages held back by the window follow, in order, as the subscriber acknowledges")
    void heldBackInOrder() {
        try (RawClient subscriber = connect(broker, "win-sub");
             RawClient publisher = connect(broker, "win-pub")) {
            subscribe(subscriber, "win/o", QoS.AT_LEAST_ONCE);
            for (int i = 0; i < 6; i++) {
                publish(publisher, "win/o", QoS.AT_LEAST_ONCE, false, i + 1, "m" + i);
            }
            Received first = receivePublish(subscriber);
            Received second = receivePublish(subscriber);
            assertNothingPendingBeforePing(subscriber);
            assertThat(List.of(first.payload(), second.payload())).containsExactly("m0", "m1");
            List<String> rest = new ArrayList<>();
            Received oldest = first;
            Received newer = second;
            for (int i = 2; i < 6; i++) {
                subscriber.send(new PubAck(oldest.packetId()));
                Received next = receivePublish(subscriber);
                rest.add(next.payload());
                oldest = newer;
                newer = next;
            }
            assertThat(rest).containsExactly("m2", "m3", "m4", "m5");
        }
    }

    @Test
    @DisplayName("maxInflight 2: a QoS 2 message holds its place in the window until PUBCOMP, not just PUBREC")
    void qos2HoldsTheWindowUntilPubcomp() {
        try (RawClient subscriber = connect(broker, "win2-sub");
             RawClient publisher = connect(broker, "win2-pub")) {
            subscribe(subscriber, "win/2", QoS.EXACTLY_ONCE);
            for (int i = 0; i < 3; i++) {
                publish(publisher, "win/2", QoS.EXACTLY_ONCE, false, i + 1, "m" + i);
            }
            Received first = receivePublish(subscriber);
            Received second = receivePublish(subscriber);
            subscriber.send(new PubRec(first.packetId()));
            subscriber.send(new PubRec(second.packetId()));
            assertThat(subscriber.receive(PubRel.class).packetId()).isEqualTo(first.packetId());
            assertThat(subscriber.receive(PubRel.class).packetId()).isEqualTo(second.packetId());
            assertNothingPendingBeforePing(subscriber);

            subscriber.send(new PubComp(first.packetId()));
            Received third = receivePublish(subscriber);
            assertThat(third.payload()).isEqualTo("m2");
            assertThat(third.qos()).isEqualTo(QoS.EXACTLY_ONCE);
        }
    }

    @Test
    @DisplayName("maxInflight 2: QoS 0 messages are not held by a full window when nothing is queued")
    void qos0NotHeldByTheWindow() {
        try (RawClient subscriber = connect(broker, "win0-sub");
             RawClient publisher = connect(broker, "win0-pub")) {
            subscribe(subscriber, "win/#", QoS.AT_LEAST_ONCE);
            publish(publisher, "win/a", QoS.AT_LEAST_ONCE, false, 1, "q1-a");
            publish(publisher, "win/a", QoS.AT_LEAST_ONCE, false, 2, "q1-b");
            assertThat(receivePublish(subscriber).payload()).isEqualTo("q1-a");
            assertThat(receivePublish(subscriber).payload()).isEqualTo("q1-b");
            publish(publisher, "win/b", QoS.AT_MOST_ONCE, "q0");
            Received q0 = receivePublish(subscriber);
            assertThat(q0.payload()).isEqualTo("q0");
            assertThat(q0.qos()).isEqualTo(QoS.AT_MOST_ONCE);
        }
    }
}
