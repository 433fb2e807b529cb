package io.tern.broker.v5;

import static io.tern.broker.support.RawFlows.assertNothingPendingBeforePing;
import static io.tern.broker.support.V5Flows.connect;
import static io.tern.broker.support.V5Flows.connectPacket;
import static io.tern.broker.support.V5Flows.props;
import static io.tern.broker.support.V5Flows.publish;
import static io.tern.broker.support.V5Flows.receivePublish;
import static io.tern.broker.support.V5Flows.reconnect;
import static io.tern.broker.support.V5Flows.subscribe;
import static io.tern.broker.support.Waits.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.V5Flows.Received5;
import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.PubComp;
import io.tern.codec.packet.PubRec;
import io.tern.codec.packet.PubRel;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The broker as the sender of the QoS 1 and QoS 2 flows to an MQTT 5 subscriber: what stays
 * unacknowledged (and is resent when a persistent session resumes), what ends a flow, and how the
 * acknowledgements free the subscriber's send quota. "Nothing more" is a PINGREQ answered next.
 */
class OutboundQosFlowTest {
    private static final String SUBSCRIBER = "subscriber";
    private static final long EXPIRY = 60;

    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    /** A subscriber with a session that outlives its connection, subscribed to {@code flow} at {@code qos}. */
    private RawClient subscriber(QoS qos, MqttProperties extra) {
        MqttProperties properties = extra.toBuilder().set(PropertyId.SESSION_EXPIRY_INTERVAL, EXPIRY).build();
        RawClient client = connect(broker, connectPacket(SUBSCRIBER, true, properties));
        subscribe(client, "flow", qos, 0);
        return client;
    }

    private RawClient reconnectSubscriber(RawClient connection) {
        return reconnect(broker, connection, SUBSCRIBER, EXPIRY);
    }

    /** The next packet is the PUBLISH {@code first} sent again: DUP set, same packet identifier and payload. */
    private static void expectResent(RawClient client, Received5 first) {
        Received5 again = receivePublish(client);
        assertThat(again.dup()).as("DUP on the resent PUBLISH").isTrue();
        assertThat(again.packetId()).isEqualTo(first.packetId());
        assertThat(again.qos()).isEqualTo(first.qos());
        assertThat(again.payload()).isEqualTo(first.payload());
    }

