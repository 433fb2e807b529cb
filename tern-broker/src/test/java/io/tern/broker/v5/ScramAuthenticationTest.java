package io.tern.broker.v5;

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
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5EnhancedAuthBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5Disconnect;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.SecurityFiles;
import io.tern.codec.auth.ScramClient;
import io.tern.codec.auth.ScramException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SCRAM-SHA-256 over MQTT 5 enhanced authentication, with the HiveMQ MQTT Client's enhanced auth API
 * driving our client-side {@link ScramClient}: the password never goes to the broker.
 */
class ScramAuthenticationTest {
    @RegisterExtension
    final SecurityFiles files = SecurityFiles.of(null, null, "alice", "pencil");

    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker(files.security()::applyTo);

    @Test
    @DisplayName("[MQTT-4.12.0-2] [MQTT-4.12.0-5] a user logs in with SCRAM-SHA-256, checks the server's signature, and re-authenticates")
    void logsInAndReauthenticates() throws Exception {
        Scram mechanism = new Scram("alice", "pencil");
        Mqtt5BlockingClient client = client("alice", mechanism);
        try {
            assertThat(client.connect().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
            assertThat(mechanism.serverVerified.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

            client.reauth();

            assertThat(mechanism.reauthenticated.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(client.getState().isConnected()).isTrue();
        } finally {
            client.disconnect();
        }
    }

    @Test
    @DisplayName("[MQTT-4.12.0-4] a wrong password, an unknown user or a user name other than CONNECT's get CONNACK 0x87")
    void wrongCredentialsRefused() {
        for (Mqtt5BlockingClient client : new Mqtt5BlockingClient[] {
            client("alice", new Scram("alice", "pen")),
            client("mallory", new Scram("mallory", "pencil")),
            client("mallory", new Scram("alice", "pencil"))}) {
            assertThatThrownBy(client::connect).isInstanceOfSatisfying(Mqtt5ConnAckException.class, e ->
                    assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED));
        }
    }

    private Mqtt5BlockingClient client(String username, Mqtt5EnhancedAuthMechanism mechanism) {
        return Mqtt5Client.builder().identifier("scram-" + username).serverHost("127.0.0.1").serverPort(broker.port())
                .simpleAuth().username(username).applySimpleAuth()
                .enhancedAuth(mechanism).buildBlocking();
    }

    /** The HiveMQ client's side of SCRAM-SHA-256, one {@link ScramClient} per (re-)authentication. */
    private static final class Scram implements Mqtt5EnhancedAuthMechanism {
        final String username;
        final byte[] password;
        final CompletableFuture<Boolean> serverVerified = new CompletableFuture<>();
        final CompletableFuture<Boolean> reauthenticated = new CompletableFuture<>();
        ScramClient login;

        Scram(String username, String password) {
            this.username = username;
            this.password = password.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public MqttUtf8String getMethod() {
            return MqttUtf8String.of(ScramClient.METHOD);
        }

        @Override
        public int getTimeout() {
            return (int) TIMEOUT.toSeconds();
        }

        @Override
        public CompletableFuture<Void> onAuth(Mqtt5ClientConfig config, Mqtt5Connect connect,
                                              Mqtt5EnhancedAuthBuilder auth) {
            login = new ScramClient(username, password);
            auth.data(login.clientFirst());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> onReAuth(Mqtt5ClientConfig config, Mqtt5AuthBuilder auth) {
            login = new ScramClient(username, password);
            auth.data(login.clientFirst());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Boolean> onServerReAuth(Mqtt5ClientConfig config, Mqtt5Auth auth,
                                                         Mqtt5AuthBuilder answer) {
            return CompletableFuture.completedFuture(false);
        }

        @Override
        public CompletableFuture<Boolean> onContinue(Mqtt5ClientConfig config, Mqtt5Auth auth,
                                                     Mqtt5AuthBuilder answer) {
            try {
                answer.data(login.clientFinal(data(auth.getData().orElseThrow())));
                return CompletableFuture.completedFuture(true);
            } catch (ScramException e) {
                return CompletableFuture.completedFuture(false);
            }
        }

        @Override
        public CompletableFuture<Boolean> onAuthSuccess(Mqtt5ClientConfig config, Mqtt5ConnAck connack) {
            boolean verified = verified(connack.getEnhancedAuth().flatMap(auth -> auth.getData()).orElse(null));
            serverVerified.complete(verified);
            return CompletableFuture.completedFuture(verified);
        }

        @Override
        public CompletableFuture<Boolean> onReAuthSuccess(Mqtt5ClientConfig config, Mqtt5Auth auth) {
            boolean verified = verified(auth.getData().orElse(null));
            reauthenticated.complete(verified);
            return CompletableFuture.completedFuture(verified);
        }

        private boolean verified(ByteBuffer serverFinal) {
            if (serverFinal == null) {
                return false;
            }
            try {
                login.verifyServerFinal(data(serverFinal));
                return true;
            } catch (ScramException e) {
                return false;
            }
        }

        @Override
        public void onAuthRejected(Mqtt5ClientConfig config, Mqtt5ConnAck connack) {
        }

        @Override
        public void onReAuthRejected(Mqtt5ClientConfig config, Mqtt5Disconnect disconnect) {
            reauthenticated.complete(false);
        }

        @Override
        public void onAuthError(Mqtt5ClientConfig config, Throwable cause) {
        }

        @Override
        public void onReAuthError(Mqtt5ClientConfig config, Throwable cause) {
            reauthenticated.complete(false);
        }

        private static byte[] data(ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
    }
}
