package io.tern.client.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tern.broker.auth.FileSecurity;
import io.tern.broker.auth.password.PasswordEntry;
import io.tern.broker.auth.password.PasswordFile;
import io.tern.client.ConnectResult;
import io.tern.client.ConnectionRefusedException;
import io.tern.client.MqttClient;
import io.tern.client.support.BrokerKind;
import io.tern.client.support.TestBroker;
import io.tern.codec.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tern-client logs in to tern broker with SCRAM-SHA-256, keys from a password file of tern passwd's format. */
class ScramSha256Test {
    @TempDir
    Path dir;

    @Test
    @DisplayName("[MQTT-4.12.0-2] [MQTT-4.12.0-5] the right password logs in, and the server's signature checks")
    void logsIn() throws Exception {
        try (FileSecurity security = security(); TestBroker broker = BrokerKind.tern(security::applyTo);
             MqttClient client = client(broker, "pencil")) {
            ConnectResult result = client.connect().get(20, TimeUnit.SECONDS);

            assertThat(result.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        }
    }

    @Test
    @DisplayName("[MQTT-4.12.0-4] a wrong password is refused with 0x87")
    void wrongPasswordRefused() throws Exception {
        try (FileSecurity security = security(); TestBroker broker = BrokerKind.tern(security::applyTo);
             MqttClient client = client(broker, "pen")) {
            assertThatThrownBy(() -> client.connect().get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ConnectionRefusedException.class)
                    .hasMessageStartingWith("connection refused: not authorized (0x87)");
        }
    }

    private FileSecurity security() throws Exception {
        Path passwords = Files.writeString(dir.resolve("passwords"), PasswordFile.empty()
                .with(PasswordEntry.of("alice", "pencil".getBytes(StandardCharsets.UTF_8), 10, 4096)).text());
        return FileSecurity.load(passwords, null, null);
    }

    private static MqttClient client(TestBroker broker, String password) {
        return MqttClient.builder().serverPort(broker.port()).credentials("alice", (byte[]) null)
                .enhancedAuthentication(new ScramSha256("alice", password.getBytes(StandardCharsets.UTF_8))).build();
    }
}
