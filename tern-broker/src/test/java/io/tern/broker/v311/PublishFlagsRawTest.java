package io.tern.broker.v311;

import static io.tern.broker.support.Packets.publishPacket;
import static io.tern.broker.support.RawFlows.connect;
import static io.tern.broker.support.RawFlows.receiveAndAck;
import static io.tern.broker.support.RawFlows.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows.Received;
import io.tern.codec.QoS;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.PubComp;
import io.tern.codec.packet.PubRec;
import io.tern.codec.packet.PubRel;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The DUP flag of PUBLISH packets the broker forwards (section 3.3.1.1). */
class PublishFlagsRawTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    @Test
    @DisplayName("[MQTT-3.3.1-3] DUP=1 on a client's QoS 1 and QoS 2 PUBLISH is not copied to the subscribers' PUBLISH")
    void dupNotPropagated() {
        try (RawClient subscriber = connect(broker, "dup-sub");
             RawClient publisher = connect(broker, "dup-pub")) {
            subscribe(subscriber, "dup/#", QoS.EXACTLY_ONCE);
            publisher.send(publishPacket("dup/1", QoS.AT_LEAST_ONCE, false, true, 11, "one"));
            assertThat(publisher.receive(PubAck.class).packetId()).isEqualTo(11);
            Received one = receiveAndAck(subscriber);
            assertThat(one.payload()).isEqualTo("one");
            assertThat(one.dup()).isFalse();

            publisher.send(publishPacket("dup/2", QoS.EXACTLY_ONCE, false, true, 12, "two"));
            assertThat(publisher.receive(PubRec.class).packetId()).isEqualTo(12);
            publisher.send(new PubRel(12));
            assertThat(publisher.receive(PubComp.class).packetId()).isEqualTo(12);
            Received two = receiveAndAck(subscriber);
            assertThat(two.payload()).isEqualTo("two");
            assertThat(two.dup()).isFalse();
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.1-3] [MQTT-3.3.1-2] a DUP=1 QoS 1 message forwarded at QoS 0 goes out with DUP=0")
    void dupDroppedOnDowngrade() {
        try (RawClient subscriber = connect(broker, "dup0-sub");
             RawClient publisher = connect(broker, "dup0-pub")) {
            subscribe(subscriber, "dup/#", QoS.AT_MOST_ONCE);
            publisher.send(publishPacket("dup/0", QoS.AT_LEAST_ONCE, false, true, 13, "zero"));
            assertThat(publisher.receive(PubAck.class).packetId()).isEqualTo(13);
            Received zero = receiveAndAck(subscriber);
            assertThat(zero.qos()).isEqualTo(QoS.AT_MOST_ONCE);
            assertThat(zero.dup()).isFalse();
        }
    }
}
