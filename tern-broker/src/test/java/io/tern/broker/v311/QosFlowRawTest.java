package io.tern.broker.v311;

import static io.tern.broker.support.Packets.publishPacket;
import static io.tern.broker.support.RawFlows.assertNothingPendingBeforePing;
import static io.tern.broker.support.RawFlows.connect;
import static io.tern.broker.support.RawFlows.publish;
import static io.tern.broker.support.RawFlows.receivePublish;
import static io.tern.broker.support.RawFlows.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows.Received;
import io.tern.codec.QoS;
import io.tern.codec.packet.PingReq;
import io.tern.codec.packet.PingResp;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.PubComp;
import io.tern.codec.packet.PubRec;
import io.tern.codec.packet.PubRel;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The QoS 0, 1 and 2 flows on both sides of the broker (section 4.3), byte-exact with raw clients. */
class QosFlowRawTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    @Test
    @DisplayName("[MQTT-3.3.4-1] [MQTT-4.3.1-1] [MQTT-3.3.1-2] QoS 0: no answer to the publisher; the subscriber gets it once, QoS 0, DUP 0")
    void qos0() {
        try (RawClient subscriber = connect(broker, "q0-sub");
             RawClient publisher = connect(broker, "q0-pub")) {
            subscribe(subscriber, "q/#", QoS.EXACTLY_ONCE);
            publisher.send(publishPacket("q/0", QoS.AT_MOST_ONCE, false, false, 0, "zero"));
            publisher.send(PingReq.INSTANCE);
            assertThat(publisher.receive(io.tern.codec.packet.MqttPacket.class))
                    .as("nothing answers a QoS 0 PUBLISH").isInstanceOf(PingResp.class);

            Received received = receivePublish(subscriber);
            assertThat(received).isEqualTo(new Received("q/0", QoS.AT_MOST_ONCE, false, false, 0, "zero"));
            publish(publisher, "q/marker", QoS.AT_MOST_ONCE, "marker");
            assertThat(receivePublish(subscriber).payload()).as("sent once, never retried").isEqualTo("marker");
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.4-1] [MQTT-4.3.2-2] QoS 1 from a client: PUBACK with its identifier; after it, the same identifier is a new message even with DUP")
    void qos1Inbound() {
        try (RawClient subscriber = connect(broker, "q1in-sub");
             RawClient publisher = connect(broker, "q1in-pub")) {
            subscribe(subscriber, "q/#", QoS.AT_LEAST_ONCE);
            publisher.send(publishPacket("q/1", QoS.AT_LEAST_ONCE, false, false, 7, "first"));
            assertThat(publisher.receive(PubAck.class).packetId()).isEqualTo(7);
            publisher.send(publishPacket("q/1", QoS.AT_LEAST_ONCE, false, true, 7, "second"));
            assertThat(publisher.receive(PubAck.class).packetId()).isEqualTo(7);

            Received first = receivePublish(subscriber);
            Received second = receivePublish(subscriber);
            assertThat(first.payload()).isEqualTo("first");
            assertThat(second.payload()).isEqualTo("second");
            subscriber.send(new PubAck(first.packetId()));
            subscriber.send(new PubAck(second.packetId()));
            assertNothingPendingBeforePing(subscriber);
        }
    }

    @Test
    @DisplayName("[MQTT-4.3.2-1] [MQTT-2.3.1-1] QoS 1 to a subscriber: PUBLISH QoS 1, DUP 0, a fresh nonzero identifier per message; PUBACK completes it")
    void qos1Outbound() {
        try (RawClient subscriber = connect(broker, "q1out-sub");
             RawClient publisher = connect(broker, "q1out-pub")) {
            subscribe(subscriber, "q/#", QoS.AT_LEAST_ONCE);
            publish(publisher, "q/1", QoS.AT_LEAST_ONCE, "a");
            publish(publisher, "q/1", QoS.AT_LEAST_ONCE, "b");
            Received a = receivePublish(subscriber);
            Received b = receivePublish(subscriber);
            for (Received r : new Received[] {a, b}) {
                assertThat(r.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
                assertThat(r.dup()).isFalse();
                assertThat(r.packetId()).isNotZero();
            }
            assertThat(a.packetId()).isNotEqualTo(b.packetId());
            subscriber.send(new PubAck(a.packetId()));
            subscriber.send(new PubAck(b.packetId()));
            assertNothingPendingBeforePing(subscriber);
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.4-1] [MQTT-4.3.3-2] QoS 2 from a client: PUBREC; a resend with DUP before PUBREL gets PUBREC again and is not delivered twice; PUBREL gets PUBCOMP; then the identifier is new")
    void qos2Inbound() {
        try (RawClient subscriber = connect(broker, "q2in-sub");
             RawClient publisher = connect(broker, "q2in-pub")) {
            subscribe(subscriber, "q/#", QoS.AT_LEAST_ONCE);
            publisher.send(publishPacket("q/2", QoS.EXACTLY_ONCE, false, false, 9, "once"));
            assertThat(publisher.receive(PubRec.class).packetId()).isEqualTo(9);
            publisher.send(publishPacket("q/2", QoS.EXACTLY_ONCE, false, true, 9, "once"));
            assertThat(publisher.receive(PubRec.class).packetId()).isEqualTo(9);
            publisher.send(new PubRel(9));
            assertThat(publisher.receive(PubComp.class).packetId()).isEqualTo(9);
            // after PUBCOMP, identifier 9 starts a new message
            publisher.send(publishPacket("q/2", QoS.EXACTLY_ONCE, false, false, 9, "again"));
            assertThat(publisher.receive(PubRec.class).packetId()).isEqualTo(9);
            publisher.send(new PubRel(9));
            assertThat(publisher.receive(PubComp.class).packetId()).isEqualTo(9);

            Received once = receivePublish(subscriber);
            assertThat(once.payload()).isEqualTo("once");
            subscriber.send(new PubAck(once.packetId()));
            Received again = receivePublish(subscriber);
            assertThat(again.payload()).as("the resend before PUBREL was not passed on").isEqualTo("again");
            subscriber.send(new PubAck(again.packetId()));
            assertNothingPendingBeforePing(subscriber);
        }
    }

    @Test
    @DisplayName("[MQTT-4.3.3-1] [MQTT-3.6.1-1] [MQTT-2.3.1-6] QoS 2 to a subscriber: PUBLISH QoS 2 DUP 0; PUBREC is answered with PUBREL (flags 0010) with the same identifier; no PUBLISH resent after PUBREL")
    void qos2Outbound() {
        try (RawClient subscriber = connect(broker, "q2out-sub");
             RawClient publisher = connect(broker, "q2out-pub")) {
            subscribe(subscriber, "q/#", QoS.EXACTLY_ONCE);
            publish(publisher, "q/2", QoS.EXACTLY_ONCE, "two");
            Received received = receivePublish(subscriber);
            assertThat(received.qos()).isEqualTo(QoS.EXACTLY_ONCE);
            assertThat(received.dup()).isFalse();
            assertThat(received.packetId()).isNotZero();
            subscriber.send(new PubRec(received.packetId()));
            // the client-role decoder refuses a PUBREL whose flags are not 0010
            assertThat(subscriber.receive(PubRel.class).packetId()).isEqualTo(received.packetId());
            assertNothingPendingBeforePing(subscriber); // nothing resent while PUBCOMP is awaited
            subscriber.send(new PubComp(received.packetId()));
            publish(publisher, "q/2", QoS.AT_MOST_ONCE, "marker");
            assertThat(receivePublish(subscriber).payload()).isEqualTo("marker");
        }
    }

    @ParameterizedTest(name = "PUBREL first byte {0}")
    @ValueSource(strings = {"60", "63", "64", "6a"})
    @DisplayName("[MQTT-3.6.1-1] a PUBREL whose fixed-header flags are not 0010 closes the connection")
    void pubrelWithBadFlagsCloses(String firstByte) {
        try (RawClient publisher = connect(broker, "pubrel-flags")) {
            publisher.send(publishPacket("q/2", QoS.EXACTLY_ONCE, false, false, 5, "x"));
            assertThat(publisher.receive(PubRec.class).packetId()).isEqualTo(5);
            publisher.sendHex(firstByte + " 02 00 05");
            assertThat(publisher.closedWithoutData()).isTrue();
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.1-4] a PUBLISH with both QoS bits set closes the connection and is not delivered")
    void qos3Closes() {
        try (RawClient subscriber = connect(broker, "qos3-sub");
             RawClient publisher = connect(broker, "qos3-pub")) {
            subscribe(subscriber, "q/#", QoS.AT_MOST_ONCE);
            // PUBLISH with flags 0110 (QoS 3), topic "q/3", identifier 1, payload "x"
            publisher.sendHex("36 08 00 03 71 2f 33 00 01 78");
            assertThat(publisher.closedWithoutData()).isTrue();
            try (RawClient other = connect(broker, "qos3-marker")) {
                publish(other, "q/marker", QoS.AT_MOST_ONCE, "marker");
            }
            assertThat(receivePublish(subscriber).payload()).isEqualTo("marker");
        }
    }
}
