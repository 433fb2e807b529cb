package io.tern.broker.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.tern.broker.auth.Authorizer;
import io.tern.broker.auth.ClientInfo;
import io.tern.codec.MqttPacketEncoder;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.PropertyId;
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
import io.tern.codec.packet.Will;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * MQTT 5 flows of a {@link RawClient}, the counterpart of {@link RawFlows}: connect with properties,
 * subscribe with a subscription identifier, publish with properties, and receive a PUBLISH with its
 * properties. The {@code connect} methods require the broker to accept.
 */
public final class V5Flows {
    private V5Flows() {
    }

    /** What a PUBLISH received by a raw client carried, copied out of the packet (which is released). */
    public record Received5(String topic, QoS qos, boolean retain, boolean dup, int packetId,
                            MqttProperties properties, String payload) {
        /** The Message Expiry Interval, or -1 if absent. */
        public long messageExpiry() {
            return properties.longValue(PropertyId.MESSAGE_EXPIRY_INTERVAL, -1);
        }
    }

    // ---- connection ----

    /** An MQTT 5 CONNECT, keep alive off, no will. */
    public static Connect connectPacket(String clientId, boolean cleanStart, MqttProperties properties) {
        return connectPacket(clientId, cleanStart, properties, null);
    }

    /** An MQTT 5 CONNECT, keep alive off; {@code will} may be null. */
    public static Connect connectPacket(String clientId, boolean cleanStart, MqttProperties properties, Will will) {
        return new Connect(MqttVersion.V5, clientId, cleanStart, 0, null, null, will, properties);
    }

    /** An MQTT 5 CONNECT with a session expiry interval, keep alive off; {@code will} may be null. */
    public static Connect connectPacket(String clientId, boolean cleanStart, long sessionExpiry, Will will) {
        return connectPacket(clientId, cleanStart, sessionExpiry == 0 ? MqttProperties.EMPTY
                : props().set(PropertyId.SESSION_EXPIRY_INTERVAL, sessionExpiry).build(), will);
    }

    /** A raw MQTT 5 client, not yet connected. */
    public static RawClient client(EmbeddedBroker broker) {
        return broker.rawClient().version(MqttVersion.V5);
    }

    /** A raw MQTT 5 client connected with clean start, no properties; the CONNACK must accept it. */
    public static RawClient connect(EmbeddedBroker broker, String clientId) {
        return connect(broker, connectPacket(clientId, true, MqttProperties.EMPTY));
    }

