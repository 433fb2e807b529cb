package io.tern.broker.v5;

import static io.tern.broker.support.RawFlows.assertNothingPendingBeforePing;
import static io.tern.broker.support.V5Flows.client;
import static io.tern.broker.support.V5Flows.connack;
import static io.tern.broker.support.V5Flows.connect;
import static io.tern.broker.support.V5Flows.connectPacket;
import static io.tern.broker.support.V5Flows.expectDisconnect;
import static io.tern.broker.support.V5Flows.publishPacket;
import static io.tern.broker.support.V5Flows.receiveAndAck;
import static io.tern.broker.support.V5Flows.send;
import static io.tern.broker.support.V5Flows.subscribe;
import static io.tern.broker.support.Waits.awaitDetached;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.BrokerConfig;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.PubComp;
import io.tern.codec.packet.PubRec;
import io.tern.codec.packet.PubRel;
import io.tern.codec.packet.Publish;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The broker's own Receive Maximum: QoS 2 messages a client may have sent and not yet released. */
class InboundReceiveMaximumTest {
    @RegisterExtension
    final EmbeddedBroker broker = EmbeddedBroker.withConfig(BrokerConfig.builder().receiveMaximum(2).build());

    private static Publish qos2(int packetId, boolean dup) {
        Publish publish = publishPacket("rm/t", QoS.EXACTLY_ONCE, false, packetId, MqttProperties.EMPTY,
                "m" + packetId);
        return dup ? new Publish(publish.topic(), publish.qos(), false, true, packetId, publish.properties(),
                publish.payload()) : publish;
    }

    private static void sendQos2(RawClient client, int packetId) {
        send(client, qos2(packetId, false));
    }

    private static void expectPubRec(RawClient client, int packetId) {
        PubRec pubRec = client.receive(PubRec.class);
        assertThat(pubRec.packetId()).isEqualTo(packetId);
        assertThat(pubRec.reasonCode().isError()).isFalse();
    }

    @Test
    @DisplayName("[MQTT-3.3.4-7] with Receive Maximum 2, a third QoS 2 PUBLISH before any PUBREL: DISCONNECT 0x93")
    void thirdUnreleasedQos2Disconnected() {
        try (RawClient client = client(broker)) {
            Connack connack = connack(client, connectPacket("eager", true, MqttProperties.EMPTY));
            assertThat(connack.properties().intValue(PropertyId.RECEIVE_MAXIMUM, -1)).isEqualTo(2);
            sendQos2(client, 1);
            expectPubRec(client, 1);
            sendQos2(client, 2);
            expectPubRec(client, 2);
            sendQos2(client, 3);
            expectDisconnect(client, ReasonCode.RECEIVE_MAXIMUM_EXCEEDED);
        }
    }

    @Test
    @DisplayName("[MQTT-2.2.1-5] [MQTT-4.3.3-8] [MQTT-4.3.3-11] a PUBREL frees a place: PUBREC and PUBCOMP carry the "
            + "PUBLISH's packet identifier, and the next QoS 2 PUBLISH is accepted")
    void releaseRegainsQuota() {
        try (RawClient client = connect(broker, "steady")) {
            sendQos2(client, 11);
            expectPubRec(client, 11);
            sendQos2(client, 12);
            expectPubRec(client, 12);
            client.send(new PubRel(11));
            assertThat(client.receive(PubComp.class).packetId()).isEqualTo(11);
            sendQos2(client, 13);
            expectPubRec(client, 13);
        }
    }

    @Test
    @DisplayName("[MQTT-4.3.3-10] after a resume, PUBLISH sent again (DUP) for messages awaiting PUBREL is answered "
            + "with PUBREC, neither counted against Receive Maximum nor delivered twice")
    void resentPublishIsNotANewMessage() {
        try (RawClient subscriber = connect(broker, "sub")) {
            subscribe(subscriber, "rm/t", QoS.AT_LEAST_ONCE, 0);
            RawClient publisher = connect(broker, connectPacket("flaky", true, 60, null));
            sendQos2(publisher, 1);
            sendQos2(publisher, 2);
            publisher.close(); // before reading the PUBRECs: the client resends both
            awaitDetached(broker.broker(), "flaky");
            assertThat(receiveAndAck(subscriber).payload()).isEqualTo("m1");
            assertThat(receiveAndAck(subscriber).payload()).isEqualTo("m2");
            try (RawClient again = client(broker)) {
                assertThat(connack(again, connectPacket("flaky", false, 60, null)).sessionPresent()).isTrue();
                send(again, qos2(1, true));
                expectPubRec(again, 1);
                send(again, qos2(2, true));
                expectPubRec(again, 2);
                again.send(new PubRel(1));
                assertThat(again.receive(PubComp.class).packetId()).isEqualTo(1);
                again.send(new PubRel(2));
                assertThat(again.receive(PubComp.class).packetId()).isEqualTo(2);
            }
            assertNothingPendingBeforePing(subscriber);
        }
    }
}
