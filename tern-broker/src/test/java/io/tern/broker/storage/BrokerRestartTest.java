package io.tern.broker.storage;

import static io.tern.broker.support.Packets.connectPacket;
import static io.tern.broker.support.Packets.publishPacket;
import static io.tern.broker.support.RawFlows.connack;
import static io.tern.broker.support.RawFlows.subscribe;
import static io.tern.broker.support.Waits.awaitDetached;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.TernBroker;
import io.tern.broker.retained.MemoryRetainedStore;
import io.tern.broker.support.RawClient;
import io.tern.codec.QoS;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.PubComp;
import io.tern.codec.packet.PubRec;
import io.tern.codec.packet.PubRel;
import io.tern.codec.packet.Publish;
import io.tern.codec.packet.Subscription;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A broker started again on the stores of a stopped one resumes its persistent sessions: their
 * subscriptions, in-flight and queued messages, and the QoS 2 packet identifiers awaiting PUBREL;
 * and keeps the retained messages.
 */
class BrokerRestartTest {
    private final MemoryRetainedStore retained = new MemoryRetainedStore();
    private final MemorySessionStore sessions = new MemorySessionStore();

    @AfterEach
    void releaseStores() {
        retained.close();
        sessions.close();
    }

    private TernBroker startBroker() {
        TernBroker broker = TernBroker.builder().listen("127.0.0.1", 0).stores(retained, sessions).build();
        broker.start();
        return broker;
    }

    @Test
    @DisplayName("[MQTT-4.1.0-1] [MQTT-4.4.0-1] [MQTT-4.3.3-2] sessions, messages, QoS 2 state and retained "
            + "messages survive a broker restart on the same stores")
    void persistentStateSurvivesRestart() {
        TernBroker first = startBroker();
        try (RawClient subscriber = connect(first.port(), "subscriber", false);
             RawClient publisher = connect(first.port(), "publisher", false)) {
            assertThat(subscribe(subscriber, 1, new Subscription("t/#", QoS.EXACTLY_ONCE)).packetId()).isEqualTo(1);

            publisher.send(publishPacket("t/1", QoS.AT_LEAST_ONCE, false, false, 10, "in flight"));
            publisher.receive(PubAck.class);
            Publish inFlight = subscriber.receive(Publish.class); // never acknowledged
            assertThat(payload(inFlight)).isEqualTo("in flight");
            inFlight.release();
            subscriber.close();
            awaitDetached(first, "subscriber");

            publisher.send(publishPacket("t/2", QoS.AT_LEAST_ONCE, false, false, 11, "queued 1"));
            publisher.receive(PubAck.class);
            // PUBREL not sent before the restart
            publisher.send(publishPacket("t/3", QoS.EXACTLY_ONCE, false, false, 12, "queued 2"));
            assertThat(publisher.receive(PubRec.class).packetId()).isEqualTo(12);
            publisher.send(publishPacket("r", QoS.AT_LEAST_ONCE, true, false, 13, "kept"));
            publisher.receive(PubAck.class);
        } finally {
            first.close();
        }

        TernBroker second = startBroker();
        try (RawClient subscriber = connect(second.port(), "subscriber", true);
             RawClient publisher = connect(second.port(), "publisher", true)) {
            Publish resent = subscriber.receive(Publish.class);
            assertThat(payload(resent)).isEqualTo("in flight");
            assertThat(resent.dup()).isTrue();
            subscriber.send(new PubAck(resent.packetId()));
            resent.release();
            Publish queued1 = subscriber.receive(Publish.class);
            assertThat(payload(queued1)).isEqualTo("queued 1");
            subscriber.send(new PubAck(queued1.packetId()));
            queued1.release();
            Publish queued2 = subscriber.receive(Publish.class);
            assertThat(payload(queued2)).isEqualTo("queued 2");
            assertThat(queued2.qos()).isEqualTo(QoS.EXACTLY_ONCE);
            subscriber.send(new PubRec(queued2.packetId()));
            assertThat(subscriber.receive(PubRel.class).packetId()).isEqualTo(queued2.packetId());
            subscriber.send(new PubComp(queued2.packetId()));
            queued2.release();

            // the publisher resends its QoS 2 PUBLISH: the broker still holds its packet id, so it is
            // acknowledged again but not delivered a second time
            publisher.send(publishPacket("t/3", QoS.EXACTLY_ONCE, false, true, 12, "queued 2"));
            assertThat(publisher.receive(PubRec.class).packetId()).isEqualTo(12);
            publisher.send(new PubRel(12));
            assertThat(publisher.receive(PubComp.class).packetId()).isEqualTo(12);
            publisher.send(publishPacket("t/marker", QoS.AT_LEAST_ONCE, false, false, 14, "marker"));
            publisher.receive(PubAck.class);
            Publish next = subscriber.receive(Publish.class);
            assertThat(payload(next)).isEqualTo("marker");
            next.release();

            try (RawClient newcomer = connect(second.port(), "newcomer", false)) {
                subscribe(newcomer, 1, new Subscription("r", QoS.AT_LEAST_ONCE));
                Publish kept = newcomer.receive(Publish.class);
                assertThat(payload(kept)).isEqualTo("kept");
                assertThat(kept.retained()).isTrue();
                kept.release();
            }
        } finally {
            second.close();
        }
    }

    @Test
    @DisplayName("[MQTT-4.1.0-2] a session that ended with its connection is not restored")
    void cleanSessionsAreNotStored() {
        TernBroker first = startBroker();
        try (RawClient client = connect(first.port(), "transient", false)) {
            subscribe(client, 1, new Subscription("t", QoS.AT_LEAST_ONCE));
        } finally {
            first.close();
        }
        assertThat(sessions.load()).isEmpty();
    }

    /**
     * A raw client of the broker on {@code port}, connected with keep alive 60; clean session only for
     * "transient" and "newcomer". The CONNACK's session present flag must be {@code expectPresent}.
     */
    private static RawClient connect(int port, String clientId, boolean expectPresent) {
        RawClient client = new RawClient(port);
        boolean clean = clientId.equals("transient") || clientId.equals("newcomer");
        Connack connack = connack(client, connectPacket(clientId, clean, 60));
        assertThat(connack.sessionPresent()).as("session present for %s", clientId).isEqualTo(expectPresent);
        return client;
    }

    private static String payload(Publish publish) {
        return publish.payload().toString(StandardCharsets.UTF_8);
    }
}
