package io.tern.broker.v311;

import static io.tern.broker.support.Clients.closeQuietly;
import static io.tern.broker.support.Clients.paho;
import static io.tern.broker.support.Clients.pahoOptions;
import static io.tern.broker.support.RawFlows.ack;
import static io.tern.broker.support.RawFlows.assertNothingPendingBeforePing;
import static io.tern.broker.support.RawFlows.connack;
import static io.tern.broker.support.RawFlows.connect;
import static io.tern.broker.support.RawFlows.disconnect;
import static io.tern.broker.support.RawFlows.publish;
import static io.tern.broker.support.RawFlows.publishFrom;
import static io.tern.broker.support.RawFlows.receiveAndAck;
import static io.tern.broker.support.RawFlows.receivePublish;
import static io.tern.broker.support.RawFlows.subscribe;
import static io.tern.broker.support.Waits.TIMEOUT;
import static io.tern.broker.support.Waits.awaitDetached;
import static io.tern.broker.support.Waits.awaitSessionGone;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows.Received;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.PubComp;
import io.tern.codec.packet.PubRec;
import io.tern.codec.packet.PubRel;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Clean and persistent sessions of MQTT 3.1.1 clients, with the default configuration (sessions never expire). */
class SessionTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    /** Connects with clean session 0 and checks the CONNACK's session present flag. */
    private RawClient reconnect(String clientId, boolean expectSessionPresent) {
        RawClient client = broker.rawClient();
        try {
            Connack connack = connack(client, clientId, false);
            assertThat(connack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(connack.sessionPresent()).as("session present").isEqualTo(expectSessionPresent);
            return client;
        } catch (RuntimeException | AssertionError e) {
            client.close();
            throw e;
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-4] [MQTT-3.2.2-2] [MQTT-3.2.2-3] [MQTT-3.1.4-3] [MQTT-4.1.0-1] clean session 0: a new "
            + "session gets session present 0; it outlives the connection and is resumed with its subscriptions, "
            + "session present 1")
    void persistentSessionResumed() {
        try (RawClient client = reconnect("keeper", false)) {
            subscribe(client, "session/keep", QoS.AT_LEAST_ONCE);
            disconnect(client);
        }
        awaitDetached(broker.broker(), "keeper");
        try (RawClient client = reconnect("keeper", true)) {
            publishFrom(broker, "session/keep", QoS.AT_LEAST_ONCE, false, "still subscribed");
            Received received = receiveAndAck(client);
            assertThat(received.payload()).isEqualTo("still subscribed");
            disconnect(client);
        }
        awaitDetached(broker.broker(), "keeper");
        try (RawClient client = reconnect("keeper", true)) {
            disconnect(client);
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-5] [MQTT-4.1.0-1] QoS 1 and 2 messages published while a persistent session is "
            + "offline are kept and delivered, in order, when it reconnects")
    void offlineMessagesQueued() {
        try (RawClient client = reconnect("offline", false)) {
            subscribe(client, "session/queue", QoS.EXACTLY_ONCE);
        }
        awaitDetached(broker.broker(), "offline");
        try (RawClient publisher = connect(broker, "queue-publisher", true)) {
            publish(publisher, "session/queue", QoS.AT_LEAST_ONCE, "one");
            publish(publisher, "session/queue", QoS.EXACTLY_ONCE, "two");
            publish(publisher, "session/queue", QoS.AT_LEAST_ONCE, "three");
        }
        try (RawClient client = reconnect("offline", true)) {
            // the three come at once (the in-flight window is larger): read them all, then acknowledge
            List<Received> received = List.of(receivePublish(client), receivePublish(client), receivePublish(client));
            received.forEach(message -> ack(client, message));
            assertThat(received).extracting(Received::payload).containsExactly("one", "two", "three");
            assertThat(received).extracting(Received::qos)
                    .containsExactly(QoS.AT_LEAST_ONCE, QoS.EXACTLY_ONCE, QoS.AT_LEAST_ONCE);
            assertNothingPendingBeforePing(client);
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-6] [MQTT-3.2.2-1] clean session 1 discards the stored session: session present 0, "
            + "no queued message, no subscription, and the session is not there for a later clean session 0")
    void cleanSessionDiscardsStoredSession() {
        try (RawClient client = reconnect("cleaner", false)) {
            subscribe(client, "session/old", QoS.AT_LEAST_ONCE);
        }
        awaitDetached(broker.broker(), "cleaner");
        publishFrom(broker, "session/old", QoS.AT_LEAST_ONCE, false, "stale");
        try (RawClient client = broker.rawClient()) {
            Connack connack = connack(client, "cleaner", true);
            assertThat(connack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(connack.sessionPresent()).isFalse();
            assertNothingPendingBeforePing(client); // the queued message is gone
            subscribe(client, "session/marker", QoS.AT_LEAST_ONCE);
            try (RawClient publisher = connect(broker, "old-publisher", true)) {
                publish(publisher, "session/old", QoS.AT_LEAST_ONCE, "not subscribed any more");
                publish(publisher, "session/marker", QoS.AT_LEAST_ONCE, "marker");
            }
            assertThat(receiveAndAck(client).payload()).isEqualTo("marker");
            disconnect(client);
        }
        awaitSessionGone(broker.broker(), "cleaner");
        try (RawClient client = reconnect("cleaner", false)) {
            assertNothingPendingBeforePing(client);
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-6] the state of a clean session is not reused by a later session: clean session 0 "
            + "after it gets session present 0 and none of its subscriptions")
    void cleanSessionStateNotReused() {
        try (RawClient client = connect(broker, "short-lived", true)) {
            subscribe(client, "session/short", QoS.AT_LEAST_ONCE);
            disconnect(client);
        }
        awaitSessionGone(broker.broker(), "short-lived");
        try (RawClient client = reconnect("short-lived", false)) {
            subscribe(client, "session/marker", QoS.AT_LEAST_ONCE);
            try (RawClient publisher = connect(broker, "short-publisher", true)) {
                publish(publisher, "session/short", QoS.AT_LEAST_ONCE, "not subscribed");
                publish(publisher, "session/marker", QoS.AT_LEAST_ONCE, "marker");
            }
            assertThat(receiveAndAck(client).payload()).isEqualTo("marker");
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-7] retained messages are not session state: they outlive the session of their "
            + "publisher")
    void retainedMessagesOutliveSession() {
        try (RawClient publisher = connect(broker, "retainer", true)) {
            publish(publisher, "session/retained", QoS.AT_LEAST_ONCE, true, "kept");
            disconnect(publisher);
        }
        awaitSessionGone(broker.broker(), "retainer");
        try (RawClient subscriber = connect(broker, "later", true)) {
            subscribe(subscriber, "session/retained", QoS.AT_LEAST_ONCE);
            Received retained = receivePublish(subscriber);
            assertThat(retained.payload()).isEqualTo("kept");
            assertThat(retained.retain()).isTrue();
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.3-2] the client identifier selects the session: each persistent client gets back its own "
            + "subscriptions and messages")
    void clientIdSelectsSession() {
        for (String clientId : new String[] {"alpha", "beta"}) {
            try (RawClient client = reconnect(clientId, false)) {
                subscribe(client, "session/" + clientId, QoS.AT_LEAST_ONCE);
            }
            awaitDetached(broker.broker(), clientId);
        }
        try (RawClient publisher = connect(broker, "ab-publisher", true)) {
            publish(publisher, "session/alpha", QoS.AT_LEAST_ONCE, "for alpha");
            publish(publisher, "session/beta", QoS.AT_LEAST_ONCE, "for beta");
        }
        for (String clientId : new String[] {"beta", "alpha"}) {
            try (RawClient client = reconnect(clientId, true)) {
                Received received = receiveAndAck(client);
                assertThat(received.topic()).isEqualTo("session/" + clientId);
                assertThat(received.payload()).isEqualTo("for " + clientId);
                assertNothingPendingBeforePing(client);
            }
        }
    }

    @Test
    @DisplayName("[MQTT-4.4.0-1] [MQTT-3.3.1-1] on reconnect with clean session 0 the broker sends again each "
            + "unacknowledged PUBLISH with DUP 1 and its packet identifier, then each unacknowledged PUBREL")
    void unacknowledgedResentOnReconnect() {
        Received one;
        Received two;
        try (RawClient client = reconnect("resend", false)) {
            subscribe(client, "resend/1", QoS.AT_LEAST_ONCE);
            subscribe(client, "resend/2", QoS.EXACTLY_ONCE);
            publishFrom(broker, "resend/1", QoS.AT_LEAST_ONCE, false, "one");
            publishFrom(broker, "resend/2", QoS.EXACTLY_ONCE, false, "two");
            one = receivePublish(client);
            two = receivePublish(client);
            assertThat(one.dup()).isFalse();
            assertThat(two.dup()).isFalse();
            // the socket closes without any acknowledgement
        }
        try (RawClient client = reconnect("resend", true)) {
            Received oneAgain = receivePublish(client);
            Received twoAgain = receivePublish(client);
            assertThat(oneAgain).isEqualTo(new Received("resend/1", QoS.AT_LEAST_ONCE, false, true, one.packetId(),
                    "one"));
            assertThat(twoAgain).isEqualTo(new Received("resend/2", QoS.EXACTLY_ONCE, false, true, two.packetId(),
                    "two"));
            client.send(new PubAck(one.packetId()));
            client.send(new PubRec(two.packetId()));
            assertThat(client.receive(PubRel.class).packetId()).isEqualTo(two.packetId());
            // the socket closes without PUBCOMP
        }
        try (RawClient client = reconnect("resend", true)) {
            assertThat(client.receive(PubRel.class).packetId()).isEqualTo(two.packetId());
            client.send(new PubComp(two.packetId()));
            assertNothingPendingBeforePing(client); // the acknowledged QoS 1 message is not sent again
            disconnect(client);
        }
        awaitDetached(broker.broker(), "resend");
        try (RawClient client = reconnect("resend", true)) {
            assertNothingPendingBeforePing(client); // the completed QoS 2 flow is over
        }
    }

    // ---- with Paho ----

    @Test
    @DisplayName("[MQTT-3.1.2-4] [MQTT-3.1.2-5] [MQTT-3.2.2-2] [MQTT-3.2.2-3] Paho: a persistent session reports "
            + "session present and receives the QoS 1 and 2 messages published while it was away")
    void pahoPersistentSession() throws Exception {
        MqttClient subscriber = paho(broker, "paho-persistent");
        try {
            assertThat(subscriber.connectWithResult(pahoOptions(false)).getSessionPresent()).isFalse();
            subscriber.subscribe("paho/persistent/#", 2);
            subscriber.disconnect();
        } finally {
            closeQuietly(subscriber);
        }
        awaitDetached(broker.broker(), "paho-persistent");
        MqttClient publisher = paho(broker, "paho-publisher");
        try {
            publisher.connect(pahoOptions(true));
            publisher.publish("paho/persistent/1", "at least once".getBytes(), 1, false);
            publisher.publish("paho/persistent/2", "exactly once".getBytes(), 2, false);
            publisher.disconnect();
        } finally {
            closeQuietly(publisher);
        }
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        MqttClient again = paho(broker, "paho-persistent");
        try {
            again.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    received.add(topic + " " + message.getQos() + " " + new String(message.getPayload()));
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            assertThat(again.connectWithResult(pahoOptions(false)).getSessionPresent()).isTrue();
            assertThat(received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo("paho/persistent/1 1 at least once");
            assertThat(received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo("paho/persistent/2 2 exactly once");
            again.disconnect();
        } finally {
            closeQuietly(again);
        }
    }

    @Test
    @DisplayName("[MQTT-3.2.2-1] Paho: clean session 1 always gets session present 0, even where a persistent session "
            + "was stored")
    void pahoCleanSessionNoSessionPresent() throws Exception {
        MqttClient client = paho(broker, "paho-clean");
        try {
            client.connect(pahoOptions(false));
            client.subscribe("paho/clean", 1);
            client.disconnect();
            awaitDetached(broker.broker(), "paho-clean");
            assertThat(client.connectWithResult(pahoOptions(true)).getSessionPresent()).isFalse();
            client.disconnect();
        } finally {
            closeQuietly(client);
        }
    }
}
