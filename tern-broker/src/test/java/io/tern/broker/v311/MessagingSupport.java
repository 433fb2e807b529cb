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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Helpers shared by the MQTT 3.1.1 messaging tests (Publish*, Subscribe*, Retained*, Qos*, Topic*,
 * Queue*, Sys*, PacketId*): raw-client flows that read like the specification, third-party clients
 * set up for 3.1.1, and configurations derived from {@link BrokerConfig#defaults()}.
 */
final class MessagingSupport {
    /** How long a test waits for something that should happen; generous for loaded machines. */
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private MessagingSupport() {
    }

    /** What a PUBLISH received by a raw client carried, copied out of the packet (which is released). */
    record Received(String topic, QoS qos, boolean retain, boolean dup, int packetId, String payload) {
    }

    // ---- raw client ----

    /** A raw client connected with MQTT 3.1.1, keep alive off. */
    static RawClient connect(EmbeddedBroker broker, String clientId, boolean cleanSession) {
        RawClient client = broker.rawClient();
        try {
            Connack connack = connect(client, clientId, cleanSession);
            assertThat(connack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            return client;
        } catch (RuntimeException | AssertionError e) {
            client.close();
            throw e;
        }
    }

    /** A raw client connected with clean session 1. */
    static RawClient connect(EmbeddedBroker broker, String clientId) {
        return connect(broker, clientId, true);
    }

    /** Sends CONNECT (MQTT 3.1.1, keep alive 0) and returns the CONNACK. */
    static Connack connect(RawClient client, String clientId, boolean cleanSession) {
        client.send(new Connect(MqttVersion.V3_1_1, clientId, cleanSession, 0, null, null, null,
                MqttProperties.EMPTY));
        return client.receive(Connack.class);
    }

    /** Sends DISCONNECT and waits until the broker has closed the connection. */
    static void disconnect(RawClient client) {
        client.send(Disconnect.NORMAL);
        assertThat(client.awaitClose()).isTrue();
    }

    /** Subscribes to filters (with their QoS) and returns the SUBACK, which must come next. */
    static Suback subscribe(RawClient client, int packetId, Subscription... subscriptions) {
        client.send(new Subscribe(packetId, List.of(subscriptions), MqttProperties.EMPTY));
        return client.receive(Suback.class);
    }

    /** Subscribes to one filter and checks that it is granted {@code qos}. */
    static void subscribe(RawClient client, String filter, QoS qos) {
        Suback suback = subscribe(client, 1, new Subscription(filter, qos));
        assertThat(suback.reasonCodes()).containsExactly(ReasonCode.granted(qos));
    }

    /** A PUBLISH with a UTF-8 payload. */
    static Publish publishPacket(String topic, QoS qos, boolean retain, boolean dup, int packetId, String payload) {
        return new Publish(topic, qos, retain, dup, packetId, MqttProperties.EMPTY,
                Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8));
    }

    /**
     * Publishes and completes the sender's side of the flow, so that the broker has routed the
     * message when this returns: PUBACK for QoS 1, PUBREC/PUBREL/PUBCOMP for QoS 2, and for QoS 0
     * a PINGREQ whose PINGRESP shows that the PUBLISH before it was handled. Only for a client
     * that receives nothing else meanwhile (a publisher that subscribes to nothing).
     */
    static void publish(RawClient client, String topic, QoS qos, boolean retain, int packetId, String payload) {
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

    /** Publishes a message that is not retained, with packet identifier 1 for QoS 1 and 2. */
    static void publish(RawClient client, String topic, QoS qos, String payload) {
        publish(client, topic, qos, false, qos == QoS.AT_MOST_ONCE ? 0 : 1, payload);
    }

    /** The next packet, which must be a PUBLISH; nothing is acknowledged. */
    static Received receivePublish(RawClient client) {
        return received(client.receive(Publish.class));
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

    /**
     * The next packet, which must be a PUBLISH, acknowledged as its QoS requires (for QoS 2 the
     * whole flow: PUBREC, the broker's PUBREL, PUBCOMP). Only while nothing else is being sent to
     * this client.
     */
    static Received receiveAndAck(RawClient client) {
        Received received = receivePublish(client);
        ack(client, received);
        return received;
    }

    /** Acknowledges a received PUBLISH as its QoS requires. */
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
     * Receives {@code count} PUBLISH packets in the order they come, acknowledging each and
     * completing the QoS 2 flows (PUBRELs may come between later PUBLISH packets); returns once all
     * are received and no PUBREL is awaited. Any other packet fails the test.
     */
    static List<Received> receiveAndAck(RawClient client, int count) {
        List<Received> all = new ArrayList<>(count);
        java.util.Set<Integer> awaitingRelease = new java.util.HashSet<>();
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

    /**
     * Checks that the next packet is a PINGRESP: sends PINGREQ, so that everything the broker had
     * to send on this connection before handling it must come first.
     */
    static void assertNothingPendingBeforePing(RawClient client) {
        client.send(PingReq.INSTANCE);
        assertThat(client.receive(MqttPacket.class)).isInstanceOf(PingResp.class);
    }

    // ---- broker state ----

    /**
     * Waits until the session of {@code clientId} has no connection attached, as seen on the
     * session's own event loop; later deliveries to it then go to its queue.
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

    // ---- configuration ----

    /** A configuration built from the defaults, changing only what a test sets. */
    static final class Config {
        private final BrokerConfig defaults = BrokerConfig.defaults();
        private int maxInflight = defaults.maxInflight();
        private int maxQueuedMessages = defaults.maxQueuedMessages();
        private long maxQueuedBytes = defaults.maxQueuedBytes();
        private boolean queueQos0 = defaults.queueQos0();
        private QoS maxQos = defaults.maxQos();
        private Duration sysInterval = defaults.sysInterval();

        Config maxInflight(int value) {
            maxInflight = value;
            return this;
        }

        Config maxQueuedMessages(int value) {
            maxQueuedMessages = value;
            return this;
        }

        Config maxQueuedBytes(long value) {
            maxQueuedBytes = value;
            return this;
        }

        Config queueQos0(boolean value) {
            queueQos0 = value;
            return this;
        }

        Config maxQos(QoS value) {
            maxQos = value;
            return this;
        }

        Config sysInterval(Duration value) {
            sysInterval = value;
            return this;
        }

        BrokerConfig build() {
            return new BrokerConfig(maxInflight, maxQueuedMessages, maxQueuedBytes, queueQos0, maxQos,
                    defaults.maxPacketSize(), defaults.connectTimeout(), defaults.sessionExpirySeconds(),
                    defaults.allowZeroLengthClientId(), sysInterval);
        }
    }

    static Config config() {
        return new Config();
    }

    // ---- third-party clients ----

    /** An Eclipse Paho client connected with MQTT 3.1.1. */
    static org.eclipse.paho.client.mqttv3.MqttClient paho(EmbeddedBroker broker, String clientId, boolean cleanSession)
            throws MqttException {
        org.eclipse.paho.client.mqttv3.MqttClient client =
                new org.eclipse.paho.client.mqttv3.MqttClient(broker.uri(), clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(cleanSession);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout((int) TIMEOUT.toSeconds());
        options.setMaxInflight(1000);
        client.setTimeToWait(TIMEOUT.toMillis());
        try {
            client.connect(options);
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
        return client;
    }

    /** Disconnects (if connected) and closes a Paho client, for finally blocks. */
    static void close(org.eclipse.paho.client.mqttv3.MqttClient client) {
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnect(TIMEOUT.toMillis());
            }
        } catch (MqttException e) {
            // closing anyway
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // nothing more to release
        }
    }

    /** A HiveMQ MQTT client in MQTT 3.1.1 mode, connected with clean session 1. */
    static Mqtt3BlockingClient hivemq(EmbeddedBroker broker, String clientId) {
        Mqtt3BlockingClient client = MqttClient.builder()
                .useMqttVersion3()
                .identifier(clientId)
                .serverHost("127.0.0.1")
                .serverPort(broker.port())
                .buildBlocking();
        client.connectWith().cleanSession(true).keepAlive(60).send();
        return client;
    }

    /** Disconnects a HiveMQ client if it is connected, for finally blocks. */
    static void close(Mqtt3BlockingClient client) {
        if (client != null && client.getState().isConnected()) {
            client.disconnect();
        }
    }
}
