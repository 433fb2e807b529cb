package io.tern.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.auth.AuthenticationExchange;
import io.tern.broker.auth.AuthenticationMethod;
import io.tern.broker.auth.AuthenticationStep;
import io.tern.broker.auth.ClientInfo;
import io.tern.client.support.BrokerKind;
import io.tern.client.support.ScriptedServer;
import io.tern.client.support.TestBroker;
import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Auth;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.Publish;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EnhancedAuthTest {
    private static final String METHOD = "X-ECHO";

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The broker's side: challenges with "prove it" and accepts the reversed challenge, welcoming with "ok". */
    private static final class ReversedChallenge implements AuthenticationMethod {
        @Override
        public String name() {
            return METHOD;
        }

        @Override
        public AuthenticationExchange begin(ClientInfo client) {
            return new AuthenticationExchange() {
                private boolean challenged;

                @Override
                public CompletionStage<AuthenticationStep> respond(byte[] clientData) {
                    if (!challenged) {
                        challenged = true;
                        return CompletableFuture.completedFuture(AuthenticationStep.challenge(utf8("prove it")));
                    }
                    return CompletableFuture.completedFuture(Arrays.equals(clientData, utf8("ti evorp"))
                            ? AuthenticationStep.success(utf8("ok"))
                            : AuthenticationStep.failure(ReasonCode.NOT_AUTHORIZED));
                }
            };
        }
    }

    /** The client's side: answers a challenge with it reversed, or with {@code wrong}. */
    private static final class Answer implements EnhancedAuth {
        final List<String> seen = new CopyOnWriteArrayList<>();
        final boolean right;

        Answer(boolean right) {
            this.right = right;
        }

        @Override
        public String method() {
            return METHOD;
        }

        @Override
        public byte[] initialData() {
            return utf8("hello");
        }

        @Override
        public byte[] respond(byte[] challenge) {
            String text = new String(challenge, StandardCharsets.UTF_8);
            seen.add("challenge " + text);
            return utf8(right ? new StringBuilder(text).reverse().toString() : "wrong");
        }

        @Override
        public void succeeded(byte[] data) {
            seen.add("success " + new String(data, StandardCharsets.UTF_8));
        }
    }

    @Test
    @DisplayName("enhanced authentication: the client answers the server's AUTH challenge through the hook and connects")
    void challengeAnswered() throws Exception {
        Answer answer = new Answer(true);
        try (TestBroker broker = BrokerKind.tern(builder -> builder.authenticationMethod(new ReversedChallenge()));
             MqttClient client = MqttClient.builder().serverPort(broker.port()).enhancedAuthentication(answer).build()) {
            ConnectResult result = client.connect().get(20, TimeUnit.SECONDS);

            assertThat(result.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(answer.seen).containsExactly("challenge prove it", "success ok");
        }
    }

    @Test
    @DisplayName("enhanced authentication: a wrong answer fails connect with the refusal's reason code")
    void wrongAnswerRefused() throws Exception {
        try (TestBroker broker = BrokerKind.tern(builder -> builder.authenticationMethod(new ReversedChallenge()));
             MqttClient client = MqttClient.builder().serverPort(broker.port()).enhancedAuthentication(new Answer(false))
                     .build()) {
            try {
                client.connect().get(20, TimeUnit.SECONDS);
                throw new AssertionError("expected a refusal");
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(ConnectionRefusedException.class)
                        .hasMessageStartingWith("connection refused: not authorized (0x87)");
            }
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-30] [MQTT-4.12.0-3] until CONNACK the client sends only AUTH, with reason code 0x18; "
            + "a publish made meanwhile follows CONNACK")
    void onlyAuthBeforeConnack() throws Exception {
        try (ScriptedServer server = new ScriptedServer();
             MqttClient client = MqttClient.builder().serverPort(server.port()).enhancedAuthentication(new Answer(true))
                     .build()) {
            CompletableFuture<ConnectResult> connect = client.connect();
            CompletableFuture<PublishResult> early = client.publish(Message.of("early", "bird"));
            Connect connectPacket = server.next(Connect.class);
            assertThat(connectPacket.properties().stringValue(PropertyId.AUTHENTICATION_METHOD)).isEqualTo(METHOD);

            server.send(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, MqttProperties.builder()
                    .set(PropertyId.AUTHENTICATION_METHOD, METHOD)
                    .set(PropertyId.AUTHENTICATION_DATA, utf8("prove it")).build()));
            Auth reply = server.next(Auth.class);

            assertThat(reply.reasonCode()).isEqualTo(ReasonCode.CONTINUE_AUTHENTICATION);
            assertThat(reply.properties().binaryValue(PropertyId.AUTHENTICATION_DATA)).isEqualTo(utf8("ti evorp"));
            assertThat(server.poll(java.time.Duration.ofMillis(300))).as("nothing else before CONNACK").isNull();
            server.send(new Connack(false, ReasonCode.SUCCESS, MqttProperties.builder()
                    .set(PropertyId.AUTHENTICATION_METHOD, METHOD).set(PropertyId.AUTHENTICATION_DATA, utf8("ok")).build()));
            connect.get(20, TimeUnit.SECONDS);
            Publish publish = server.next(Publish.class);
            assertThat(publish.topic()).isEqualTo("early");
            publish.release();
            early.get(20, TimeUnit.SECONDS);
        }
    }
}
