package io.tern.broker.v311;

import static io.tern.broker.support.Clients.closeQuietly;
import static io.tern.broker.support.Clients.paho;
import static io.tern.broker.support.Clients.pahoOptions;
import static io.tern.broker.support.Packets.connectPacket;
import static io.tern.broker.support.Packets.will;
import static io.tern.broker.support.RawFlows.assertNothingPendingBeforePing;
import static io.tern.broker.support.RawFlows.connect;
import static io.tern.broker.support.RawFlows.disconnect;
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
import io.tern.codec.packet.Connect;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The will: published when the connection ends in any way but DISCONNECT, with its QoS and retain
 * flag; discarded on DISCONNECT. (Keep alive expiry: {@link KeepAliveTest}; takeover:
 * {@link TakeoverTest}.)
 */
class WillTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    private static Connect withWill(String clientId, boolean cleanSession, String topic, QoS qos, boolean retain) {
        return connectPacket(clientId, cleanSession, 0, will(topic, "last words of " + clientId, qos, retain));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-8] [MQTT-3.1.2-16] the connection closed without DISCONNECT: the will is published, "
            + "not retained")
    void willPublishedOnSocketClose() {
        try (RawClient watcher = connect(broker, "watcher", true)) {
            subscribe(watcher, "will/#", QoS.EXACTLY_ONCE);
            RawClient client = connect(broker, withWill("dying", true, "will/dying", QoS.AT_LEAST_ONCE, false));
            client.close();
            Received will = receiveAndAck(watcher);
            assertThat(will.topic()).isEqualTo("will/dying");
            assertThat(will.payload()).isEqualTo("last words of dying");
            assertThat(will.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
            assertThat(will.retain()).isFalse();
            try (RawClient late = connect(broker, "late", true)) {
                subscribe(late, "will/dying", QoS.AT_LEAST_ONCE);
                assertNothingPendingBeforePing(late); // no retained will
            }
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-17] a will with will retain 1 is published as a retained message")
    void retainedWill() {
        try (RawClient watcher = connect(broker, "watcher", true)) {
            subscribe(watcher, "will/retained", QoS.AT_LEAST_ONCE);
            RawClient client = connect(broker, withWill("dying", true, "will/retained", QoS.AT_LEAST_ONCE, true));
            client.close();
            assertThat(receiveAndAck(watcher).payload()).isEqualTo("last words of dying");
        }
        try (RawClient late = connect(broker, "late", true)) {
            subscribe(late, "will/retained", QoS.AT_LEAST_ONCE);
            Received retained = receivePublish(late);
            assertThat(retained.topic()).isEqualTo("will/retained");
            assertThat(retained.payload()).isEqualTo("last words of dying");
            assertThat(retained.retain()).isTrue();
            assertThat(retained.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
        }
    }

    @ParameterizedTest(name = "will QoS {0}")
    @EnumSource(QoS.class)
    @DisplayName("[MQTT-3.1.2-8] the will is published with its will QoS")
    void willQos(QoS qos) {
        try (RawClient watcher = connect(broker, "watcher", true)) {
            subscribe(watcher, "will/qos", QoS.EXACTLY_ONCE);
            RawClient client = connect(broker, withWill("dying", true, "will/qos", qos, false));
            client.close();
            Received will = receiveAndAck(watcher);
            assertThat(will.payload()).isEqualTo("last words of dying");
            assertThat(will.qos()).isEqualTo(qos);
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-8] [MQTT-3.1.2-10] [MQTT-3.14.4-3] after DISCONNECT the will is discarded, not published")
    void noWillAfterDisconnect() {
        try (RawClient watcher = connect(broker, "watcher", true)) {
            subscribe(watcher, "will/polite", QoS.AT_LEAST_ONCE);
            try (RawClient client = connect(broker, withWill("polite", true, "will/polite", QoS.AT_LEAST_ONCE,
                    true))) {
                disconnect(client);
            }
            awaitSessionGone(broker.broker(), "polite"); // the end of the connection is handled
            publishFrom(broker, "will/polite", QoS.AT_LEAST_ONCE, false, "marker");
            assertThat(receiveAndAck(watcher).payload()).isEqualTo("marker");
        }
        try (RawClient late = connect(broker, "late", true)) {
            subscribe(late, "will/polite", QoS.AT_LEAST_ONCE);
            assertNothingPendingBeforePing(late); // the retained will was not stored either
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-12] without the will flag nothing is published when the connection ends abnormally")
    void noWillWithoutWillFlag() {
        try (RawClient watcher = connect(broker, "watcher", true)) {
            subscribe(watcher, "#", QoS.AT_LEAST_ONCE);
            try (RawClient client = connect(broker, "no-will", true)) {
                client.sendHex("00 00"); // reserved packet type 0: the broker closes the connection
                assertThat(client.awaitClose()).isTrue();
            }
            awaitSessionGone(broker.broker(), "no-will");
            publishFrom(broker, "marker", QoS.AT_LEAST_ONCE, false, "marker");
            Received first = receiveAndAck(watcher);
            assertThat(first.topic()).isEqualTo("marker");
        }
    }

    @Test
    @DisplayName("[MQTT-4.8.0-1] [MQTT-3.1.2-8] a protocol violation closes the connection and publishes the will")
    void willOnProtocolViolation() {
        try (RawClient watcher = connect(broker, "watcher", true)) {
            subscribe(watcher, "will/violation", QoS.AT_LEAST_ONCE);
            try (RawClient client = connect(broker, withWill("violator", true, "will/violation", QoS.AT_LEAST_ONCE,
                    false))) {
                client.sendHex("30 03 00 01 23"); // PUBLISH to "#": a wildcard in a topic name
                assertThat(client.closedWithoutData()).isTrue();
            }
            assertThat(receiveAndAck(watcher).payload()).isEqualTo("last words of violator");
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.0-2] [MQTT-3.1.2-8] a second CONNECT closes the connection and publishes the will")
    void willOnSecondConnect() {
        try (RawClient watcher = connect(broker, "watcher", true)) {
            subscribe(watcher, "will/twice", QoS.AT_LEAST_ONCE);
            try (RawClient client = connect(broker, withWill("twice", true, "will/twice", QoS.AT_LEAST_ONCE,
                    false))) {
                client.send(connectPacket("twice", true, 0));
                assertThat(client.closedWithoutData()).isTrue();
            }
            assertThat(receiveAndAck(watcher).payload()).isEqualTo("last words of twice");
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-8] [MQTT-3.1.2-10] the will belongs to the connection: published once when it closes, "
            + "not kept in the persistent session for the next connection")
    void willNotKeptInSession() {
        try (RawClient watcher = connect(broker, "watcher", true)) {
            subscribe(watcher, "will/persistent", QoS.AT_LEAST_ONCE);
            RawClient first = connect(broker, withWill("persistent", false, "will/persistent", QoS.AT_LEAST_ONCE,
                    false));
            first.close();
            assertThat(receiveAndAck(watcher).payload()).isEqualTo("last words of persistent");
            awaitDetached(broker.broker(), "persistent");
            RawClient second = connect(broker, "persistent", false); // no will this time
            second.close();
            awaitDetached(broker.broker(), "persistent");
            publishFrom(broker, "will/persistent", QoS.AT_LEAST_ONCE, false, "marker");
            assertThat(receiveAndAck(watcher).payload()).isEqualTo("marker");
        }
    }

    // ---- with Paho ----

    @Test
    @DisplayName("[MQTT-3.1.2-8] Paho: a client that drops its connection without DISCONNECT gets its will "
            + "published")
    void pahoWillOnAbnormalClose() throws Exception {
        try (RawClient watcher = connect(broker, "watcher", true)) {
            subscribe(watcher, "paho/will", QoS.EXACTLY_ONCE);
            MqttClient client = paho(broker, "paho-dying");
            try {
                MqttConnectOptions options = pahoOptions(true);
                options.setWill("paho/will", "paho is gone".getBytes(StandardCharsets.UTF_8), 2, false);
                client.connect(options);
                client.disconnectForcibly(0, TIMEOUT.toMillis(), false); // no DISCONNECT
            } finally {
                closeQuietly(client);
            }
            Received will = receiveAndAck(watcher);
            assertThat(will.topic()).isEqualTo("paho/will");
            assertThat(will.payload()).isEqualTo("paho is gone");
            assertThat(will.qos()).isEqualTo(QoS.EXACTLY_ONCE);
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-10] [MQTT-3.14.4-3] Paho: a client that disconnects normally has its will discarded")
    void pahoNoWillOnDisconnect() throws Exception {
        try (RawClient watcher = connect(broker, "watcher", true)) {
            subscribe(watcher, "paho/will", QoS.AT_LEAST_ONCE);
            MqttClient client = paho(broker, "paho-polite");
            try {
                MqttConnectOptions options = pahoOptions(true);
                options.setWill("paho/will", "paho is gone".getBytes(StandardCharsets.UTF_8), 1, false);
                client.connect(options);
                client.disconnect();
            } finally {
                closeQuietly(client);
            }
            awaitSessionGone(broker.broker(), "paho-polite");
            publishFrom(broker, "paho/will", QoS.AT_LEAST_ONCE, false, "marker");
            assertThat(receiveAndAck(watcher).payload()).isEqualTo("marker");
        }
    }
}
