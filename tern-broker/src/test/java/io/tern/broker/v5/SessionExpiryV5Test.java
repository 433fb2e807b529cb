package io.tern.broker.v5;

import static io.tern.broker.support.V5Flows.client;
import static io.tern.broker.support.V5Flows.connack;
import static io.tern.broker.support.V5Flows.connect;
import static io.tern.broker.support.V5Flows.connectPacket;
import static io.tern.broker.support.V5Flows.disconnect;
import static io.tern.broker.support.V5Flows.expectDisconnect;
import static io.tern.broker.support.V5Flows.props;
import static io.tern.broker.support.V5Flows.publish;
import static io.tern.broker.support.V5Flows.receiveAndAck;
import static io.tern.broker.support.V5Flows.subscribe;
import static io.tern.broker.support.Waits.awaitDetached;
import static io.tern.broker.support.Waits.awaitSessionGone;
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

/** The MQTT 5 Session Expiry Interval: set on CONNECT, changed on DISCONNECT, and what it keeps. */
class SessionExpiryV5Test {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    /** A client with this session expiry, subscribed to {@code kept/#} at QoS 1. */
    private RawClient subscribed(String clientId, long sessionExpiry) {
        RawClient client = connect(broker, connectPacket(clientId, true, sessionExpiry, null));
        subscribe(client, "kept/#", QoS.AT_LEAST_ONCE, 0);
        return client;
    }

    private Connack resume(RawClient client, String clientId) {
        return connack(client, connectPacket(clientId, false, 60, null));
    }

    private static Disconnect disconnectWithExpiry(long expiry) {
        return new Disconnect(ReasonCode.NORMAL_DISCONNECTION,
                props().set(PropertyId.SESSION_EXPIRY_INTERVAL, expiry).build());
    }

    @Test
    @DisplayName("[MQTT-3.1.2-23] [MQTT-3.1.2-5] [MQTT-3.2.2-3] with a session expiry the session outlives its "
            + "connection: subscription and queued message are there on resume")
    void sessionKeptAfterClose() {
        subscribed("keeper", 60).close();
        awaitDetached(broker.broker(), "keeper");
        try (RawClient publisher = connect(broker, "publisher")) {
            publish(publisher, "kept/1", QoS.AT_LEAST_ONCE, "while away");
        }
        try (RawClient client = client(broker)) {
            assertThat(resume(client, "keeper").sessionPresent()).isTrue();
            assertThat(receiveAndAck(client).payload()).isEqualTo("while away");
        }
    }

    @Test
    @DisplayName("[MQTT-3.2.2-3] CONNECT with expiry 60, then DISCONNECT with expiry 0: the session "
            + "ends with the connection")
    void disconnectEndsTheSession() {
        try (RawClient client = subscribed("changer", 60)) {
            disconnect(client, disconnectWithExpiry(0));
        }
        awaitSessionGone(broker.broker(), "changer");
        try (RawClient client = client(broker)) {
            assertThat(resume(client, "changer").sessionPresent()).isFalse();
        }
    }

    @Test
    @DisplayName("[MQTT-4.1.0-2] CONNECT with expiry 60, DISCONNECT with expiry 1: the session is gone a second "
            + "later, not a minute")
    void disconnectShortensTheExpiry() {
        try (RawClient client = subscribed("shortened", 60)) {
            disconnect(client, disconnectWithExpiry(1));
        }
        awaitDetached(broker.broker(), "shortened");
        awaitSessionGone(broker.broker(), "shortened");
        try (RawClient client = client(broker)) {
            assertThat(resume(client, "shortened").sessionPresent()).isFalse();
        }
    }

    @Test
    @DisplayName("[MQTT-4.1.0-2] a session with expiry 1 s is discarded once that second has passed")
    void sessionExpires() {
        subscribed("brief", 1).close();
        awaitDetached(broker.broker(), "brief");
        awaitSessionGone(broker.broker(), "brief");
        try (RawClient client = client(broker)) {
            assertThat(resume(client, "brief").sessionPresent()).isFalse();
        }
    }

    @Test
    @DisplayName("[MQTT-3.14.2-2] CONNECT with expiry 0, DISCONNECT with a non-zero one: DISCONNECT 0x82 without a "
            + "session expiry, and no session is kept")
    void expiryOnDisconnectAfterZeroIsAProtocolError() {
        try (RawClient client = subscribed("zero", 0)) {
            client.send(disconnectWithExpiry(60));
            Disconnect answer = expectDisconnect(client, ReasonCode.PROTOCOL_ERROR);
            assertThat(answer.properties().has(PropertyId.SESSION_EXPIRY_INTERVAL)).isFalse();
        }
        awaitSessionGone(broker.broker(), "zero");
        try (RawClient client = client(broker)) {
            assertThat(resume(client, "zero").sessionPresent()).isFalse();
        }
    }
}
