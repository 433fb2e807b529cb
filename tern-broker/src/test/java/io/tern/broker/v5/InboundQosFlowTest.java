package io.tern.broker.v5;

import static io.tern.broker.support.RawFlows.assertNothingPendingBeforePing;
import static io.tern.broker.support.V5Flows.connect;
import static io.tern.broker.support.V5Flows.denying;
import static io.tern.broker.support.V5Flows.props;
import static io.tern.broker.support.V5Flows.publishPacket;
import static io.tern.broker.support.V5Flows.receiveAndAck;
import static io.tern.broker.support.V5Flows.send;
import static io.tern.broker.support.V5Flows.subscribe;
import static io.tern.broker.support.Waits.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.PubComp;
import io.tern.codec.packet.PubRec;
import io.tern.codec.packet.PubRel;
import io.tern.codec.packet.Publish;
import java.nio.charset.StandardCharsets;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The broker as the receiver of the QoS 1 and QoS 2 flows of an MQTT 5 publisher: what it answers,
 * and when a packet identifier it has seen before starts a new message (routed again to the
 * subscriber) rather than a resend. Publishing to {@code denied/...} is not authorized.
 */
class InboundQosFlowTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker(builder -> builder.authorizer(denying("denied/")));

    private RawClient subscriber() {
        RawClient client = connect(broker, "subscriber");
        subscribe(client, "flow/#", QoS.AT_LEAST_ONCE, 0);
        return client;
    }

    /** Sends a PUBLISH with {@code dup} as given. */
    private static void sendPublish(RawClient client, String topic, QoS qos, boolean dup, int packetId,
                                    MqttProperties properties, String payload) {
        send(client, new Publish(topic, qos, false, dup, packetId, properties,
                Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8)));
    }

    /** The broker's PUBREC for {@code packetId}, which must come next, with its reason code. */
    private static ReasonCode pubRec(RawClient client, int packetId) {
        PubRec pubRec = client.receive(PubRec.class);
        assertThat(pubRec.packetId()).isEqualTo(packetId);
        return pubRec.reasonCode();
    }

    /** Releases {@code packetId}; the broker's PUBCOMP, which must come next, must complete the flow. */
    private static void release(RawClient client, int packetId) {
        client.send(new PubRel(packetId));
        PubComp pubComp = client.receive(PubComp.class);
        assertThat(pubComp.packetId()).isEqualTo(packetId);
        assertThat(pubComp.reasonCode()).as("PUBCOMP of a flow the broker knows").isEqualTo(ReasonCode.SUCCESS);
    }

    @Test
    @DisplayName("[MQTT-4.3.2-4] each PUBACK carries the packet identifier of its PUBLISH, for pipelined PUBLISH "
            + "packets with identifiers 11, 300 and 65535")
    void pubackCarriesThePacketIdentifier() {
        try (RawClient subscriber = subscriber(); RawClient publisher = connect(broker, "publisher")) {
            int[] ids = {11, 300, 65535};
            for (int id : ids) {
                send(publisher, publishPacket("flow/a", QoS.AT_LEAST_ONCE, false, id, MqttProperties.EMPTY,
                        "m" + id));
            }
            for (int id : ids) {
                PubAck pubAck = publisher.receive(PubAck.class);
                assertThat(pubAck.packetId()).isEqualTo(id);
                assertThat(pubAck.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            }
            for (int id : ids) {
                assertThat(receiveAndAck(subscriber).payload()).isEqualTo("m" + id);
            }
        }
    }

    @Test
    @DisplayName("[MQTT-4.3.2-5] after its PUBACK a QoS 1 PUBLISH with the same packet identifier, even with DUP "
            + "set, is a new message: routed again")
    void sameIdentifierAfterPubackIsNewMessage() {
        try (RawClient subscriber = subscriber(); RawClient publisher = connect(broker, "publisher")) {
            sendPublish(publisher, "flow/a", QoS.AT_LEAST_ONCE, false, 5, MqttProperties.EMPTY, "first");
            assertThat(publisher.receive(PubAck.class).packetId()).isEqualTo(5);
            sendPublish(publisher, "flow/a", QoS.AT_LEAST_ONCE, true, 5, MqttProperties.EMPTY, "second");
            assertThat(publisher.receive(PubAck.class).packetId()).isEqualTo(5);

            assertThat(receiveAndAck(subscriber).payload()).isEqualTo("first");
            assertThat(receiveAndAck(subscriber).payload()).isEqualTo("second");
            assertNothingPendingBeforePing(subscriber);
        }
    }

    @Test
    @DisplayName("[MQTT-4.3.3-9] after the broker's PUBREC 0x87 a QoS 2 PUBLISH with that packet identifier is a "
            + "new message: routed, answered with a successful PUBREC, completed by PUBCOMP")
    void sameIdentifierAfterRefusingPubrecIsNewMessage() {
        try (RawClient subscriber = subscriber(); RawClient publisher = connect(broker, "publisher")) {
            sendPublish(publisher, "denied/a", QoS.EXACTLY_ONCE, false, 9, MqttProperties.EMPTY, "refused");
            assertThat(pubRec(publisher, 9)).isEqualTo(ReasonCode.NOT_AUTHORIZED);

            sendPublish(publisher, "flow/a", QoS.EXACTLY_ONCE, false, 9, MqttProperties.EMPTY, "accepted");
            assertThat(pubRec(publisher, 9)).isEqualTo(ReasonCode.SUCCESS);
            release(publisher, 9);

            assertThat(receiveAndAck(subscriber).payload()).isEqualTo("accepted");
            assertNothingPendingBeforePing(subscriber);
        }
    }

    @Test
    @DisplayName("[MQTT-4.3.3-12] after the broker's PUBCOMP a QoS 2 PUBLISH with that packet identifier is a new "
            + "message: routed again")
    void sameIdentifierAfterPubcompIsNewMessage() {
        try (RawClient subscriber = subscriber(); RawClient publisher = connect(broker, "publisher")) {
            for (String payload : new String[] {"first", "second"}) {
                sendPublish(publisher, "flow/a", QoS.EXACTLY_ONCE, false, 3, MqttProperties.EMPTY, payload);
                assertThat(pubRec(publisher, 3)).isEqualTo(ReasonCode.SUCCESS);
                release(publisher, 3);
            }
            assertThat(receiveAndAck(subscriber).payload()).isEqualTo("first");
            assertThat(receiveAndAck(subscriber).payload()).isEqualTo("second");
            assertNothingPendingBeforePing(subscriber);
        }
    }

    @Test
    @DisplayName("[MQTT-4.3.3-13] the broker completes PUBREC/PUBREL/PUBCOMP for a QoS 2 message whose expiry "
            + "passed before the PUBREL")
    void completesFlowOfExpiredMessage() {
        try (RawClient publisher = connect(broker, "publisher")) {
            sendPublish(publisher, "flow/a", QoS.EXACTLY_ONCE, false, 4,
                    props().set(PropertyId.MESSAGE_EXPIRY_INTERVAL, 1).build(), "short-lived");
            assertThat(pubRec(publisher, 4).isError()).isFalse();
            long received = System.currentTimeMillis();
            Awaitility.await().atMost(TIMEOUT).until(() -> System.currentTimeMillis() > received + 1100);

            release(publisher, 4);
        }
    }
}
