package io.tern.broker.v311;

import static io.tern.broker.support.Clients.closeQuietly;
import static io.tern.broker.support.Clients.paho;
import static io.tern.broker.support.Clients.pahoOptions;
import static io.tern.broker.support.Packets.connectPacket;
import static io.tern.broker.support.Packets.will;
import static io.tern.broker.support.RawFlows.assertNothingPendingBeforePing;
import static io.tern.broker.support.RawFlows.connack;
import static io.tern.broker.support.RawFlows.connect;
import static io.tern.broker.support.RawFlows.publish;
import static io.tern.broker.support.RawFlows.publishFrom;
import static io.tern.broker.support.RawFlows.receiveAndAck;
import static io.tern.broker.support.RawFlows.receivePublish;
import static io.tern.broker.support.RawFlows.subscribe;
import static io.tern.broker.support.Waits.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows.Received;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Connack;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A second connection with a client identifier in use closes the first ("take-over"). */
class TakeoverTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    private static Connack assertAccepted(Connack connack, boolean sessionPresent) {
        assertThat(connack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        assertThat(connack.sessionPresent()).as("session present").isEqualTo(sessionPresent);
        return connack;
    }

    @Test
    @DisplayName("[MQTT-3.1.4-2] [MQTT-3.1.2-8] a new connection with the client identifier of a connected client "
            + "closes the old connection, whose will is published; the new one is accepted")
    void takeoverClosesOldConnection() {
        try (RawClient watcher = connect(broker, "watcher", true)) {
            subscribe(watcher, "takeover/will", QoS.AT_LEAST_ONCE);
            try (RawClient old = connect(broker, connectPacket("twin", true, 0,
                    will("takeover/will", "taken over", QoS.AT_LEAST_ONCE, false)));
                 RawClient fresh = broker.rawClient()) {
                assertAccepted(connack(fresh, "twin", true), false);
                assertThat(old.closedWithoutData()).as("the old connection is closed").isTrue();
                Received will = receiveAndAck(watcher);
                assertThat(will.topic()).isEqualTo("takeover/will");
                assertThat(will.payload()).isEqualTo("taken over");
                assertNothingPendingBeforePing(fresh);
            }
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.4-2] [MQTT-3.2.2-2] [MQTT-4.4.0-1] a takeover with clean session 0 resumes the session of "
            + "the old connection: session present 1, its unacknowledged message sent again")
    void takeoverResumesPersistentSession() {
        try (RawClient old = connect(broker, "twin", false)) {
            subscribe(old, "takeover/persistent", QoS.AT_LEAST_ONCE);
            publishFrom(broker, "takeover/persistent", QoS.AT_LEAST_ONCE, false, "in flight");
            Received first = receivePublish(old); // not acknowledged
            try (RawClient fresh = broker.rawClient()) {
                assertAccepted(connack(fresh, "twin", false), true);
                assertThat(old.awaitClose()).as("the old connection is closed").isTrue();
                Received again = receivePublish(fresh);
                assertThat(again.packetId()).isEqualTo(first.packetId());
                assertThat(again.dup()).isTrue();
                assertThat(again.payload()).isEqualTo("in flight");
            }
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.4-2] [MQTT-3.1.2-6] [MQTT-3.2.2-1] a takeover with clean session 1 discards the session of "
            + "the old connection")
    void cleanTakeoverDiscardsSession() {
        assertTakeoverStartsAfresh(false, true);
    }

    @Test
    @DisplayName("[MQTT-3.1.4-2] [MQTT-3.1.2-6] [MQTT-3.2.2-3] a takeover with clean session 0 of a clean-session "
            + "connection does not inherit its session: session present 0, none of its subscriptions")
    void persistentTakeoverOfCleanSession() {
        assertTakeoverStartsAfresh(true, false);
    }

    /**
     * A connection of "twin" with {@code oldCleanSession} subscribes, then is taken over by one with
     * {@code freshCleanSession}: the old connection is closed, the new one gets session present 0 and
     * none of the old subscriptions (a message to them does not come before a later marker).
     */
    private void assertTakeoverStartsAfresh(boolean oldCleanSession, boolean freshCleanSession) {
        try (RawClient old = connect(broker, "twin", oldCleanSession)) {
            subscribe(old, "takeover/old", QoS.AT_LEAST_ONCE);
            try (RawClient fresh = broker.rawClient()) {
                assertAccepted(connack(fresh, "twin", freshCleanSession), false);
                assertThat(old.closedWithoutData()).isTrue();
                subscribe(fresh, "takeover/marker", QoS.AT_LEAST_ONCE);
                try (RawClient publisher = connect(broker, "publisher", true)) {
                    publish(publisher, "takeover/old", QoS.AT_LEAST_ONCE, "not subscribed");
                    publish(publisher, "takeover/marker", QoS.AT_LEAST_ONCE, "marker");
                }
                assertThat(receiveAndAck(fresh).payload()).isEqualTo("marker");
            }
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.4-2] Paho: a connected client loses its connection when another connects with its "
            + "client identifier")
    void pahoClientTakenOver() throws Exception {
        CountDownLatch lost = new CountDownLatch(1);
        MqttClient old = paho(broker, "paho-twin");
        MqttClient fresh = paho(broker, "paho-twin");
        try {
            old.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    lost.countDown();
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            old.connect(pahoOptions(true));
            fresh.connect(pahoOptions(true));
            assertThat(lost.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("old connection lost").isTrue();
            assertThat(fresh.isConnected()).isTrue();
            fresh.disconnect();
        } finally {
            closeQuietly(old);
            closeQuietly(fresh);
        }
    }
}
