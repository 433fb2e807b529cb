package io.tern.broker.v311;

import static io.tern.broker.support.Clients.closeQuietly;
import static io.tern.broker.support.Clients.paho;
import static io.tern.broker.support.Clients.pahoOptions;
import static io.tern.broker.support.Packets.connectBytes;
import static io.tern.broker.support.RawFlows.publishFrom;
import static io.tern.broker.support.RawFlows.receivePublish;
import static io.tern.broker.support.RawFlows.subscribe;
import static io.tern.broker.support.Waits.TIMEOUT;
import static io.tern.broker.support.Waits.awaitDetached;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.Connect;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MQTT 3.1 (protocol name MQIsdp, level 3) where it differs from 3.1.1. */
class ConnectMqtt31Test {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    private static Connect connect31(String clientId, boolean cleanSession) {
        return new Connect(MqttVersion.V3_1, clientId, cleanSession, 0, null, null, null, MqttProperties.EMPTY);
    }

    private static MqttConnectOptions options31(boolean cleanSession) {
        MqttConnectOptions options = pahoOptions(cleanSession);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1);
        return options;
    }

    @Test
    @DisplayName("MQTT 3.1: protocol name MQIsdp with level 3 is accepted")
    void acceptsMqIsdp() {
        try (RawClient client = broker.rawClient().version(MqttVersion.V3_1)) {
            client.sendBytes(connectBytes("MQIsdp", 3, 0x02, 60, "old-client"));
            Connack connack = client.receive(Connack.class);
            assertThat(connack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(connack.sessionPresent()).isFalse();
            subscribe(client, "v31/#", QoS.EXACTLY_ONCE);
            publishFrom(broker, "v31/x", QoS.AT_LEAST_ONCE, false, "hello 3.1");
            assertThat(receivePublish(client).payload()).isEqualTo("hello 3.1");
        }
    }

    @Test
    @DisplayName("MQTT 3.1: protocol name MQTT with level 3, or MQIsdp with level 4, gets CONNACK 0x01 and close")
    void mismatchedNameAndLevel() {
        for (byte[] connect : new byte[][] {connectBytes("MQTT", 3, 0x02, 0, "mixed"),
            connectBytes("MQIsdp", 4, 0x02, 0, "mixed")}) {
            try (RawClient client = broker.rawClient()) {
                client.sendBytes(connect);
                assertThat(client.receive(Connack.class).reasonCode())
                        .isEqualTo(ReasonCode.UNSUPPORTED_PROTOCOL_VERSION);
                assertThat(client.awaitClose()).isTrue();
            }
        }
    }

    @Test
    @DisplayName("MQTT 3.1: a client identifier of 23 characters is accepted, of 24 refused with CONNACK 0x02 and "
            + "close")
    void clientIdLongerThan23Refused() {
        try (RawClient client = broker.rawClient().version(MqttVersion.V3_1)) {
            client.send(connect31("x".repeat(23), true));
            assertThat(client.receive(Connack.class).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        }
        try (RawClient client = broker.rawClient().version(MqttVersion.V3_1)) {
            client.send(connect31("x".repeat(24), true));
            Connack connack = client.receive(Connack.class);
            assertThat(connack.reasonCode()).isEqualTo(ReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
            assertThat(connack.sessionPresent()).isFalse();
            assertThat(client.awaitClose()).isTrue();
        }
    }

    @Test
    @DisplayName("MQTT 3.1: a zero-length client identifier is refused with CONNACK 0x02 and close, even with clean "
            + "session")
    void zeroLengthClientIdRefused() {
        try (RawClient client = broker.rawClient().version(MqttVersion.V3_1)) {
            client.send(connect31("", true));
            assertThat(client.receive(Connack.class).reasonCode()).isEqualTo(ReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
            assertThat(client.awaitClose()).isTrue();
        }
    }

    @Test
    @DisplayName("MQTT 3.1: a resumed persistent session keeps its subscriptions; the CONNACK flags byte, reserved in "
            + "3.1, stays 0")
    void persistentSessionWithoutSessionPresentFlag() {
        try (RawClient client = broker.rawClient().version(MqttVersion.V3_1)) {
            client.send(connect31("old-persistent", false));
            assertThat(client.receive(Connack.class).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            subscribe(client, "v31/persistent", QoS.AT_LEAST_ONCE);
        }
        awaitDetached(broker.broker(), "old-persistent");
        publishFrom(broker, "v31/persistent", QoS.AT_LEAST_ONCE, false, "kept for 3.1");
        try (RawClient client = broker.rawClient().version(MqttVersion.V3_1)) {
            client.send(connect31("old-persistent", false));
            Connack connack = client.receive(Connack.class);
            assertThat(connack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(connack.sessionPresent()).as("bit 0 of a 3.1 CONNACK's reserved byte").isFalse();
            assertThat(receivePublish(client).payload()).isEqualTo("kept for 3.1");
        }
    }

    @Test
    @DisplayName("MQTT 3.1 with Paho: connect, subscribe, publish and receive at QoS 0, 1 and 2")
    void pahoMqtt31RoundTrip() throws Exception {
        MqttClient client = paho(broker, "paho31");
        try {
            client.connect(options31(true));
            BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
            client.subscribe("paho31/#", 2, (topic, message) -> received.add(message));
            for (int qos = 0; qos <= 2; qos++) {
                client.publish("paho31/t", ("m" + qos).getBytes(), qos, false);
                MqttMessage message = received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertThat(message).isNotNull();
                assertThat(new String(message.getPayload())).isEqualTo("m" + qos);
                assertThat(message.getQos()).isEqualTo(qos);
            }
            client.disconnect();
        } finally {
            closeQuietly(client);
        }
    }

    @Test
    @DisplayName("MQTT 3.1 with Paho: a client identifier longer than 23 characters is refused with return code 2")
    void pahoMqtt31LongClientId() throws Exception {
        MqttClient client = paho(broker, "a-client-id-that-is-too-long-for-3-1");
        try {
            assertThatThrownBy(() -> client.connect(options31(true)))
                    .isInstanceOf(MqttException.class)
                    .extracting(e -> ((MqttException) e).getReasonCode())
                    .isEqualTo((int) MqttException.REASON_CODE_INVALID_CLIENT_ID);
        } finally {
            closeQuietly(client);
        }
    }
}
