package io.tern.broker.support;

import static io.tern.broker.support.Packets.connectPacket;
import static io.tern.broker.support.Packets.publishPacket;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.codec.MqttProperties;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.Disconnect;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.PingReq;
import io.tern.codec.packet.PingResp;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.PubComp;
import io.tern.codec.packet.PubRec;
import io.tern.codec.packet.PubRel;
import io.tern.codec.packet.Publish;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Subscription;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * MQTT 3.1.1 flows of a {@link RawClient} that read like the specification: connect, subscribe,
 * publish and receive with the acknowledgements their QoS requires. The {@code connect} methods
 * require the broker to accept; the {@code connack} ones return whatever it answers.
 */
public final class RawFlows {
    private RawFlows() {
    }

    /** What a PUBLISH received by a raw client carried, copied out of the packet (which is released). */
    public record Received(String topic, QoS qos, boolean retain, boolean dup, int packetId, String payload) {
    }

    // ---- connection ----

    /** A raw client connected with MQTT 3.1.1, keep alive off; the CONNACK must accept it. */
    public static RawClient connect(EmbeddedBroker broker, String clientId, boolean cleanSession) {
        return connect(broker, connectPacket(clientId, cleanSession, 0));
    }

    /** A raw client connected with MQTT 3.1.1, clean session 1, keep alive off; the CONNACK must accept it. */
    public static RawClient connect(EmbeddedBroker broker, String clientId) {
        return connect(broker, clientId, true);
    }

