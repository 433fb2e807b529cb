package io.tern.broker.v5;

import static io.tern.broker.support.V5Flows.client;
import static io.tern.broker.support.V5Flows.connack;
import static io.tern.broker.support.V5Flows.connect;
import static io.tern.broker.support.V5Flows.connectPacket;
import static io.tern.broker.support.V5Flows.encodedSize;
import static io.tern.broker.support.V5Flows.expectDisconnect;
import static io.tern.broker.support.V5Flows.props;
import static io.tern.broker.support.V5Flows.publishPacket;
import static io.tern.broker.support.V5Flows.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.Disconnect;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The DISCONNECT the broker sends when it ends a connection: when, with what, and what follows it. */
class ServerDisconnectTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    /** A PUBLISH whose topic alias was never set: a protocol error after CONNACK. */
    private static void sendUnknownAlias(RawClient client) {
        send(client, publishPacket("", QoS.AT_MOST_ONCE, false, 0,
                props().set(PropertyId.TOPIC_ALIAS, 3).build(), "lost"));
    }

    @Test
    @DisplayName("[MQTT-3.14.2-2] [MQTT-3.14.4-1] [MQTT-3.14.4-2] a protocol error: DISCONNECT 0x82 with a reason "
            + "string and no session expiry, then nothing more but the close")
    void disconnectWithReasonString() {
        try (RawClient client = connect(broker, connectPacket("erring", true,
                props().set(PropertyId.SESSION_EXPIRY_INTERVAL, 60).build()))) {
            sendUnknownAlias(client);
            Disconnect disconnect = expectDisconnect(client, ReasonCode.PROTOCOL_ERROR);
            assertThat(disconnect.properties().stringValue(PropertyId.REASON_STRING)).isNotBlank();
            assertThat(disconnect.properties().has(PropertyId.SESSION_EXPIRY_INTERVAL)).isFalse();
        }
    }

    @Test
    @DisplayName("[MQTT-3.14.2-3] [MQTT-3.1.2-24] the reason string is left out when it would make the DISCONNECT "
            + "larger than the client's Maximum Packet Size")
    void reasonStringLeftOutWhenTooLarge() {
        int maximum = 24; // room for this CONNACK, not for a DISCONNECT with a reason string
        try (RawClient client = connect(broker, connectPacket("small", true,
                props().set(PropertyId.MAXIMUM_PACKET_SIZE, maximum).build()))) {
            sendUnknownAlias(client);
            Disconnect disconnect = expectDisconnect(client, ReasonCode.PROTOCOL_ERROR);
            assertThat(disconnect.properties().has(PropertyId.REASON_STRING)).isFalse();
            assertThat(encodedSize(disconnect)).isLessThanOrEqualTo(maximum);
        }
    }

    @Test
    @DisplayName("[MQTT-3.14.0-1] [MQTT-3.2.2-6] [MQTT-3.2.2-7] a bad CONNECT (Receive Maximum 0) gets CONNACK 0x82 "
            + "and the close, never a DISCONNECT")
    void badConnectGetsConnackNotDisconnect() {
        try (RawClient client = client(broker)) {
            Connack connack = connack(client, connectPacket("zero", true,
                    props().set(PropertyId.RECEIVE_MAXIMUM, 0).build()));
            assertThat(connack.reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
            assertThat(connack.sessionPresent()).isFalse();
            assertThat(client.closedWithoutData()).as("closed, no DISCONNECT").isTrue();
        }
    }
}
