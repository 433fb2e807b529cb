package io.tern.broker.v5;

import static io.tern.broker.support.RawFlows.assertNothingPendingBeforePing;
import static io.tern.broker.support.V5Flows.client;
import static io.tern.broker.support.V5Flows.connack;
import static io.tern.broker.support.V5Flows.connect;
import static io.tern.broker.support.V5Flows.connectPacket;
import static io.tern.broker.support.V5Flows.expectDisconnect;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.codec.MqttProperties;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Connack;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How the broker ends an MQTT 5 connection on an error (section 4.13): a malformed packet or a
 * protocol error after CONNACK is told with DISCONNECT and its reason code, then the connection
 * closes and other clients carry on; a CONNACK refusal closes the connection too. Clients whose
 * identifier begins with {@code refused} are not authenticated.
 */
class ErrorHandlingTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker(builder -> builder.authenticator((client, password) ->
            CompletableFuture.completedFuture(client.clientId().startsWith("refused")
                    ? ReasonCode.BAD_USER_NAME_OR_PASSWORD : ReasonCode.SUCCESS)));

    /**
     * A connected client commits {@code error}: the broker must send DISCONNECT with {@code code} and
     * close, while a client connected beside it is still served.
     */
    private void assertDisconnectedAlone(Consumer<RawClient> error, ReasonCode code) {
        try (RawClient bystander = connect(broker, "bystander");
             RawClient erring = connect(broker, "erring")) {
            error.accept(erring);
            expectDisconnect(erring, code);
            assertNothingPendingBeforePing(bystander);
        }
    }

    @Test
    @DisplayName("[MQTT-4.13.1-1] [MQTT-4.13.2-1] a PUBLISH with both QoS bits set is malformed: DISCONNECT 0x81, "
            + "then the close; another client is unaffected")
    void publishWithQos3IsMalformed() {
        // PUBLISH, flags QoS 3; topic "a", packet identifier 1, no properties
        assertDisconnectedAlone(client -> client.sendHex("36 06 00 01 61 00 01 00"), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    @DisplayName("[MQTT-4.13.1-1] [MQTT-4.13.2-1] a remaining length of more than four bytes is malformed: "
            + "DISCONNECT 0x81, then the close; another client is unaffected")
    void overlongRemainingLengthIsMalformed() {
        assertDisconnectedAlone(client -> client.sendHex("30 ff ff ff ff 01"), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    @DisplayName("[MQTT-4.13.1-1] [MQTT-4.13.2-1] a second CONNECT is a protocol error: DISCONNECT 0x82, then the "
            + "close; another client is unaffected")
    void secondConnectIsProtocolError() {
        assertDisconnectedAlone(client -> client.send(connectPacket("erring", true, MqttProperties.EMPTY)),
                ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("[MQTT-4.13.2-1] after a CONNACK with reason code 0x86 the connection is closed")
    void refusedConnackCloses() {
        try (RawClient client = client(broker)) {
            Connack connack = connack(client, connectPacket("refused", true, MqttProperties.EMPTY));
            assertThat(connack.reasonCode()).isEqualTo(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
            assertThat(client.closedWithoutData()).as("closed after the refusal, nothing more sent").isTrue();
        }
    }
}
