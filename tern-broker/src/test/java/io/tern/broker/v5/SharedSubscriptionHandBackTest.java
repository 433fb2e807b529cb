package io.tern.broker.v5;

import static io.tern.broker.v5.SharedSubscriptionFlows.connectPersistentV5;
import static io.tern.broker.v5.SharedSubscriptionFlows.connectV5;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows;
import io.tern.broker.support.RawFlows.Received;
import io.tern.broker.support.Waits;
import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.PubRec;
import io.tern.codec.packet.Unsuback;
import io.tern.codec.packet.Unsubscribe;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What happens to the messages of a shared subscription member that leaves its group: QoS 1 and
 * queued messages go to another member, QoS 2 deliveries stay with the chosen client, and messages the
 * client refused are gone.
 */
class SharedSubscriptionHandBackTest {
    private static final String GROUP = "$share/g/work";

    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    @Test
    @DisplayName("a member whose session ends gives its unacknowledged QoS 1 and its queued messages to another member")
    void endedSessionHandsMessagesToAnotherMember() {
        try (RawClient leaving = connectV5(broker, "leaving", 1);
             RawClient staying = connectV5(broker, "staying")) {
            RawFlows.subscribe(leaving, GROUP, QoS.AT_LEAST_ONCE);
            publishWork(3); // the only member: m1 in flight, m2 and m3 queued behind its window
            assertThat(RawFlows.receivePublish(leaving).payload()).isEqualTo("m1");
            RawFlows.subscribe(staying, GROUP, QoS.AT_LEAST_ONCE);

            leaving.close(); // without PUBACK; clean start and no expiry: the session ends

            assertThat(RawFlows.receiveAndAck(staying, 3)).extracting(Received::payload)
                    .containsExactly("m1", "m2", "m3");
            RawFlows.assertNothingPendingBeforePing(staying);
        }
    }

    @Test
    @DisplayName("a member whose session expires while it is away gives its unacknowledged QoS 1 message to another "
            + "member")
    void expiredSessionHandsMessagesToAnotherMember() {
        try (RawClient staying = connectV5(broker, "staying")) {
            try (RawClient leaving = SharedSubscriptionFlows.connectV5(broker, "leaving", true,
                    MqttProperties.builder().set(PropertyId.SESSION_EXPIRY_INTERVAL, 1L).build())) {
                RawFlows.subscribe(leaving, GROUP, QoS.AT_LEAST_ONCE);
                publishWork(1);
                assertThat(RawFlows.receivePublish(leaving).payload()).isEqualTo("m1"); // no PUBACK
                RawFlows.subscribe(staying, GROUP, QoS.AT_LEAST_ONCE);
            } // the session waits a second for its client, then ends

            assertThat(RawFlows.receiveAndAck(staying).payload()).isEqualTo("m1");
        }
    }

    @Test
    @DisplayName("[MQTT-3.10.4-3] a member that unsubscribes completes what is in flight and gives its queued "
            + "messages to another member; UNSUBACK 0x00, then 0x11")
    void unsubscribedMemberHandsQueuedMessagesToAnotherMember() {
        try (RawClient leaving = connectV5(broker, "leaving", 1);
             RawClient staying = connectV5(broker, "staying")) {
            RawFlows.subscribe(leaving, GROUP, QoS.AT_LEAST_ONCE);
            publishWork(3);
            Received inFlight = RawFlows.receivePublish(leaving);
            assertThat(inFlight.payload()).isEqualTo("m1");
            RawFlows.subscribe(staying, GROUP, QoS.AT_LEAST_ONCE);

            assertThat(unsubscribe(leaving, 2)).containsExactly(ReasonCode.SUCCESS);
            assertThat(RawFlows.receiveAndAck(staying, 2)).extracting(Received::payload)
                    .containsExactly("m2", "m3");
            RawFlows.ack(leaving, inFlight);
            RawFlows.assertNothingPendingBeforePing(leaving);
            assertThat(unsubscribe(leaving, 3)).containsExactly(ReasonCode.NO_SUBSCRIPTION_EXISTED);

            SharedSubscriptionFlows.publish(broker, "work", "later");
            assertThat(RawFlows.receiveAndAck(staying).payload()).isEqualTo("later");
            RawFlows.assertNothingPendingBeforePing(leaving);
        }
    }

