package io.tern.broker.v311;

import static io.tern.broker.support.Packets.connectPacket;
import static io.tern.broker.support.Packets.will;
import static io.tern.broker.support.RawFlows.connack;
import static io.tern.broker.support.RawFlows.connect;
import static io.tern.broker.support.RawFlows.disconnect;
import static io.tern.broker.support.RawFlows.publishFrom;
import static io.tern.broker.support.RawFlows.receiveAndAck;
import static io.tern.broker.support.RawFlows.subscribe;
import static io.tern.broker.support.Waits.awaitDetached;
import static io.tern.broker.support.Waits.awaitSessionGone;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.codec.QoS;
import io.tern.codec.packet.Connack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DISCONNECT: a clean end of the connection, and what is not one. */
class DisconnectTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    @Test
    @DisplayName("[MQTT-3.14.4-3] [MQTT-3.1.2-10] on DISCONNECT the broker closes the connection and discards the "
            + "will")
    void disconnectDiscardsWill() {
        try (RawClient watcher = connect(broker, "watcher", true)) {
            subscribe(watcher, "disconnect/will", QoS.AT_LEAST_ONCE);
            try (RawClient client = connect(broker, connectPacket("leaving", true, 0,
                    will("disconnect/will", "should not be sent", QoS.AT_LEAST_ONCE, false)))) {
                disconnect(client);
            }
            awaitSessionGone(broker.broker(), "leaving");
            publishFrom(broker, "disconnect/will", QoS.AT_LEAST_ONCE, false, "marker");
            assertThat(receiveAndAck(watcher).payload()).isEqualTo("marker");
        }
    }

    @ParameterizedTest(name = "first byte {0}")
    @ValueSource(strings = {"e1", "e2", "e4", "e8", "ef"})
    @DisplayName("[MQTT-3.14.1-1] [MQTT-2.2.2-2] a DISCONNECT with reserved flags set is an error, not a DISCONNECT: "
            + "the connection is closed and the will is published")
    void disconnectWithReservedFlags(String firstByte) {
        try (RawClient watcher = connect(broker, "watcher", true)) {
            subscribe(watcher, "disconnect/will", QoS.AT_LEAST_ONCE);
            try (RawClient client = connect(broker, connectPacket("bad-disconnect", true, 0,
                    will("disconnect/will", "published", QoS.AT_LEAST_ONCE, false)))) {
                client.sendHex(firstByte + " 00");
                assertThat(client.closedWithoutData()).isTrue();
            }
            assertThat(receiveAndAck(watcher).payload()).isEqualTo("published");
        }
    }

    @Test
    @DisplayName("[MQTT-4.8.0-1] a DISCONNECT with a body is malformed: the connection is closed and the will is "
            + "published")
    void disconnectWithBody() {
        try (RawClient watcher = connect(broker, "watcher", true)) {
            subscribe(watcher, "disconnect/will", QoS.AT_LEAST_ONCE);
            try (RawClient client = connect(broker, connectPacket("long-disconnect", true, 0,
                    will("disconnect/will", "published", QoS.AT_LEAST_ONCE, false)))) {
                client.sendHex("e0 01 00");
                assertThat(client.closedWithoutData()).isTrue();
            }
            assertThat(receiveAndAck(watcher).payload()).isEqualTo("published");
        }
    }

    @Test
    @DisplayName("[MQTT-3.14.4-2] what a client sends after its DISCONNECT (which it must not) is not processed")
    void nothingAfterDisconnect() {
        try (RawClient watcher = connect(broker, "watcher", true)) {
            subscribe(watcher, "disconnect/after", QoS.AT_MOST_ONCE);
            try (RawClient client = connect(broker, "leaving", true)) {
                // DISCONNECT and a PUBLISH "too late" to disconnect/after in one write
                client.sendHex("e0 00 30 1a 00 10 64 69 73 63 6f 6e 6e 65 63 74 2f 61 66 74 65 72 74 6f 6f 20 6c 61 74"
                        + " 65");
                assertThat(client.closedWithoutData()).isTrue();
            }
            awaitSessionGone(broker.broker(), "leaving");
            publishFrom(broker, "disconnect/after", QoS.AT_MOST_ONCE, false, "marker");
            assertThat(receiveAndAck(watcher).payload()).isEqualTo("marker");
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-4] [MQTT-3.2.2-2] DISCONNECT of a persistent session keeps the session")
    void disconnectKeepsPersistentSession() {
        try (RawClient client = connect(broker, "persistent", false)) {
            subscribe(client, "disconnect/persistent", QoS.AT_LEAST_ONCE);
            disconnect(client);
        }
        awaitDetached(broker.broker(), "persistent");
        try (RawClient client = broker.rawClient()) {
            Connack connack = connack(client, "persistent", false);
            assertThat(connack.sessionPresent()).isTrue();
        }
    }
}
