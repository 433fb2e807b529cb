package io.tern.broker.v311;

import static io.tern.broker.support.Packets.connectBytes;
import static io.tern.broker.support.RawFlows.connect;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.codec.packet.PingResp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Fixed-header flags and other protocol violations after CONNECT: the broker closes the connection. */
class ProtocolErrorRawTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    private void assertClosedAfter(String hex) {
        try (RawClient client = connect(broker, "offender", true)) {
            client.sendHex(hex);
            assertThat(client.closedWithoutData()).as("closed without an answer").isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "c1 00", // PINGREQ, flags 0001
        "c8 00", // PINGREQ, flags 1000
        "42 02 00 01", // PUBACK, flags 0010
        "51 02 00 01", // PUBREC, flags 0001
        "60 02 00 01", // PUBREL, flags 0000 instead of 0010
        "7f 02 00 01", // PUBCOMP, flags 1111
    })
    @DisplayName("[MQTT-2.2.2-1] [MQTT-2.2.2-2] a packet with invalid fixed-header flags closes the connection")
    void invalidFlags(String packet) {
        assertClosedAfter(packet);
    }

    @Test
    @DisplayName("[MQTT-2.2.2-2] [MQTT-3.1.4-1] a CONNECT with invalid fixed-header flags is closed without CONNACK")
    void connectWithInvalidFlags() {
        byte[] connect = connectBytes("MQTT", 4, 0x02, 0, "flags");
        connect[0] = 0x12;
        try (RawClient client = broker.rawClient()) {
            client.sendBytes(connect);
            assertThat(client.closedWithoutData()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "00 00", // reserved packet type 0
        "f0 00", // reserved packet type 15 (AUTH exists only in MQTT 5)
        "20 02 00 00", // CONNACK, which only a server sends
        "90 03 00 01 00", // SUBACK, which only a server sends
        "b0 02 00 01", // UNSUBACK, which only a server sends
        "d0 00", // PINGRESP, which only a server sends
        "c0 01 00", // PINGREQ with a body
        "40 03 00 01 00", // PUBACK one byte too long
        "40 01 00", // PUBACK one byte too short
        "40 02 00 00", // PUBACK with packet identifier 0
        "c0 ff ff ff ff 7f", // a remaining length of five bytes
        "30 03 00 01 2b", // PUBLISH to "+": a wildcard in a topic name
        "36 05 00 01 61 00 01", // PUBLISH with QoS 3
        "32 03 00 01 61", // QoS 1 PUBLISH without packet identifier
    })
    @DisplayName("[MQTT-4.8.0-1] a protocol violation closes the connection")
    void violationCloses(String packet) {
        assertClosedAfter(packet);
    }

    @Test
    @DisplayName("[MQTT-4.8.0-1] a violation in a batch of packets closes the connection after the packets before it "
            + "are answered")
    void violationAfterValidPackets() {
        try (RawClient client = connect(broker, "batch", true)) {
            client.sendHex("c0 00 c0 00 00 00 c0 00"); // PINGREQ, PINGREQ, reserved type 0, PINGREQ
            client.receive(PingResp.class);
            client.receive(PingResp.class);
            assertThat(client.closedWithoutData()).isTrue();
        }
    }
}