    /** A raw MQTT 5 client that sent {@code connect}; the CONNACK must accept it, or the client is closed. */
    public static RawClient connect(EmbeddedBroker broker, Connect connect) {
        RawClient client = client(broker);
        try {
            assertThat(connack(client, connect).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            return client;
        } catch (RuntimeException | AssertionError e) {
            client.close();
            throw e;
        }
    }

    /** Sends {@code connect} and returns the CONNACK, whatever it says. */
    public static Connack connack(RawClient client, Connect connect) {
        client.send(connect);
        return client.receive(Connack.class);
    }

    /**
     * Reconnects {@code clientId} with clean start 0 and this session expiry; the CONNACK must
     * accept it with session present 1. Messages in flight are resent right after it.
     */
    public static RawClient resume(EmbeddedBroker broker, String clientId, long sessionExpiry) {
        RawClient client = client(broker);
        try {
            Connack connack = connack(client, connectPacket(clientId, false, sessionExpiry, null));
            assertThat(connack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(connack.sessionPresent()).as("session present").isTrue();
            return client;
        } catch (RuntimeException | AssertionError e) {
            client.close();
            throw e;
        }
    }

    /**
     * Drops the connection of {@code clientId} without DISCONNECT, waits until the broker has
     * detached its session, and resumes it as {@link #resume}. First a PINGREQ must be answered
     * next: the broker has handled all the client sent (no acknowledgement lost to the close) and
     * had nothing more to send on this connection.
     */
    public static RawClient reconnect(EmbeddedBroker broker, RawClient connection, String clientId,
                                      long sessionExpiry) {
        RawFlows.assertNothingPendingBeforePing(connection);
        connection.close();
        Waits.awaitDetached(broker.broker(), clientId);
        return resume(broker, clientId, sessionExpiry);
    }

    /** An authorizer that refuses publishing to topics, and subscribing to filters, that begin with {@code prefix}. */
    public static Authorizer denying(String prefix) {
        return new Authorizer() {
            @Override
            public boolean canPublish(ClientInfo client, String topic) {
                return !topic.startsWith(prefix);
            }

            @Override
            public boolean canSubscribe(ClientInfo client, String topicFilter) {
                return !topicFilter.startsWith(prefix);
            }
        };
    }

    /** A property builder, for brevity. */
    public static MqttProperties.Builder props() {
        return MqttProperties.builder();
    }

    /**
     * The next packet must be a DISCONNECT with {@code code}, and the broker must then close the
     * connection without sending anything more [MQTT-3.14.4-1].
     */
    public static Disconnect expectDisconnect(RawClient client, ReasonCode code) {
        Disconnect disconnect = client.receive(Disconnect.class);
        assertThat(disconnect.reasonCode()).isEqualTo(code);
        assertThat(client.closedWithoutData()).as("nothing follows DISCONNECT, then the connection closes")
                .isTrue();
        return disconnect;
    }

    /** Sends {@code disconnect} and waits until the broker has closed the connection. */
    public static void disconnect(RawClient client, Disconnect disconnect) {
        client.send(disconnect);
        assertThat(client.awaitClose()).as("the broker closes the connection after DISCONNECT").isTrue();
    }

    /** The encoded size of a packet in MQTT 5. */
    public static int encodedSize(MqttPacket packet) {
        return MqttPacketEncoder.encodedSize(packet, MqttVersion.V5);
    }

    // ---- subscriptions ----

    /** Subscribes with {@code properties} (e.g. a subscription identifier); returns the SUBACK, which must come next. */
    public static Suback subscribe(RawClient client, int packetId, MqttProperties properties,
                                   Subscription... subscriptions) {
        client.send(new Subscribe(packetId, List.of(subscriptions), properties));
        Suback suback = client.receive(Suback.class);
        assertThat(suback.packetId()).isEqualTo(packetId);
        return suback;
    }

    /**
     * Subscribes to one filter with a subscription identifier ({@code 0} for none) and checks that
     * it is granted {@code qos}.
     */
    public static void subscribe(RawClient client, String filter, QoS qos, int subscriptionId) {
        subscribe(client, new Subscription(filter, qos), subscriptionId);
    }

    /** Subscribes with these options and a subscription identifier (0 for none); the requested QoS must be granted. */
    public static void subscribe(RawClient client, Subscription subscription, int subscriptionId) {
        MqttProperties properties = subscriptionId == 0 ? MqttProperties.EMPTY
                : props().subscriptionIdentifier(subscriptionId).build();
        Suback suback = subscribe(client, 1, properties, subscription);
        assertThat(suback.reasonCodes()).containsExactly(ReasonCode.granted(subscription.qos()));
    }

    // ---- publishing ----

    /** A PUBLISH with a UTF-8 payload (the caller releases it, or {@link #send} does). */
    public static Publish publishPacket(String topic, QoS qos, boolean retain, int packetId,
                                        MqttProperties properties, String payload) {
        return new Publish(topic, qos, retain, false, packetId, properties,
                Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8));
    }

    /** Sends a PUBLISH and releases it. */
    public static void send(RawClient client, Publish publish) {
        try {
            client.send(publish);
        } finally {
            publish.release();
        }
    }

    /**
     * Publishes with properties and completes the sender's side of the flow, so that the broker has
     * routed the message when this returns (QoS 0: a PINGREQ answered after it). QoS 1 and 2 use
     * packet identifier 1. Only for a client that receives nothing else meanwhile.
     */
    public static void publish(RawClient client, String topic, QoS qos, boolean retain, MqttProperties properties,
                               String payload) {
        int packetId = qos == QoS.AT_MOST_ONCE ? 0 : 1;
        send(client, publishPacket(topic, qos, retain, packetId, properties, payload));
        completePublish(client, qos, packetId);
    }

    /** Publishes without properties, as {@link #publish(RawClient, String, QoS, boolean, MqttProperties, String)}. */
    public static void publish(RawClient client, String topic, QoS qos, String payload) {
        publish(client, topic, qos, false, MqttProperties.EMPTY, payload);
    }

    /** The sender's side of the flow of a PUBLISH just sent: see {@link #publish}. */
    public static void completePublish(RawClient client, QoS qos, int packetId) {
        switch (qos) {
            case AT_MOST_ONCE -> {
                client.send(PingReq.INSTANCE);
                client.receive(PingResp.class);
            }
            case AT_LEAST_ONCE -> assertThat(client.receive(PubAck.class).packetId()).isEqualTo(packetId);
            case EXACTLY_ONCE -> {
                PubRec pubRec = client.receive(PubRec.class);
                assertThat(pubRec.packetId()).isEqualTo(packetId);
                assertThat(pubRec.reasonCode().isError()).isFalse();
                client.send(new PubRel(packetId));
                assertThat(client.receive(PubComp.class).packetId()).isEqualTo(packetId);
            }
        }
    }

    // ---- receiving ----

    /** The next packet, which must be a PUBLISH; nothing is acknowledged. */
    public static Received5 receivePublish(RawClient client) {
        Publish publish = client.receive(Publish.class);
        try {
            return new Received5(publish.topic(), publish.qos(), publish.retained(), publish.dup(),
                    publish.packetId(), publish.properties(), publish.payload().toString(StandardCharsets.UTF_8));
        } finally {
            publish.release();
        }
    }

    /** The next packet, which must be a PUBLISH, acknowledged as its QoS requires (QoS 2: the whole flow). */
    public static Received5 receiveAndAck(RawClient client) {
        Received5 received = receivePublish(client);
        RawFlows.ack(client, received.qos(), received.packetId());
        return received;
    }
}
