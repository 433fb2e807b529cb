package io.tern.broker.v311;

import static io.tern.broker.support.Packets.concat;
import static io.tern.broker.support.Packets.connectBytes;
import static io.tern.broker.support.Packets.connectPacket;
import static io.tern.broker.support.Packets.packet;
import static io.tern.broker.support.RawFlows.connect;
import static io.tern.broker.support.RawFlows.publishFrom;
import static io.tern.broker.support.RawFlows.receivePublish;
import static io.tern.broker.support.RawFlows.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.Hex;
import io.tern.broker.support.RawClient;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.PingResp;
import io.tern.codec.packet.Suback;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CONNECT as the broker validates it, byte by byte: what is accepted, refused with CONNACK, or closed. */
class ConnectValidationRawTest {
    /** Connect flags: clean session. */
    private static final int CLEAN = 0x02;

    /** Bytes that are not UTF-8: a lead byte followed by a byte that cannot continue it. */
    private static final byte[] NOT_UTF8 = {(byte) 0xC3, 0x28};

    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void assertClosedWithoutConnack(byte[] connect) {
        try (RawClient client = broker.rawClient()) {
            client.sendBytes(connect);
            assertThat(client.closedWithoutData()).as("closed without CONNACK").isTrue();
        }
    }

    private void assertRefused(byte[] connect, ReasonCode code) {
        try (RawClient client = broker.rawClient()) {
            client.sendBytes(connect);
            Connack connack = client.receive(Connack.class);
            assertThat(connack.reasonCode()).isEqualTo(code);
            assertThat(connack.sessionPresent()).isFalse();
            assertThat(client.awaitClose()).as("closed after the refusal").isTrue();
        }
    }

    // ---- first packet ----

    @ParameterizedTest(name = "first packet {0}")
    @ValueSource(strings = {
        "c0 00", // PINGREQ
        "30 06 00 01 61 68 69 21", // PUBLISH QoS 0 to "a"
        "82 06 00 01 00 01 61 00", // SUBSCRIBE "a" QoS 0
        "e0 00", // DISCONNECT
    })
    @DisplayName("[MQTT-3.1.0-1] a first packet other than CONNECT closes the connection without CONNACK")
    void firstPacketMustBeConnect(String packet) {
        assertClosedWithoutConnack(Hex.bytes(packet));
    }

