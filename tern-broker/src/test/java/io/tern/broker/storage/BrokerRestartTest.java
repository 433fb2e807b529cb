package io.tern.broker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.tern.broker.TernBroker;
import io.tern.broker.retained.MemoryRetainedStore;
import io.tern.broker.support.RawClient;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.QoS;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.PubComp;
import io.tern.codec.packet.PubRec;
import io.tern.codec.packet.PubRel;
import io.tern.codec.packet.Publish;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Subscription;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
            subscriber.send(new Subscribe(1, List.of(new Subscription("t/#", QoS.EXACTLY_ONCE)),
                    MqttProperties.EMPTY));
            assertThat(subscriber.receive(Suback.class).packetId()).isEqualTo(1);

            publish(publisher, "t/1", "in flight", QoS.AT_LEAST_ONCE, 10);
            publisher.receive(PubAck.class);
            Publish inFlight = subscriber.receive(Publish.class); // never acknowledged
            assertThat(payload(inFlight)).isEqualTo("in flight");
            inFlight.release();
            subscriber.close();
            awaitDetached(first, "subscriber");

            publish(publisher, "t/2", "queued 1", QoS.AT_LEAST_ONCE, 11);
            publisher.receive(PubAck.class);
            publish(publisher, "t/3", "queued 2", QoS.EXACTLY_ONCE, 12); // PUBREL not sent before the restart
            assertThat(publisher.receive(PubRec.class).packetId()).isEqualTo(12);
            Publish retainedMessage = new Publish("r", QoS.AT_LEAST_ONCE, true, false, 13, MqttProperties.EMPTY,
                    Unpooled.copiedBuffer("kept", StandardCharsets.UTF_8));
            publisher.send(retainedMessage);
            retainedMessage.release();
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
            Publish again = new Publish("t/3", QoS.EXACTLY_ONCE, false, true, 12, MqttProperties.EMPTY,
                    Unpooled.copiedBuffer("queued 2", StandardCharsets.UTF_8));
            publisher.send(again);
            again.release();
            assertThat(publisher.receive(PubRec.class).packetId()).isEqualTo(12);
            publisher.send(new PubRel(12));
            assertThat(publisher.receive(PubComp.class).packetId()).isEqualTo(12);
            publish(publisher, "t/marker", "marker", QoS.AT_LEAST_ONCE, 14);
            publisher.receive(PubAck.class);
            Publish next = subscriber.receive(Publish.class);
            assertThat(payload(next)).isEqualTo("marker");
            next.release();

            try (RawClient newcomer = connect(second.port(), "newcomer", false)) {
                newcomer.send(new Subscribe(1, List.of(new Subscription("r", QoS.AT_LEAST_ONCE)),
                        MqttProperties.EMPTY));
                newcomer.receive(Suback.class);
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
            client.send(new Subscribe(1, List.of(new Subscription("t", QoS.AT_LEAST_ONCE)), MqttProperties.EMPTY));
            client.receive(Suback.class);
        } finally {
            first.close();
        }
        assertThat(sessions.load()).isEmpty();
    }

    private static RawClient connect(int port, String clientId, boolean expectPresent) {
        RawClient client = new RawClient(port);
        boolean clean = clientId.equals("transient") || clientId.equals("newcomer");
        client.send(new Connect(MqttVersion.V3_1_1, clientId, clean, 60, null, null, null, MqttProperties.EMPTY));
        Connack connack = client.receive(Connack.class);
        assertThat(connack.sessionPresent()).as("session present for %s", clientId).isEqualTo(expectPresent);
        return client;
    }

    private static void publish(RawClient client, String topic, String payload, QoS qos, int packetId) {
        Publish publish = new Publish(topic, qos, false, false, packetId, MqttProperties.EMPTY,
                Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8));
        client.send(publish);
        publish.release();
    }

    private static void awaitDetached(TernBroker broker, String clientId) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            var session = broker.sessions().get(clientId);
            var detached = new java.util.concurrent.CompletableFuture<Boolean>();
            session.execute(() -> detached.complete(session.isAttachedTo(null)));
            return detached.get(5, java.util.concurrent.TimeUnit.SECONDS);
        });
    }

    private static String payload(Publish publish) {
        return publish.payload().toString(StandardCharsets.UTF_8);
    }
}
