package io.tern.broker.v5;

import static io.tern.broker.support.ChallengeResponseMethod.answerTo;
import static io.tern.broker.support.ChallengeResponseMethod.bytes;
import static io.tern.broker.support.Waits.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.datatypes.MqttUtf8String;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientConfig;
import com.hivemq.client.mqtt.mqtt5.auth.Mqtt5EnhancedAuthMechanism;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5Auth;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5AuthBuilder;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5EnhancedAuth;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5EnhancedAuthBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5Disconnect;
import io.tern.broker.support.ChallengeResponseMethod;
import io.tern.broker.support.EmbeddedBroker;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Enhanced authentication with a third-party client: the HiveMQ MQTT Client's enhanced auth mechanism. */
class HiveMqEnhancedAuthenticationTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker(builder ->
            builder.authenticationMethod(new ChallengeResponseMethod()));

    @Test
    @DisplayName("[MQTT-4.12.0-2] [MQTT-4.12.0-5] the HiveMQ client authenticates, then re-authenticates")
    void hiveMqClientAuthenticatesAndReauthenticates() throws Exception {
        ChallengeAnswerer mechanism = new ChallengeAnswerer(":secret");
        Mqtt5BlockingClient client = client(mechanism);
        try {
            Mqtt5ConnAck connack = client.connect();
            assertThat(connack.getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
            assertThat(mechanism.welcomed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

            client.reauth();

            assertThat(mechanism.reauthenticated.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(client.getState().isConnected()).isTrue();
        } finally {
            client.disconnect();
        }
    }

    @Test
    @DisplayName("[MQTT-4.12.0-4] the HiveMQ client with a wrong answer is refused with 0x87")
    void wrongAnswerIsRefused() {
        Mqtt5BlockingClient client = client(new ChallengeAnswerer(":guess"));

        assertThatThrownBy(client::connect).isInstanceOfSatisfying(Mqtt5ConnAckException.class, e ->
                assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED));
    }

    private Mqtt5BlockingClient client(Mqtt5EnhancedAuthMechanism mechanism) {
        return Mqtt5Client.builder().identifier("hivemq-auth").serverHost("127.0.0.1").serverPort(broker.port())
                .enhancedAuth(mechanism).buildBlocking();
    }

    /** Says hello, answers each challenge with the nonce and a suffix, and expects to be welcomed. */
    private static final class ChallengeAnswerer implements Mqtt5EnhancedAuthMechanism {
        final String suffix;
        final CompletableFuture<Boolean> welcomed = new CompletableFuture<>();
        final CompletableFuture<Boolean> reauthenticated = new CompletableFuture<>();

        ChallengeAnswerer(String suffix) {
            this.suffix = suffix;
        }

        @Override
        public MqttUtf8String getMethod() {
            return MqttUtf8String.of(ChallengeResponseMethod.NAME);
        }

        @Override
        public int getTimeout() {
            return (int) TIMEOUT.toSeconds();
        }

        @Override
        public CompletableFuture<Void> onAuth(Mqtt5ClientConfig config, Mqtt5Connect connect,
                                              Mqtt5EnhancedAuthBuilder auth) {
            auth.data(bytes("hello"));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> onReAuth(Mqtt5ClientConfig config, Mqtt5AuthBuilder auth) {
            auth.data(bytes("hello"));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Boolean> onContinue(Mqtt5ClientConfig config, Mqtt5Auth auth,
                                                     Mqtt5AuthBuilder answer) {
            byte[] nonce = data(auth);
            answer.data(suffix.equals(":secret") ? answerTo(nonce) : bytes(new String(nonce) + suffix));
            return CompletableFuture.completedFuture(true);
        }

        @Override
        public CompletableFuture<Boolean> onAuthSuccess(Mqtt5ClientConfig config, Mqtt5ConnAck connack) {
            boolean ok = Arrays.equals(data(connack.getEnhancedAuth().orElseThrow()), bytes("welcome"));
            welcomed.complete(ok);
            return CompletableFuture.completedFuture(ok);
        }

        @Override
        public CompletableFuture<Boolean> onReAuthSuccess(Mqtt5ClientConfig config, Mqtt5Auth auth) {
            boolean ok = Arrays.equals(data(auth), bytes("welcome"));
            reauthenticated.complete(ok);
            return CompletableFuture.completedFuture(ok);
        }

        @Override
        public void onAuthRejected(Mqtt5ClientConfig config, Mqtt5ConnAck connack) {
            welcomed.complete(false);
        }

        @Override
        public void onReAuthRejected(Mqtt5ClientConfig config, Mqtt5Disconnect disconnect) {
            reauthenticated.complete(false);
        }

        @Override
        public void onAuthError(Mqtt5ClientConfig config, Throwable cause) {
            welcomed.completeExceptionally(cause);
        }

        @Override
        public void onReAuthError(Mqtt5ClientConfig config, Throwable cause) {
            reauthenticated.completeExceptionally(cause);
        }

        private static byte[] data(Mqtt5EnhancedAuth auth) {
            ByteBuffer data = auth.getData().orElseThrow().duplicate();
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            return bytes;
        }
    }
}
