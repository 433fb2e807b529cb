package io.tern.broker.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.BrokerConfig;
import io.tern.broker.TernBroker;
import io.tern.broker.support.Clients5;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.Hex;
import io.tern.broker.support.Packets;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows;
import io.tern.broker.support.V5Flows;
import io.tern.broker.support.Waits;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.Subscription;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile input over real sockets: each such connection is closed cleanly, with the answer the
 * specification gives where it gives one, while a well-behaved Paho MQTT 5 client on the same broker
 * keeps publishing and receiving throughout. Maximum packet size 128 KiB, connect timeout 1 s, topic
 * levels at most 200 (the default).
 */
class HostileInputTest {
    private static final int MAX_PACKET_SIZE = 128 * 1024;

    @RegisterExtension
    final EmbeddedBroker broker = EmbeddedBroker.withConfig(BrokerConfig.builder().maxPacketSize(MAX_PACKET_SIZE)
            .connectTimeout(Duration.ofSeconds(1)).build());

    private MqttClient bystander;
    private final BlockingQueue<String> bystanderReceived = new LinkedBlockingQueue<>();
    private int round;

    @BeforeEach
    void connectBystander() throws Exception {
        bystander = Clients5.paho(broker, "bystander");
        bystander.setCallback(new Collector(bystanderReceived));
        bystander.connect(Clients5.pahoOptions());
        bystander.subscribe("calm/#", 1);
        assertBystanderUndisturbed();
    }

    @AfterEach
    void bystanderStillWorks() throws Exception {
        try {
            assertBystanderUndisturbed();
        } finally {
            Clients5.closeQuietly(bystander);
        }
    }

    @Test
    @DisplayName("a client that never finishes its CONNECT is closed after the connect timeout")
    void unfinishedConnectClosed() {
        try (RawClient client = broker.rawClient()) {
            byte[] connect = Packets.connectBytes("MQTT", 4, 0x02, 0, "half");
            client.sendBytes(Arrays.copyOf(connect, connect.length / 2));
            assertThat(client.awaitClose()).isTrue();
        }
    }

    @Test
    @DisplayName("with the default maximum packet size (256 MiB), a CONNECT announcing 2 MiB is "
            + "refused from its fixed header: the connection closes without waiting for the body")
    void hugeConnectRefusedBeforeItsBody() {
        try (TernBroker defaults = TernBroker.builder().listen("127.0.0.1", 0).build()) {
            try (RawClient client = new RawClient(defaults.start().get(0).getPort())) {
                client.sendHex("10 80 80 80 01 00 04 4d 51 54 54 05");
                assertThat(client.closedWithoutData()).isTrue();
            }
        }
    }

    @Test
    @DisplayName("[MQTT-3.2.2-15] MQTT 5: a remaining length of 256 MiB, beyond the maximum packet size, gets "
            + "DISCONNECT 0x95 before its body comes, then the connection closes")
    void hugeRemainingLengthV5() {
        try (RawClient client = V5Flows.connect(broker, "huge5")) {
            client.sendHex("30 ff ff ff 7f");
            V5Flows.expectDisconnect(client, ReasonCode.PACKET_TOO_LARGE);
        }
    }

    @Test
    @DisplayName("MQTT 3.1.1: a remaining length of 256 MiB closes the connection, before or after CONNECT")
    void hugeRemainingLengthV311() {
        try (RawClient before = broker.rawClient(); RawClient after = RawFlows.connect(broker, "huge3")) {
            before.sendHex("10 ff ff ff 7f");
            after.sendHex("30 ff ff ff 7f");
            assertThat(before.closedWithoutData()).isTrue();
            assertThat(after.closedWithoutData()).isTrue();
        }
    }

    @Test
    @DisplayName("[MQTT-4.7.3-3] strings of 65,535 bytes: a client identifier that long is accepted, a topic that "
            + "long is routed; a string announcing 65,535 bytes that the packet does not hold is malformed (0x81)")
    void strings65535Bytes() throws Exception {
        String longest = "s".repeat(0xFFFF);
        try (RawClient client = broker.rawClient()) {
            assertThat(RawFlows.connack(client, Packets.connectPacket(longest, true, 0)).reasonCode())
                    .isEqualTo(ReasonCode.SUCCESS);
        }
        try (RawClient subscriber = RawFlows.connect(broker, "long-sub");
             RawClient publisher = RawFlows.connect(broker, "long-pub")) {
            RawFlows.subscribe(subscriber, "#", QoS.AT_MOST_ONCE);
            RawFlows.publish(publisher, longest, QoS.AT_LEAST_ONCE, "long topic");
            assertThat(RawFlows.receivePublish(subscriber).topic()).isEqualTo(longest);
        }
        try (RawClient client = V5Flows.connect(broker, "short5")) {
            // PUBLISH QoS 0 whose topic announces 65,535 bytes but the packet holds 3
            client.sendHex("30 05 ff ff 61 62 63");
            V5Flows.expectDisconnect(client, ReasonCode.MALFORMED_PACKET);
        }
    }

