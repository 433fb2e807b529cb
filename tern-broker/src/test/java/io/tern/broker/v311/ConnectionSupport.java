package io.tern.broker.v311;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import io.netty.buffer.Unpooled;
import io.tern.broker.BrokerConfig;
import io.tern.broker.TernBroker;
import io.tern.broker.session.Session;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.Disconnect;
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
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Helpers of the MQTT 3.1.1 connection and session tests (Connect*, Session*, Will*, KeepAlive*,
 * Disconnect*, ProtocolError*, Takeover*, HiveMqClient*, Paho*): raw CONNECT packets and bytes,
 * third-party clients set up for 3.1.1, broker configurations derived from
 * {@link BrokerConfig#defaults()}, and waits on the broker's session state.
 */
final class ConnectionSupport {
    /** How long a test waits for something that should happen; generous for loaded machines. */
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private ConnectionSupport() {
    }

    /** What a PUBLISH received by a raw client carried, copied out of the packet (which is released). */
    record Received(String topic, QoS qos, boolean retain, boolean dup, int packetId, String payload) {
    }

    // ---- configurations ----

    /** The defaults with another connect timeout. */
    static BrokerConfig withConnectTimeout(Duration connectTimeout) {
        BrokerConfig d = BrokerConfig.defaults();
        return new BrokerConfig(d.maxInflight(), d.maxQueuedMessages(), d.maxQueuedBytes(), d.queueQos0(), d.maxQos(),
                d.maxPacketSize(), connectTimeout, d.sessionExpirySeconds(), d.allowZeroLengthClientId(),
                d.sysInterval());
    }

    /** The defaults with another expiry of persistent MQTT 3 sessions. */
    static BrokerConfig withSessionExpiry(long sessionExpirySeconds) {
        BrokerConfig d = BrokerConfig.defaults();
        return new BrokerConfig(d.maxInflight(), d.maxQueuedMessages(), d.maxQueuedBytes(), d.queueQos0(), d.maxQos(),
                d.maxPacketSize(), d.connectTimeout(), sessionExpirySeconds, d.allowZeroLengthClientId(),
                d.sysInterval());
    }

    // ---- CONNECT ----

    /** An MQTT 3.1.1 CONNECT without user name, password or will. */
    static Connect connectPacket(String clientId, boolean cleanSession, int keepAlive) {
        return connectPacket(clientId, cleanSession, keepAlive, null);
    }

    /** An MQTT 3.1.1 CONNECT without user name or password. */
    static Connect connectPacket(String clientId, boolean cleanSession, int keepAlive, Will will) {
        return new Connect(MqttVersion.V3_1_1, clientId, cleanSession, keepAlive, null, null, will,
                MqttProperties.EMPTY);
    }

    /** A will with a UTF-8 message. */
    static Will will(String topic, String message, QoS qos, boolean retain) {
        return new Will(topic, message.getBytes(StandardCharsets.UTF_8), qos, retain, MqttProperties.EMPTY);
    }

    /**
     * The bytes of a CONNECT written field by field, so that a test can break any of them: protocol
     * name, level, connect flags, keep alive, then the payload strings each with its two-byte length.
     */
    static byte[] connectBytes(String protocolName, int level, int flags, int keepAlive, String... payload) {
        byte[][] fields = new byte[payload.length][];
        for (int i = 0; i < payload.length; i++) {
            fields[i] = payload[i].getBytes(StandardCharsets.UTF_8);
        }
        return connectBytes(protocolName, level, flags, keepAlive, fields);
    }

    /** A CONNECT as {@link #connectBytes(String, int, int, int, String...)}, payload fields given as bytes. */
    static byte[] connectBytes(String protocolName, int level, int flags, int keepAlive, byte[]... payload) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, protocolName);
        body.write(level);
        body.write(flags);
        body.write(keepAlive >>> 8);
        body.write(keepAlive & 0xFF);
        for (byte[] field : payload) {
            body.write(field.length >>> 8);
            body.write(field.length & 0xFF);
            body.writeBytes(field);
        }
        return packet(0x10, body.toByteArray());
    }

    /** A packet: the first byte, the remaining length, the body. */
    static byte[] packet(int firstByte, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        int length = body.length;
        do {
            int digit = length % 128;
            length /= 128;
            out.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** Several packets in one write, as a client that pipelines sends them. */
    static byte[] concat(byte[]... packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] packet : packets) {
            out.writeBytes(packet);
        }
        return out.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >>> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }

    // ---- raw client flows ----

    /** A raw client connected with MQTT 3.1.1, keep alive off; the CONNACK must accept it. */
    static RawClient connect(EmbeddedBroker broker, String clientId, boolean cleanSession) {
        return connect(broker, connectPacket(clientId, cleanSession, 0));
    }

    /** A raw client that sent {@code connect}; the CONNACK must accept it. */
    static RawClient connect(EmbeddedBroker broker, Connect connect) {
        RawClient client = broker.rawClient();
        try {
            client.send(connect);
            Connack connack = client.receive(Connack.class);
            assertThat(connack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            return client;
        } catch (RuntimeException | AssertionError e) {
            client.close();
            throw e;
        }
    }

    /** Sends CONNECT (MQTT 3.1.1, keep alive 0) and returns the CONNACK. */
    static Connack connack(RawClient client, String clientId, boolean cleanSession) {
        client.send(connectPacket(clientId, cleanSession, 0));
        return client.receive(Connack.class);
    }

    /** Sends DISCONNECT and waits until the broker has closed the connection. */
    static void disconnect(RawClient client) {
        client.send(Disconnect.NORMAL);
        assertThat(client.awaitClose()).as("the broker closes the connection after DISCONNECT").isTrue();
    }

    /** Subscribes to one filter and checks that it is granted {@code qos}. */
    static void subscribe(RawClient client, String filter, QoS qos) {
        client.send(new Subscribe(1, List.of(new Subscription(filter, qos)), MqttProperties.EMPTY));
        Suback suback = client.receive(Suback.class);
        assertThat(suback.reasonCodes()).containsExactly(ReasonCode.granted(qos));
    }

    /**
     * Publishes a message that is not retained and completes the sender's side of its flow, so that
     * the broker has routed it when this returns (for QoS 0 a PINGREQ/PINGRESP round trip shows that).
     * Only for a client that receives nothing else meanwhile.
     */
    static void publish(RawClient client, String topic, QoS qos, String payload) {
        publish(client, topic, qos, false, payload);
    }

    /** Publishes as {@link #publish(RawClient, String, QoS, String)}, retained or not. */
    static void publish(RawClient client, String topic, QoS qos, boolean retain, String payload) {
        int packetId = qos == QoS.AT_MOST_ONCE ? 0 : 1;
        client.send(new Publish(topic, qos, retain, false, packetId, MqttProperties.EMPTY,
                Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8)));
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
    static void publishFrom(EmbeddedBroker broker, String topic, QoS qos, boolean retain, String payload) {
        try (RawClient publisher = connect(broker, "publisher-" + System.nanoTime(), true)) {
            publish(publisher, topic, qos, retain, payload);
            disconnect(publisher);
        }
    }

    /** The next packet, which must be a PUBLISH; nothing is acknowledged. */
    static Received receivePublish(RawClient client) {
        Publish publish = client.receive(Publish.class);
        try {
            return new Received(publish.topic(), publish.qos(), publish.retained(), publish.dup(),
                    publish.packetId(), publish.payload().toString(StandardCharsets.UTF_8));
        } finally {
            publish.release();
        }
    }

    /**
     * The next packet, which must be a PUBLISH, acknowledged as its QoS requires (for QoS 2 the whole
     * flow: PUBREC, the broker's PUBREL, PUBCOMP). Only while nothing else is being sent to this client.
     */
    static Received receiveAndAck(RawClient client) {
        Received received = receivePublish(client);
        ack(client, received);
        return received;
    }

    /** Acknowledges a received PUBLISH as its QoS requires (QoS 2: the whole flow). */
    static void ack(RawClient client, Received received) {
        switch (received.qos()) {
            case AT_MOST_ONCE -> {
            }
            case AT_LEAST_ONCE -> client.send(new PubAck(received.packetId()));
            case EXACTLY_ONCE -> {
                client.send(new PubRec(received.packetId()));
                assertThat(client.receive(PubRel.class).packetId()).isEqualTo(received.packetId());
                client.send(new PubComp(received.packetId()));
            }
        }
    }

    /**
     * Checks that the broker has nothing more queued for this connection right now: a PINGREQ is
     * answered after everything the broker had to send before it.
     */
    static void assertNothingPendingBeforePing(RawClient client) {
        client.send(PingReq.INSTANCE);
        assertThat(client.receive()).isInstanceOf(PingResp.class);
    }

    // ---- broker state ----

    /**
     * Waits until the broker holds no session for {@code clientId}: a clean session whose connection
     * ended has then been discarded, its will (if any) already handed to the router.
     */
    static void awaitSessionGone(TernBroker broker, String clientId) {
        Awaitility.await().atMost(TIMEOUT).until(() -> broker.sessions().get(clientId) == null);
    }

    /**
     * Waits until the session of {@code clientId} exists with no connection attached, as seen on the
     * session's own event loop: the connection's end has been handled (its will handed to the
     * router) and later deliveries go to the session's queue.
     */
    static void awaitDetached(TernBroker broker, String clientId) {
        Awaitility.await().atMost(TIMEOUT).until(() -> {
            Session session = broker.sessions().get(clientId);
            if (session == null) {
                return false;
            }
            CompletableFuture<Boolean> detached = new CompletableFuture<>();
            session.execute(() -> detached.complete(session.isAttachedTo(null)));
            return detached.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    // ---- third-party clients ----

    /** Connect options of Paho for MQTT 3.1.1, with generous timeouts. */
    static MqttConnectOptions pahoOptions(boolean cleanSession) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(cleanSession);
        options.setConnectionTimeout((int) TIMEOUT.toSeconds());
        options.setAutomaticReconnect(false);
        return options;
    }

    /** A Paho client of the broker, not connected, with in-memory persistence. */
    static org.eclipse.paho.client.mqttv3.MqttClient paho(EmbeddedBroker broker, String clientId)
            throws MqttException {
        org.eclipse.paho.client.mqttv3.MqttClient client =
                new org.eclipse.paho.client.mqttv3.MqttClient(broker.uri(), clientId, new MemoryPersistence());
        client.setTimeToWait(TIMEOUT.toMillis());
        return client;
    }

    /** Ends a Paho client whatever its state: DISCONNECT if still connected, then release its resources. */
    static void closeQuietly(org.eclipse.paho.client.mqttv3.MqttClient client) {
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, TIMEOUT.toMillis(), true);
            }
        } catch (MqttException | RuntimeException ignored) {
            // closing anyway
        }
        try {
            client.close(true);
        } catch (MqttException | RuntimeException ignored) {
            // nothing more to release
        }
    }

    /** A HiveMQ MQTT Client in MQTT 3.1.1 mode for the broker, not connected. */
    static Mqtt3BlockingClient hiveMq(EmbeddedBroker broker, String clientId) {
        return MqttClient.builder()
                .useMqttVersion3()
                .identifier(clientId)
                .serverHost("127.0.0.1")
                .serverPort(broker.port())
                .buildBlocking();
    }

    /** Disconnects a HiveMQ client if it is still connected. */
    static void closeQuietly(Mqtt3BlockingClient client) {
        if (client == null) {
            return;
        }
        try {
            if (client.getState().isConnected()) {
                client.disconnect();
            }
        } catch (RuntimeException ignored) {
            // already gone
        }
    }
}
