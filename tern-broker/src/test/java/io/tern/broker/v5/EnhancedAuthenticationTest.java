package io.tern.broker.v5;

import static io.tern.broker.support.ChallengeResponseMethod.answerTo;
import static io.tern.broker.support.ChallengeResponseMethod.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.tern.broker.support.ChallengeResponseMethod;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Auth;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.Disconnect;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.Publish;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MQTT 5 enhanced authentication: the AUTH exchange at CONNECT and in re-authentication. */
class EnhancedAuthenticationTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker(builder ->
            builder.authenticationMethod(new ChallengeResponseMethod()));

    @Test
    @DisplayName("[MQTT-4.12.0-2] [MQTT-4.12.0-5] a challenge (AUTH 0x18) answered right ends in CONNACK 0x00 "
            + "with the method and the final data")
    void challengeAnsweredRightConnects() {
        try (RawClient client = broker.rawClient().version(MqttVersion.V5)) {
            Connack connack = authenticate(client, "right");

            assertThat(connack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(connack.properties().stringValue(PropertyId.AUTHENTICATION_METHOD))
                    .isEqualTo(ChallengeResponseMethod.NAME);
            assertThat(connack.properties().binaryValue(PropertyId.AUTHENTICATION_DATA)).isEqualTo(bytes("welcome"));
            assertPublishIsAcknowledged(client, 1);
        }
    }

    @Test
    @DisplayName("[MQTT-4.12.0-4] a wrong answer is refused with CONNACK 0x87 and the connection closes")
    void wrongAnswerIsRefused() {
        try (RawClient client = broker.rawClient().version(MqttVersion.V5)) {
            Connack connack = authenticate(client, "wrong");

            assertThat(connack.reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
            assertThat(client.awaitClose()).isTrue();
        }
    }

    @Test
    @DisplayName("[MQTT-4.12.0-1] an unknown authentication method is refused with CONNACK 0x8C and the "
            + "connection closes")
    void unknownMethodIsRefused() {
        try (RawClient client = broker.rawClient().version(MqttVersion.V5)) {
            client.send(connect("SCRAM-SHA-1", bytes("hello")));

            assertThat(client.receive(Connack.class).reasonCode()).isEqualTo(ReasonCode.BAD_AUTHENTICATION_METHOD);
            assertThat(client.awaitClose()).isTrue();
        }
    }

    @Test
    @DisplayName("[MQTT-4.12.0-6] [MQTT-4.12.0-7] without a method in CONNECT the broker sends no AUTH and no "
            + "method in CONNACK; an AUTH from the client is a protocol error (DISCONNECT 0x82)")
    void withoutMethodAuthIsAProtocolError() {
        try (RawClient client = broker.rawClient().version(MqttVersion.V5)) {
            client.send(new Connect(MqttVersion.V5, "plain", true, 60, null, null, null, MqttProperties.EMPTY));
            Connack connack = client.receive(Connack.class);
            assertThat(connack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(connack.properties().has(PropertyId.AUTHENTICATION_METHOD)).isFalse();

            client.send(new Auth(ReasonCode.REAUTHENTICATE, method(bytes("hello"))));

            assertThat(client.receive(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
            assertThat(client.awaitClose()).isTrue();
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.4-6] a PUBLISH sent while authenticating is not processed: CONNACK 0x82 and close")
    void publishWhileAuthenticatingIsRefused() {
        try (RawClient subscriber = broker.rawClient().version(MqttVersion.V5);
             RawClient client = broker.rawClient().version(MqttVersion.V5)) {
            client.send(connect(ChallengeResponseMethod.NAME, bytes("hello")));
            client.receive(Auth.class);
            Publish publish = new Publish("t", QoS.AT_LEAST_ONCE, false, false, 1, MqttProperties.EMPTY,
                    Unpooled.wrappedBuffer(bytes("early")));
            client.send(publish);
            publish.release();

            assertThat(client.receive(Connack.class).reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
            assertThat(client.awaitClose()).isTrue();
        }
    }

    @Test
    @DisplayName("[MQTT-4.12.0-5] [MQTT-4.12.1-1] re-authentication: AUTH 0x19, a challenge, AUTH 0x00; "
            + "publishing goes on meanwhile")
    void reauthenticationSucceeds() {
        try (RawClient client = broker.rawClient().version(MqttVersion.V5)) {
            assertThat(authenticate(client, "right").reasonCode()).isEqualTo(ReasonCode.SUCCESS);

            client.send(new Auth(ReasonCode.REAUTHENTICATE, method(bytes("hello"))));
            Auth challenge = client.receive(Auth.class);
            assertThat(challenge.reasonCode()).isEqualTo(ReasonCode.CONTINUE_AUTHENTICATION);
            assertThat(challenge.properties().stringValue(PropertyId.AUTHENTICATION_METHOD))
                    .isEqualTo(ChallengeResponseMethod.NAME);
            assertPublishIsAcknowledged(client, 7);
            client.send(new Auth(ReasonCode.CONTINUE_AUTHENTICATION,
                    method(answerTo(challenge.properties().binaryValue(PropertyId.AUTHENTICATION_DATA)))));

            Auth success = client.receive(Auth.class);
            assertThat(success.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(success.properties().stringValue(PropertyId.AUTHENTICATION_METHOD))
                    .isEqualTo(ChallengeResponseMethod.NAME);
            assertPublishIsAcknowledged(client, 8);
        }
    }

    @Test
    @DisplayName("[MQTT-4.12.1-2] a failed re-authentication ends in DISCONNECT 0x87 and the connection closes")
    void failedReauthenticationDisconnects() {
        try (RawClient client = broker.rawClient().version(MqttVersion.V5)) {
            assertThat(authenticate(client, "right").reasonCode()).isEqualTo(ReasonCode.SUCCESS);

            client.send(new Auth(ReasonCode.REAUTHENTICATE, method(bytes("hello"))));
            client.receive(Auth.class);
            client.send(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, method(bytes("guess"))));

            assertThat(client.receive(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
            assertThat(client.awaitClose()).isTrue();
        }
    }

    @Test
    @DisplayName("[MQTT-4.12.1-1] re-authentication with another method ends in DISCONNECT 0x8C")
    void reauthenticationWithAnotherMethodDisconnects() {
        try (RawClient client = broker.rawClient().version(MqttVersion.V5)) {
            assertThat(authenticate(client, "right").reasonCode()).isEqualTo(ReasonCode.SUCCESS);

            client.send(new Auth(ReasonCode.REAUTHENTICATE, MqttProperties.builder()
                    .set(PropertyId.AUTHENTICATION_METHOD, "OTHER").build()));

            assertThat(client.receive(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.BAD_AUTHENTICATION_METHOD);
            assertThat(client.awaitClose()).isTrue();
        }
    }

    /** CONNECT with the test method, the challenge, and an answer: right, or wrong. Returns the CONNACK. */
    private static Connack authenticate(RawClient client, String answer) {
        client.send(connect(ChallengeResponseMethod.NAME, bytes("hello")));
        Auth challenge = client.receive(Auth.class);
        assertThat(challenge.reasonCode()).isEqualTo(ReasonCode.CONTINUE_AUTHENTICATION);
        assertThat(challenge.properties().stringValue(PropertyId.AUTHENTICATION_METHOD))
                .isEqualTo(ChallengeResponseMethod.NAME);
        byte[] nonce = challenge.properties().binaryValue(PropertyId.AUTHENTICATION_DATA);
        client.send(new Auth(ReasonCode.CONTINUE_AUTHENTICATION,
                method(answer.equals("right") ? answerTo(nonce) : bytes("not the answer"))));
        return client.receive(Connack.class);
    }

    private static void assertPublishIsAcknowledged(RawClient client, int packetId) {
        Publish publish = new Publish("auth/test", QoS.AT_LEAST_ONCE, false, false, packetId, MqttProperties.EMPTY,
                Unpooled.wrappedBuffer(bytes("m")));
        client.send(publish);
        publish.release();
        assertThat(client.receive(PubAck.class).packetId()).isEqualTo(packetId);
    }

    private static Connect connect(String method, byte[] data) {
        return new Connect(MqttVersion.V5, "authenticating", true, 60, null, null, null,
                MqttProperties.builder().set(PropertyId.AUTHENTICATION_METHOD, method)
                        .set(PropertyId.AUTHENTICATION_DATA, data).build());
    }

    private static MqttProperties method(byte[] data) {
        return MqttProperties.builder().set(PropertyId.AUTHENTICATION_METHOD, ChallengeResponseMethod.NAME)
                .set(PropertyId.AUTHENTICATION_DATA, data).build();
    }
}