    private static void expectPubRel(RawClient client, int packetId) {
        PubRel pubRel = client.receive(PubRel.class);
        assertThat(pubRel.packetId()).isEqualTo(packetId);
        assertThat(pubRel.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
    }

    @Test
    @DisplayName("[MQTT-4.3.2-3] the broker's QoS 1 PUBLISH stays unacknowledged, resent with DUP on each resume, "
            + "until the subscriber's PUBACK")
    void qos1UnacknowledgedUntilPuback() {
        RawClient client = subscriber(QoS.AT_LEAST_ONCE, MqttProperties.EMPTY);
        try (RawClient publisher = connect(broker, "publisher")) {
            publish(publisher, "flow", QoS.AT_LEAST_ONCE, "once");
            Received5 first = receivePublish(client);
            assertThat(first.dup()).isFalse();

            client = reconnectSubscriber(client);
            expectResent(client, first);
            client = reconnectSubscriber(client);
            expectResent(client, first);
            client.send(new PubAck(first.packetId()));

            client = reconnectSubscriber(client);
            assertNothingPendingBeforePing(client);
        } finally {
            client.close();
        }
    }

    @Test
    @DisplayName("[MQTT-4.4.0-2] a PUBACK with reason code 0x80 acknowledges the QoS 1 message: it is not resent "
            + "on resume, while an unacknowledged one is")
    void refusingPubackAcknowledges() {
        RawClient client = subscriber(QoS.AT_LEAST_ONCE, MqttProperties.EMPTY);
        try (RawClient publisher = connect(broker, "publisher")) {
            publish(publisher, "flow", QoS.AT_LEAST_ONCE, "refused");
            publish(publisher, "flow", QoS.AT_LEAST_ONCE, "unacknowledged");
            Received5 refused = receivePublish(client);
            Received5 unacknowledged = receivePublish(client);
            client.send(new PubAck(refused.packetId(), ReasonCode.UNSPECIFIED_ERROR, MqttProperties.EMPTY));

            client = reconnectSubscriber(client);
            expectResent(client, unacknowledged);
            assertNothingPendingBeforePing(client);
        } finally {
            client.close();
        }
    }

    @Test
    @DisplayName("[MQTT-4.3.3-3] [MQTT-4.3.3-4] the broker's QoS 2 PUBLISH stays unacknowledged, resent with DUP on "
            + "resume, until the subscriber's PUBREC, which is answered with PUBREL of the same packet identifier")
    void qos2UnacknowledgedUntilPubrec() {
        RawClient client = subscriber(QoS.EXACTLY_ONCE, MqttProperties.EMPTY);
        try (RawClient publisher = connect(broker, "publisher")) {
            publish(publisher, "flow", QoS.EXACTLY_ONCE, "twice");
            Received5 first = receivePublish(client);
            assertThat(first.qos()).isEqualTo(QoS.EXACTLY_ONCE);

            client = reconnectSubscriber(client);
            expectResent(client, first);
            client.send(new PubRec(first.packetId()));
            expectPubRel(client, first.packetId());
            client.send(new PubComp(first.packetId()));
            assertNothingPendingBeforePing(client);
        } finally {
            client.close();
        }
    }

    @Test
    @DisplayName("[MQTT-4.3.3-4] [MQTT-4.4.0-2] a PUBREC below 0x80 (0x10) is answered with PUBREL of the same "
            + "packet identifier; a PUBREC 0x80 ends the flow: no PUBREL, and the message is not resent on resume")
    void pubrecReasonCodeDecidesPubrel() {
        RawClient client = subscriber(QoS.EXACTLY_ONCE, MqttProperties.EMPTY);
        try (RawClient publisher = connect(broker, "publisher")) {
            publish(publisher, "flow", QoS.EXACTLY_ONCE, "accepted");
            publish(publisher, "flow", QoS.EXACTLY_ONCE, "refused");
            Received5 accepted = receivePublish(client);
            Received5 refused = receivePublish(client);

            client.send(new PubRec(accepted.packetId(), ReasonCode.NO_MATCHING_SUBSCRIBERS, MqttProperties.EMPTY));
            expectPubRel(client, accepted.packetId());
            client.send(new PubComp(accepted.packetId()));
            client.send(new PubRec(refused.packetId(), ReasonCode.UNSPECIFIED_ERROR, MqttProperties.EMPTY));
            assertNothingPendingBeforePing(client);

            client = reconnectSubscriber(client);
            assertNothingPendingBeforePing(client);
        } finally {
            client.close();
        }
    }

    @Test
    @DisplayName("[MQTT-4.3.3-5] [MQTT-4.3.3-6] the broker's PUBREL stays unacknowledged, resent on each resume "
            + "until PUBCOMP, and once it is sent the PUBLISH never is again")
    void pubrelUnacknowledgedUntilPubcomp() {
        RawClient client = subscriber(QoS.EXACTLY_ONCE, MqttProperties.EMPTY);
        try (RawClient publisher = connect(broker, "publisher")) {
            publish(publisher, "flow", QoS.EXACTLY_ONCE, "released");
            Received5 first = receivePublish(client);
            client.send(new PubRec(first.packetId()));
            expectPubRel(client, first.packetId());

            client = reconnectSubscriber(client);
            expectPubRel(client, first.packetId());
            assertNothingPendingBeforePing(client); // the PUBREL, and no PUBLISH
            client = reconnectSubscriber(client);
            expectPubRel(client, first.packetId());
            assertNothingPendingBeforePing(client);
            client.send(new PubComp(first.packetId()));

            client = reconnectSubscriber(client);
            assertNothingPendingBeforePing(client);
        } finally {
            client.close();
        }
    }

    @Test
    @DisplayName("[MQTT-4.3.3-7] a QoS 2 message already sent is resent on resume after its message expiry has "
            + "passed, while one of the same expiry still queued is dropped")
    void sentQos2MessageOutlivesItsExpiry() {
        // Receive Maximum 1: the first message is sent, the second waits in the queue
        RawClient client = subscriber(QoS.EXACTLY_ONCE, props().set(PropertyId.RECEIVE_MAXIMUM, 1).build());
        try (RawClient publisher = connect(broker, "publisher")) {
            MqttProperties oneSecond = props().set(PropertyId.MESSAGE_EXPIRY_INTERVAL, 1).build();
            publish(publisher, "flow", QoS.EXACTLY_ONCE, false, oneSecond, "sent");
            publish(publisher, "flow", QoS.EXACTLY_ONCE, false, oneSecond, "queued");
            long published = System.currentTimeMillis(); // after the broker stamped both expiries
            Received5 sent = receivePublish(client);
            assertThat(sent.payload()).isEqualTo("sent");
            assertNothingPendingBeforePing(client); // "queued" waits for the quota
            Awaitility.await().atMost(TIMEOUT).until(() -> System.currentTimeMillis() > published + 1100);

            client = reconnectSubscriber(client);
            expectResent(client, sent);
            client.send(new PubRec(sent.packetId()));
            expectPubRel(client, sent.packetId());
            client.send(new PubComp(sent.packetId()));
            assertNothingPendingBeforePing(client); // "queued" expired unsent
        } finally {
            client.close();
        }
    }

    @Test
    @DisplayName("[MQTT-4.9.0-2] with Receive Maximum 2 a third QoS>0 message waits while QoS 0 still flows; a "
            + "PUBREC 0x80 frees a place, a successful PUBREC does not, its PUBCOMP does")
    void sendQuota() {
        RawClient client = subscriber(QoS.EXACTLY_ONCE, props().set(PropertyId.RECEIVE_MAXIMUM, 2).build());
        try (RawClient publisher = connect(broker, "publisher")) {
            publish(publisher, "flow", QoS.EXACTLY_ONCE, "m1");
            publish(publisher, "flow", QoS.EXACTLY_ONCE, "m2");
            publish(publisher, "flow", QoS.AT_MOST_ONCE, "q0");
            publish(publisher, "flow", QoS.AT_LEAST_ONCE, "m3");
            publish(publisher, "flow", QoS.AT_LEAST_ONCE, "m4");
            Received5 m1 = receivePublish(client);
            Received5 m2 = receivePublish(client);
            assertThat(m1.payload()).isEqualTo("m1");
            assertThat(m2.payload()).isEqualTo("m2");
            Received5 q0 = receivePublish(client);
            assertThat(q0.payload()).isEqualTo("q0");
            assertThat(q0.qos()).isEqualTo(QoS.AT_MOST_ONCE);
            assertNothingPendingBeforePing(client); // quota 0: m3 waits

            client.send(new PubRec(m1.packetId(), ReasonCode.UNSPECIFIED_ERROR, MqttProperties.EMPTY));
            Received5 m3 = receivePublish(client);
            assertThat(m3.payload()).isEqualTo("m3");
            assertNothingPendingBeforePing(client); // m2 and m3 in flight: m4 waits

            client.send(new PubRec(m2.packetId()));
            expectPubRel(client, m2.packetId());
            assertNothingPendingBeforePing(client); // PUBREC < 0x80 frees nothing yet
            client.send(new PubComp(m2.packetId()));
            Received5 m4 = receivePublish(client);
            assertThat(m4.payload()).isEqualTo("m4");
            client.send(new PubAck(m3.packetId()));
            client.send(new PubAck(m4.packetId()));
            assertNothingPendingBeforePing(client);
        } finally {
            client.close();
        }
    }
}
