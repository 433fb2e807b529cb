package io.tern.broker.v311;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Connack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConnectRawTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    @Test
    @DisplayName("[MQTT-3.2.0-1] [MQTT-3.2.2-1] CONNACK 0x00 answers a valid CONNECT, session present 0 for clean session")
    void acceptsConnect() {
        try (RawClient client = broker.rawClient()) {
            // CONNECT, MQTT 3.1.1, clean session, keep alive 60, client id "abc"
            client.sendHex("10 0f 00 04 4d 51 54 54 04 02 00 3c 00 03 61 62 63");
            Connack connack = client.receive(Connack.class);
            assertThat(connack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(connack.sessionPresent()).isFalse();
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-2] unsupported protocol level gets CONNACK 0x01 and the connection closes")
    void refusesUnknownLevel() {
        try (RawClient client = broker.rawClient()) {
            client.sendHex("10 0f 00 04 4d 51 54 54 07 02 00 3c 00 03 61 62 63");
            Connack connack = client.receive(Connack.class);
            assertThat(connack.reasonCode()).isEqualTo(ReasonCode.UNSUPPORTED_PROTOCOL_VERSION);
            assertThat(client.awaitClose()).isTrue();
        }
    }
}