    @Test
    @DisplayName("[MQTT-3.1.0-2] [MQTT-4.8.0-1] a second CONNECT on a connection closes it")
    void secondConnectCloses() {
        try (RawClient client = connect(broker, "twice", true)) {
            client.send(connectPacket("twice", true, 0));
            assertThat(client.closedWithoutData()).isTrue();
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.0-2] [MQTT-3.2.0-1] a second CONNECT pipelined behind the first: CONNACK, then close")
    void pipelinedSecondConnectCloses() {
        byte[] connect = connectBytes("MQTT", 4, CLEAN, 0, "twice");
        try (RawClient client = broker.rawClient()) {
            client.sendBytes(concat(connect, connect));
            assertThat(client.receive(Connack.class).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(client.closedWithoutData()).isTrue();
        }
    }

    // ---- protocol name and level ----

    @ParameterizedTest(name = "protocol name \"{0}\"")
    @ValueSource(strings = {"MQTX", "mqtt", "MQIsdp", "MQTT-3.1.1", ""})
    @DisplayName("[MQTT-3.1.2-1] [MQTT-3.2.2-4] [MQTT-3.2.2-5] a protocol name other than MQTT with level 4 is not "
            + "processed as MQTT 3.1.1: CONNACK 0x01, session present 0, then close")
    void wrongProtocolName(String name) {
        assertRefused(connectBytes(name, 4, CLEAN, 0, "name"), ReasonCode.UNSUPPORTED_PROTOCOL_VERSION);
    }

    @ParameterizedTest(name = "level {0}")
    @ValueSource(ints = {0, 1, 2, 3, 6, 7, 0x84, 0xFF})
    @DisplayName("[MQTT-3.1.2-2] [MQTT-3.2.2-4] [MQTT-3.2.2-5] an unsupported protocol level with name MQTT gets "
            + "CONNACK 0x01 with session present 0, then close")
    void unsupportedLevel(int level) {
        assertRefused(connectBytes("MQTT", level, CLEAN, 0, "level"), ReasonCode.UNSUPPORTED_PROTOCOL_VERSION);
    }

    // ---- connect flags ----

    @Test
    @DisplayName("[MQTT-3.1.2-3] [MQTT-3.1.4-1] [MQTT-3.2.2-6] the reserved connect flag set: close without CONNACK")
    void reservedConnectFlag() {
        assertClosedWithoutConnack(connectBytes("MQTT", 4, CLEAN | 0x01, 0, "reserved"));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-11] [MQTT-3.1.2-13] [MQTT-3.1.4-1] will QoS 1 without the will flag: close without "
            + "CONNACK")
    void willQosWithoutWillFlag() {
        assertClosedWithoutConnack(connectBytes("MQTT", 4, CLEAN | 0x08, 0, "willqos"));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-11] [MQTT-3.1.2-13] [MQTT-3.1.4-1] will QoS 2 without the will flag: close without "
            + "CONNACK")
    void willQos2WithoutWillFlag() {
        assertClosedWithoutConnack(connectBytes("MQTT", 4, CLEAN | 0x10, 0, "willqos"));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-11] [MQTT-3.1.2-15] [MQTT-3.1.4-1] will retain without the will flag: close without "
            + "CONNACK")
    void willRetainWithoutWillFlag() {
        assertClosedWithoutConnack(connectBytes("MQTT", 4, CLEAN | 0x20, 0, "willretain"));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-14] [MQTT-3.1.4-1] will QoS 3: close without CONNACK")
    void willQos3() {
        assertClosedWithoutConnack(connectBytes("MQTT", 4, CLEAN | 0x04 | 0x18, 0, "willqos3", "will/t", "gone"));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-9] [MQTT-3.1.4-1] will flag set but no will topic and message: close without CONNACK")
    void willFieldsMissing() {
        assertClosedWithoutConnack(connectBytes("MQTT", 4, CLEAN | 0x04, 0, "nowill"));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-9] [MQTT-3.1.4-1] will flag set with a will topic but no will message: close without "
            + "CONNACK")
    void willMessageMissing() {
        assertClosedWithoutConnack(connectBytes("MQTT", 4, CLEAN | 0x04, 0, "nowillmessage", "will/t"));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-22] [MQTT-3.1.4-1] a password without a user name: close without CONNACK")
    void passwordWithoutUserName() {
        assertClosedWithoutConnack(connectBytes("MQTT", 4, CLEAN | 0x40, 0, "nouser", "secret"));
    }

    @Test
    @DisplayName("[MQTT-3.1.4-1] [MQTT-3.2.2-6] a will topic with a wildcard: close without CONNACK")
    void willTopicWithWildcard() {
        assertClosedWithoutConnack(connectBytes("MQTT", 4, CLEAN | 0x04, 0, "wildwill", "will/#", "gone"));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-18] [MQTT-3.1.4-1] a user name field without the user name flag (bytes beyond the "
            + "fields the flags announce): close without CONNACK")
    void userNameWithoutFlag() {
        assertClosedWithoutConnack(connectBytes("MQTT", 4, CLEAN, 0, "trailing", "user"));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-20] [MQTT-3.1.4-1] a password field without the password flag: close without CONNACK")
    void passwordWithoutFlag() {
        assertClosedWithoutConnack(connectBytes("MQTT", 4, CLEAN | 0x80, 0, "trailing", "user", "secret"));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-19] [MQTT-3.1.4-1] the user name flag without a user name field: close without CONNACK")
    void userNameFlagWithoutField() {
        assertClosedWithoutConnack(connectBytes("MQTT", 4, CLEAN | 0x80, 0, "nouser"));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-21] [MQTT-3.1.4-1] the password flag without a password field: close without CONNACK")
    void passwordFlagWithoutField() {
        assertClosedWithoutConnack(connectBytes("MQTT", 4, CLEAN | 0x80 | 0x40, 0, "nopassword", "user"));
    }

    @Test
    @DisplayName("[MQTT-3.1.3-3] [MQTT-3.1.4-1] a CONNECT without a client identifier field: close without CONNACK")
    void clientIdMissing() {
        assertClosedWithoutConnack(connectBytes("MQTT", 4, CLEAN, 0, new String[0]));
    }

    @Test
    @DisplayName("[MQTT-3.1.3-4] [MQTT-3.1.4-1] a client identifier that is not UTF-8: close without CONNACK")
    void clientIdNotUtf8() {
        assertClosedWithoutConnack(connectBytes("MQTT", 4, CLEAN, 0, NOT_UTF8));
    }

    @Test
    @DisplayName("[MQTT-3.1.3-10] [MQTT-3.1.4-1] a will topic that is not UTF-8: close without CONNACK")
    void willTopicNotUtf8() {
        assertClosedWithoutConnack(connectBytes("MQTT", 4, CLEAN | 0x04, 0, utf8("badwill"), NOT_UTF8,
                utf8("gone")));
    }

    @Test
    @DisplayName("[MQTT-3.1.3-11] [MQTT-3.1.4-1] a user name that is not UTF-8: close without CONNACK")
    void userNameNotUtf8() {
        assertClosedWithoutConnack(connectBytes("MQTT", 4, CLEAN | 0x80, 0, utf8("baduser"), NOT_UTF8));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-19] [MQTT-3.1.2-21] [MQTT-3.1.4-4] user name and password flags with their fields: "
            + "accepted (the default authenticator allows everyone)")
    void userNameAndPassword() {
        try (RawClient client = broker.rawClient()) {
            client.sendBytes(connectBytes("MQTT", 4, CLEAN | 0x80 | 0x40, 0, "withuser", "user", "secret"));
            assertThat(client.receive(Connack.class).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        }
    }

    // ---- accepted CONNECT ----

    @Test
    @DisplayName("[MQTT-3.2.0-1] [MQTT-3.1.4-4] [MQTT-3.2.2-1] packets pipelined behind CONNECT are answered after "
            + "CONNACK, the first packet the server sends")
    void connackComesFirst() {
        byte[] subscribe = Hex.bytes("82 06 00 07 00 01 61 01");
        byte[] pingreq = Hex.bytes("c0 00");
        try (RawClient client = broker.rawClient()) {
            client.sendBytes(concat(connectBytes("MQTT", 4, CLEAN, 30, "pipelined"), subscribe, pingreq));
            Connack connack = client.receive(Connack.class);
            assertThat(connack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(connack.sessionPresent()).isFalse();
            Suback suback = client.receive(Suback.class);
            assertThat(suback.packetId()).isEqualTo(7);
            assertThat(suback.reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_1);
            client.receive(PingResp.class);
        }
    }

    @ParameterizedTest(name = "client identifier {0}")
    @ValueSource(strings = {"0123456789ABCDEFGHIJKLM", "NOPQRSTUVWXYZabcdefghij", "klmnopqrstuvwxyz0123456", "a", "Z9"})
    @DisplayName("[MQTT-3.1.3-5] [MQTT-3.1.4-4] a client identifier of 1 to 23 characters 0-9 a-z A-Z is accepted")
    void acceptsPortableClientIds(String clientId) {
        try (RawClient client = broker.rawClient()) {
            client.sendBytes(connectBytes("MQTT", 4, CLEAN, 0, clientId));
            Connack connack = client.receive(Connack.class);
            assertThat(connack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        }
    }

    @ParameterizedTest(name = "client identifier {0}")
    @ValueSource(strings = {"a-very-long-client-identifier-of-more-than-23-characters/with spaces",
        "ünïcødé-日本", "#+$/"})
    @DisplayName("longer client identifiers and other characters are accepted too (the server may accept them)")
    void acceptsOtherClientIds(String clientId) {
        try (RawClient client = broker.rawClient()) {
            client.sendBytes(connectBytes("MQTT", 4, CLEAN, 0, clientId));
            assertThat(client.receive(Connack.class).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        }
    }

    // ---- zero-length client identifier ----

    @Test
    @DisplayName("[MQTT-3.1.3-6] [MQTT-3.2.2-1] zero-length client identifiers with clean session 1 are accepted, "
            + "each as a client of its own")
    void zeroLengthClientIdGetsUniqueId() {
        try (RawClient first = broker.rawClient(); RawClient second = broker.rawClient()) {
            for (RawClient client : new RawClient[] {first, second}) {
                client.sendBytes(connectBytes("MQTT", 4, CLEAN, 0, ""));
                Connack connack = client.receive(Connack.class);
                assertThat(connack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
                assertThat(connack.sessionPresent()).isFalse();
            }
            // had both got the same identifier, the second would have taken over the first
            subscribe(first, "anon/1", QoS.AT_LEAST_ONCE);
            subscribe(second, "anon/2", QoS.AT_LEAST_ONCE);
            assertThat(broker.broker().sessions().size()).isEqualTo(2);
            publishFrom(broker, "anon/1", QoS.AT_LEAST_ONCE, false, "to the first");
            publishFrom(broker, "anon/2", QoS.AT_LEAST_ONCE, false, "to the second");
            assertThat(receivePublish(first).payload()).isEqualTo("to the first");
            assertThat(receivePublish(second).payload()).isEqualTo("to the second");
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.3-8] [MQTT-3.1.3-9] [MQTT-3.2.2-4] [MQTT-3.2.2-5] a zero-length client identifier with "
            + "clean session 0 gets CONNACK 0x02 with session present 0, then close")
    void zeroLengthClientIdWithoutCleanSession() {
        assertRefused(connectBytes("MQTT", 4, 0, 0, ""), ReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
    }

    // ---- nothing after a refused CONNECT is processed ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"zero-length id without clean session", "protocol level 7", "protocol name MQTX"})
    @DisplayName("[MQTT-3.1.4-5] a PUBLISH pipelined behind a refused CONNECT is not processed")
    void nothingProcessedAfterRefusal(String refusal) {
        byte[] connect = switch (refusal) {
            case "zero-length id without clean session" -> connectBytes("MQTT", 4, 0, 0, "");
            case "protocol level 7" -> connectBytes("MQTT", 7, CLEAN, 0, "refused");
            default -> connectBytes("MQTX", 4, CLEAN, 0, "refused");
        };
        byte[] topic = "refused/topic".getBytes(StandardCharsets.UTF_8);
        byte[] publishBody = concat(new byte[] {0, (byte) topic.length}, topic,
                "must not arrive".getBytes(StandardCharsets.UTF_8));
        try (RawClient subscriber = connect(broker, "watcher", true); RawClient client = broker.rawClient()) {
            subscribe(subscriber, "refused/#", QoS.AT_MOST_ONCE);
            client.sendBytes(concat(connect, packet(0x30, publishBody)));
            assertThat(client.receive(Connack.class).reasonCode()).isNotEqualTo(ReasonCode.SUCCESS);
            assertThat(client.awaitClose()).isTrue();
            publishFrom(broker, "refused/topic", QoS.AT_MOST_ONCE, false, "marker");
            assertThat(receivePublish(subscriber).payload()).isEqualTo("marker");
        }
    }
}