    /** A raw client that sent {@code connect}; the CONNACK must accept it, or the client is closed. */
    public static RawClient connect(EmbeddedBroker broker, Connect connect) {
        RawClient client = broker.rawClient();
        try {
            Connack connack = connack(client, connect);
            assertThat(connack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            return client;
        } catch (RuntimeException | AssertionError e) {
            client.close();
            throw e;
        }
    }

    /** Sends CONNECT (MQTT 3.1.1, keep alive 0) and returns the CONNACK, whatever it says. */
    public static Connack connack(RawClient client, String clientId, boolean cleanSession) {
        return connack(client, connectPacket(clientId, cleanSession, 0));
    }

    /** Sends {@code connect} and returns the CONNACK, whatever it says. */
    public static Connack connack(RawClient client, Connect connect) {
        client.send(connect);
        return client.receive(Connack.class);
    }

    /** Sends DISCONNECT and waits until the broker has closed the connection. */
    public static void disconnect(RawClient client) {
        client.send(Disconnect.NORMAL);
        assertThat(client.awaitClose()).as("the broker closes the connection after DISCONNECT").isTrue();
    }

    // ---- subscriptions ----

    /** Subscribes to filters (with their QoS) and returns the SUBACK, which must come next. */
    public static Suback subscribe(RawClient client, int packetId, Subscription... subscriptions) {
        client.send(new Subscribe(packetId, List.of(subscriptions), MqttProperties.EMPTY));
        return client.receive(Suback.class);
    }

    /** Subscribes to one filter with packet identifier 1 and checks that it is granted {@code qos}. */
    public static void subscribe(RawClient client, String filter, QoS qos) {
        Suback suback = subscribe(client, 1, new Subscription(filter, qos));
        assertThat(suback.reasonCodes()).containsExactly(ReasonCode.granted(qos));
    }

    // ---- publishing ----

    /**
     * Publishes a message that is not retained, with packet identifier 1 for QoS 1 and 2, as
     * {@link #publish(RawClient, String, QoS, boolean, int, String)}.
     */
    public static void publish(RawClient client, String topic, QoS qos, String payload) {
        publish(client, topic, qos, false, payload);
    }

    /**
     * Publishes a message, retained or not, with packet identifier 1 for QoS 1 and 2, as
     * {@link #publish(RawClient, String, QoS, boolean, int, String)}.
     */
    public static void publish(RawClient client, String topic, QoS qos, boolean retain, String payload) {
        publish(client, topic, qos, retain, qos == QoS.AT_MOST_ONCE ? 0 : 1, payload);
    }

    /**
     * Publishes and completes the sender's side of the flow, so that the broker has routed the
     * message when this returns: PUBACK for QoS 1, PUBREC/PUBREL/PUBCOMP for QoS 2, and for QoS 0
     * a PINGREQ whose PINGRESP shows that the PUBLISH before it was handled. Only for a client
     * that receives nothing else meanwhile (a publisher that subscribes to nothing).
     */
    public static void publish(RawClient client, String topic, QoS qos, boolean retain, int packetId,
                               String payload) {
        client.send(publishPacket(topic, qos, retain, false, packetId, payload));
        switch (qos) {
            case AT_MOST_ONCE -> {
                client.send(PingReq.INSTANCE);
                client.receive(PingResp.class);
            }
            case AT_LEAST_ONCE -> assertThat(client.receive(PubAck.class).packetId()).isEqualTo(packetId);
            case EXACTLY_ONCE -> {
                assertThat(client.receive(PubRec.class).packetId()).isEqualTo(packetId);
                client.send(new PubRel(packetId));
                assertThat(client.receive(PubComp.class).packetId()).isEqualTo(packetId);
            }
        }
    }

    /** Publishes with a new raw client that connects with a clean session, publishes and disconnects. */
    public static void publishFrom(EmbeddedBroker broker, String topic, QoS qos, boolean retain, String payload) {
        try (RawClient publisher = connect(broker, "publisher-" + System.nanoTime(), true)) {
            publish(publisher, topic, qos, retain, payload);
            disconnect(publisher);
        }
    }

    // ---- receiving ----

    /** The next packet, which must be a PUBLISH; nothing is acknowledged. */
    public static Received receivePublish(RawClient client) {
        return received(client.receive(Publish.class));
    }

    /**
     * The next packet, which must be a PUBLISH, acknowledged as its QoS requires (for QoS 2 the
     * whole flow: PUBREC, the broker's PUBREL, PUBCOMP). Only while nothing else is being sent to
     * this client.
     */
    public static Received receiveAndAck(RawClient client) {
        Received received = receivePublish(client);
        ack(client, received);
        return received;
    }

    /**
     * Receives {@code count} PUBLISH packets in the order they come, acknowledging each and
     * completing the QoS 2 flows (PUBRELs may come between later PUBLISH packets); returns once all
     * are received and no PUBREL is awaited. Any other packet fails the test.
     */
    public static List<Received> receiveAndAck(RawClient client, int count) {
        List<Received> all = new ArrayList<>(count);
        Set<Integer> awaitingRelease = new HashSet<>();
        while (all.size() < count || !awaitingRelease.isEmpty()) {
            MqttPacket packet = client.receive(MqttPacket.class);
            if (packet instanceof Publish publish) {
                Received received = received(publish);
                all.add(received);
                if (received.qos() == QoS.AT_LEAST_ONCE) {
                    client.send(new PubAck(received.packetId()));
                } else if (received.qos() == QoS.EXACTLY_ONCE) {
                    awaitingRelease.add(received.packetId());
                    client.send(new PubRec(received.packetId()));
                }
            } else if (packet instanceof PubRel pubRel) {
                assertThat(awaitingRelease.remove(pubRel.packetId()))
                        .as("PUBREL %d answers a PUBREC", pubRel.packetId()).isTrue();
                client.send(new PubComp(pubRel.packetId()));
            } else {
                throw new AssertionError("expected PUBLISH or PUBREL but received " + packet);
            }
        }
        assertThat(all).hasSize(count);
        return all;
    }

    /** Acknowledges a received PUBLISH as its QoS requires (QoS 2: PUBREC, the broker's PUBREL, PUBCOMP). */
    public static void ack(RawClient client, Received received) {
        ack(client, received.qos(), received.packetId());
    }

    /** Acknowledges a received PUBLISH of this QoS and packet identifier as its QoS requires. */
    public static void ack(RawClient client, QoS qos, int packetId) {
        switch (qos) {
            case AT_MOST_ONCE -> {
            }
            case AT_LEAST_ONCE -> client.send(new PubAck(packetId));
            case EXACTLY_ONCE -> {
                client.send(new PubRec(packetId));
                assertThat(client.receive(PubRel.class).packetId()).isEqualTo(packetId);
                client.send(new PubComp(packetId));
            }
        }
    }

    /**
     * Checks that the broker has nothing more queued for this connection right now: a PINGREQ is
     * answered after everything the broker had to send before it, so the next packet must be PINGRESP.
     */
    public static void assertNothingPendingBeforePing(RawClient client) {
        client.send(PingReq.INSTANCE);
        assertThat(client.receive()).isInstanceOf(PingResp.class);
    }

    /** What a PUBLISH carried; the PUBLISH is released. */
    private static Received received(Publish publish) {
        try {
            return new Received(publish.topic(), publish.qos(), publish.retained(), publish.dup(),
                    publish.packetId(), publish.payload().toString(StandardCharsets.UTF_8));
        } finally {
            publish.release();
        }
    }
}
