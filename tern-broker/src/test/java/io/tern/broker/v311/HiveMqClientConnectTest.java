package io.tern.broker.v311;

import static io.tern.broker.support.Clients.closeQuietly;
import static io.tern.broker.support.Clients.hiveMq;
import static io.tern.broker.support.Packets.connectPacket;
import static io.tern.broker.support.RawFlows.connect;
import static io.tern.broker.support.RawFlows.publishFrom;
import static io.tern.broker.support.RawFlows.receiveAndAck;
import static io.tern.broker.support.RawFlows.subscribe;
import static io.tern.broker.support.Waits.TIMEOUT;
import static io.tern.broker.support.Waits.awaitDetached;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient.Mqtt3Publishes;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows.Received;
import io.tern.codec.QoS;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Connections and sessions as the HiveMQ MQTT Client sees them, in MQTT 3.1.1 mode. */
class HiveMqClientConnectTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    private static String text(Mqtt3Publish publish) {
        return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    private static String describe(Mqtt3Publish publish) {
        return publish.getTopic() + " " + publish.getQos().getCode() + " " + text(publish);
    }

    @Test
    @DisplayName("[MQTT-3.1.4-4] [MQTT-3.2.2-1] HiveMQ client: a clean session is accepted with session present 0")
    void connectsWithCleanSession() {
        Mqtt3BlockingClient client = hiveMq(broker, "hive-clean");
        try {
            Mqtt3ConnAck connAck = client.connectWith().cleanSession(true).send();
            assertThat(connAck.getReturnCode()).isEqualTo(Mqtt3ConnAckReturnCode.SUCCESS);
            assertThat(connAck.isSessionPresent()).isFalse();
            client.disconnect();
        } finally {
            closeQuietly(client);
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-4] [MQTT-3.1.2-5] [MQTT-3.2.2-2] [MQTT-3.2.2-3] HiveMQ client: a persistent session "
            + "reports session present and gets what was published while it was away")
    void persistentSession() throws Exception {
        Mqtt3BlockingClient first = hiveMq(broker, "hive-persistent");
        try {
            Mqtt3ConnAck connAck = first.connectWith().cleanSession(false).send();
            assertThat(connAck.isSessionPresent()).isFalse();
            first.subscribeWith().topicFilter("hive/persistent").qos(MqttQos.EXACTLY_ONCE).send();
            first.disconnect();
        } finally {
            closeQuietly(first);
        }
        awaitDetached(broker.broker(), "hive-persistent");
        publishFrom(broker, "hive/persistent", QoS.AT_LEAST_ONCE, false, "while away 1");
        publishFrom(broker, "hive/persistent", QoS.EXACTLY_ONCE, false, "while away 2");
        Mqtt3BlockingClient again = hiveMq(broker, "hive-persistent");
        try (Mqtt3Publishes publishes = again.publishes(MqttGlobalPublishFilter.ALL)) {
            Mqtt3ConnAck connAck = again.connectWith().cleanSession(false).send();
            assertThat(connAck.isSessionPresent()).isTrue();
            Optional<Mqtt3Publish> one = publishes.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Optional<Mqtt3Publish> two = publishes.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(one).map(HiveMqClientConnectTest::describe).contains("hive/persistent 1 while away 1");
            assertThat(two).map(HiveMqClientConnectTest::describe).contains("hive/persistent 2 while away 2");
            again.disconnect();
        } finally {
            closeQuietly(again);
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.3-6] HiveMQ client: without a client identifier (zero-length) and with a clean session it "
            + "is accepted and works")
    void zeroLengthClientId() throws Exception {
        Mqtt3BlockingClient client = MqttClient.builder().useMqttVersion3()
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        try (Mqtt3Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            Mqtt3ConnAck connAck = client.connectWith().cleanSession(true).send();
            assertThat(connAck.getReturnCode()).isEqualTo(Mqtt3ConnAckReturnCode.SUCCESS);
            client.subscribeWith().topicFilter("hive/anonymous").qos(MqttQos.AT_LEAST_ONCE).send();
            client.publishWith().topic("hive/anonymous").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("to myself".getBytes(StandardCharsets.UTF_8)).send();
            Optional<Mqtt3Publish> received = publishes.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(received).map(HiveMqClientConnectTest::text).contains("to myself");
            client.disconnect();
        } finally {
            closeQuietly(client);
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.3-8] HiveMQ client: a zero-length client identifier without clean session is refused "
            + "with return code 0x02")
    void zeroLengthClientIdWithoutCleanSession() {
        Mqtt3BlockingClient client = MqttClient.builder().useMqttVersion3()
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        try {
            assertThatThrownBy(() -> client.connectWith().cleanSession(false).send())
                    .isInstanceOf(Mqtt3ConnAckException.class)
                    .extracting(e -> ((Mqtt3ConnAckException) e).getMqttMessage().getReturnCode())
                    .isEqualTo(Mqtt3ConnAckReturnCode.IDENTIFIER_REJECTED);
        } finally {
            closeQuietly(client);
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.4-2] [MQTT-3.1.2-8] HiveMQ client: taken over by a connection with its client identifier, "
            + "it is disconnected and its will published")
    void takeoverPublishesWill() throws Exception {
        CountDownLatch disconnected = new CountDownLatch(1);
        Mqtt3BlockingClient old = MqttClient.builder().useMqttVersion3()
                .identifier("hive-twin")
                .serverHost("127.0.0.1").serverPort(broker.port())
                .addDisconnectedListener(context -> disconnected.countDown())
                .buildBlocking();
        Mqtt3BlockingClient fresh = hiveMq(broker, "hive-twin");
        try (RawClient watcher = connect(broker, "watcher", true)) {
            subscribe(watcher, "hive/will", QoS.EXACTLY_ONCE);
            old.connectWith().cleanSession(true)
                    .willPublish().topic("hive/will").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("taken over".getBytes(StandardCharsets.UTF_8)).applyWillPublish()
                    .send();
            fresh.connectWith().cleanSession(true).send();
            assertThat(disconnected.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("old client disconnected")
                    .isTrue();
            Received will = receiveAndAck(watcher);
            assertThat(will.topic()).isEqualTo("hive/will");
            assertThat(will.payload()).isEqualTo("taken over");
            assertThat(will.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
            assertThat(fresh.getState().isConnected()).isTrue();
            fresh.disconnect();
        } finally {
            closeQuietly(old);
            closeQuietly(fresh);
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-24] [MQTT-3.12.4-1] HiveMQ client: with keep alive 1 s it pings and stays connected "
            + "beyond 1.5 x keep alive")
    void keepAlive() throws Exception {
        Mqtt3BlockingClient client = hiveMq(broker, "hive-keepalive");
        try (Mqtt3Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.connectWith().cleanSession(true).keepAlive(1).send();
            client.subscribeWith().topicFilter("hive/keepalive").qos(MqttQos.AT_LEAST_ONCE).send();
            // a clock: a silent raw connection with keep alive 1, closed by the broker 1.5 s after its CONNECT
            try (RawClient clock = connect(broker, connectPacket("clock", true, 1))) {
                assertThat(clock.awaitClose()).isTrue();
            }
            publishFrom(broker, "hive/keepalive", QoS.AT_LEAST_ONCE, false, "still connected");
            Optional<Mqtt3Publish> received = publishes.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(received).map(HiveMqClientConnectTest::text).contains("still connected");
            client.disconnect();
        } finally {
            closeQuietly(client);
        }
    }
}