    @Test
    @DisplayName("[MQTT-4.8.2-4] a QoS 2 delivery cut off by the member's disconnect is completed to it on reconnect")
    void qos2DeliveryIsCompletedToTheSameClient() {
        int packetId;
        try (RawClient chosen = connectPersistentV5(broker, "chosen", true)) {
            RawFlows.subscribe(chosen, GROUP, QoS.EXACTLY_ONCE);
            RawFlows.publishFrom(broker, "work", QoS.EXACTLY_ONCE, false, "exactly once");
            packetId = RawFlows.receivePublish(chosen).packetId(); // no PUBREC: cut off
        }
        Waits.awaitDetached(broker.broker(), "chosen");
        try (RawClient other = connectV5(broker, "other")) {
            RawFlows.subscribe(other, GROUP, QoS.EXACTLY_ONCE);

            try (RawClient chosen = connectPersistentV5(broker, "chosen", false)) {
                Received again = RawFlows.receivePublish(chosen);
                assertThat(again.payload()).isEqualTo("exactly once");
                assertThat(again.packetId()).isEqualTo(packetId);
                assertThat(again.dup()).isTrue();
                RawFlows.ack(chosen, again);
            }
            RawFlows.assertNothingPendingBeforePing(other);
        }
    }

    @Test
    @DisplayName("[MQTT-4.8.2-5] a QoS 2 message in flight to a member whose session ends goes to no other member")
    void qos2MessageOfAnEndedSessionGoesToNoOtherMember() {
        try (RawClient staying = connectV5(broker, "staying")) {
            try (RawClient leaving = connectV5(broker, "leaving")) {
                RawFlows.subscribe(leaving, GROUP, QoS.EXACTLY_ONCE);
                RawFlows.publishFrom(broker, "work", QoS.EXACTLY_ONCE, false, "exactly once");
                RawFlows.receivePublish(leaving); // no PUBREC
                RawFlows.subscribe(staying, GROUP, QoS.EXACTLY_ONCE);
            } // clean start, no expiry: the session ends
            Waits.awaitSessionGone(broker.broker(), "leaving");

            SharedSubscriptionFlows.publish(broker, "work", "marker");
            assertThat(RawFlows.receiveAndAck(staying).payload()).isEqualTo("marker");
        }
    }

    @Test
    @DisplayName("[MQTT-4.8.2-6] a QoS 1 message the member refuses with PUBACK 0x80 is offered to no other member")
    void refusedByPubAck() {
        refusedMessageIsGone(QoS.AT_LEAST_ONCE);
    }

    @Test
    @DisplayName("[MQTT-4.8.2-6] [MQTT-4.3.3-4] a QoS 2 message the member refuses with PUBREC 0x80 gets no PUBREL "
            + "and is offered to no other member")
    void refusedByPubRec() {
        refusedMessageIsGone(QoS.EXACTLY_ONCE);
    }

    /**
     * The only member refuses a message, another joins, the first one's session ends: had the broker
     * kept the refused message, the other member would get it before the marker that follows.
     */
    private void refusedMessageIsGone(QoS qos) {
        try (RawClient staying = connectV5(broker, "staying")) {
            try (RawClient refusing = connectV5(broker, "refusing")) {
                RawFlows.subscribe(refusing, GROUP, qos);
                RawFlows.publishFrom(broker, "work", qos, false, "refused");
                int packetId = RawFlows.receivePublish(refusing).packetId();
                refusing.send(qos == QoS.AT_LEAST_ONCE
                        ? new PubAck(packetId, ReasonCode.UNSPECIFIED_ERROR, MqttProperties.EMPTY)
                        : new PubRec(packetId, ReasonCode.UNSPECIFIED_ERROR, MqttProperties.EMPTY));
                RawFlows.assertNothingPendingBeforePing(refusing); // for QoS 2: no PUBREL
                RawFlows.subscribe(staying, GROUP, qos);
            }
            Waits.awaitSessionGone(broker.broker(), "refusing");

            SharedSubscriptionFlows.publish(broker, "work", "marker");
            assertThat(RawFlows.receiveAndAck(staying).payload()).isEqualTo("marker");
        }
    }

    /** Publishes m1..m{count} to "work" at QoS 1 from one publisher, each routed before the next. */
    private void publishWork(int count) {
        try (RawClient publisher = RawFlows.connect(broker, "publisher")) {
            for (int i = 1; i <= count; i++) {
                RawFlows.publish(publisher, "work", QoS.AT_LEAST_ONCE, false, i, "m" + i);
            }
            RawFlows.disconnect(publisher);
        }
    }

    private static List<ReasonCode> unsubscribe(RawClient client, int packetId) {
        client.send(new Unsubscribe(packetId, List.of(GROUP), MqttProperties.EMPTY));
        Unsuback unsuback = client.receive(Unsuback.class);
        assertThat(unsuback.packetId()).isEqualTo(packetId);
        return unsuback.reasonCodes();
    }
}