    @Test
    @DisplayName("topics of 30,000 levels: a filter gets SUBACK 0x8F (MQTT 5) or 0x80 (MQTT 3.1.1), a PUBLISH "
            + "DISCONNECT 0x90 (MQTT 5)")
    void deepTopicLevels() {
        String deep = "a/".repeat(30_000) + "a";
        try (RawClient v5 = V5Flows.connect(broker, "deep5"); RawClient v3 = RawFlows.connect(broker, "deep3")) {
            assertThat(V5Flows.subscribe(v5, 1, MqttProperties.EMPTY, new Subscription(deep, QoS.AT_MOST_ONCE))
                    .reasonCodes()).containsExactly(ReasonCode.TOPIC_FILTER_INVALID);
            assertThat(RawFlows.subscribe(v3, 1, new Subscription(deep, QoS.AT_MOST_ONCE)).reasonCodes())
                    .containsExactly(ReasonCode.UNSPECIFIED_ERROR);
            V5Flows.send(v5, V5Flows.publishPacket(deep, QoS.AT_MOST_ONCE, false, 0, MqttProperties.EMPTY, "x"));
            V5Flows.expectDisconnect(v5, ReasonCode.TOPIC_NAME_INVALID);
        }
    }

    @Test
    @DisplayName("[MQTT-1.5.4-1] [MQTT-1.5.4-2] MQTT 5: a topic with an encoded surrogate, or with U+0000, is "
            + "malformed: DISCONNECT 0x81")
    void invalidUtf8() {
        for (String topicHex : new String[] {"61 ed a0 80", "61 00 62"}) {
            try (RawClient client = V5Flows.connect(broker, "utf8")) {
                client.sendBytes(publishWithTopicBytes(topicHex));
                V5Flows.expectDisconnect(client, ReasonCode.MALFORMED_PACKET);
            }
        }
    }

    @Test
    @DisplayName("[MQTT-3.14.0-1] [MQTT-4.13.1-1] MQTT 5: a malformed packet sent with CONNECT in one write gets "
            + "CONNACK 0x81 (or, if CONNECT was done with first, CONNACK then DISCONNECT 0x81), never DISCONNECT first")
    void malformedPacketRightBehindConnect() {
        for (int i = 0; i < 5; i++) {
            try (RawClient client = V5Flows.client(broker)) {
                byte[] connect = Packets.encode(V5Flows.connectPacket("behind" + i, true, MqttProperties.EMPTY),
                        MqttVersion.V5);
                client.sendBytes(Packets.concat(connect, Hex.bytes("32 04 00 01 61 00")));
                Connack connack = client.receive(Connack.class);
                if (connack.reasonCode() == ReasonCode.SUCCESS) {
                    V5Flows.expectDisconnect(client, ReasonCode.MALFORMED_PACKET);
                } else {
                    assertThat(connack.reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
                    assertThat(client.closedWithoutData()).isTrue();
                }
            }
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.0-1] 30 connections that send 2 KiB of random bytes are all closed; none gets more than "
            + "a refusing CONNACK")
    void randomBytes() {
        Random random = new Random(8);
        for (int i = 0; i < 30; i++) {
            byte[] noise = new byte[2048];
            random.nextBytes(noise);
            try (RawClient client = broker.rawClient()) {
                client.sendBytes(noise);
                assertThat(closedWithAtMostARefusal(client)).as("connection %d closed", i).isTrue();
            }
        }
    }

    /** Whether the broker closes the connection having sent nothing, or only a CONNACK that refuses. */
    private static boolean closedWithAtMostARefusal(RawClient client) {
        try {
            Connack connack = client.receive(Connack.class);
            return connack.reasonCode().isError() && client.closedWithoutData();
        } catch (AssertionError closedOrNothing) {
            return client.closedWithoutData();
        }
    }

    /** An MQTT 5 PUBLISH, QoS 0, whose topic is the given bytes, no properties, payload "p". */
    private static byte[] publishWithTopicBytes(String topicHex) {
        byte[] topic = Hex.bytes(topicHex);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0);
        body.write(topic.length);
        body.writeBytes(topic);
        body.write(0); // property length
        body.write('p');
        return Packets.packet(0x30, body.toByteArray());
    }

    /** The bystander publishes a message of its own and receives it. */
    private void assertBystanderUndisturbed() throws Exception {
        String payload = "round " + round++;
        bystander.publish("calm/t", payload.getBytes(StandardCharsets.UTF_8), 1, false);
        assertThat(bystanderReceived.poll(Waits.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(payload);
        assertThat(bystander.isConnected()).isTrue();
    }

    /** Queues the payloads a Paho client receives. */
    private record Collector(BlockingQueue<String> received) implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
        }

        @Override
        public void authPacketArrived(int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties props) {
        }
    }
}
