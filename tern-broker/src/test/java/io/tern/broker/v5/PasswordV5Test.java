package io.tern.broker.v5;

import static io.tern.broker.support.Clients5.closeQuietly;
import static io.tern.broker.support.Clients5.paho;
import static io.tern.broker.support.Clients5.pahoOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.SecurityFiles;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A password file, with Eclipse Paho mqttv5: CONNACK reason codes 0x86 and 0x87. */
class PasswordV5Test {
    @RegisterExtension
    final SecurityFiles files = SecurityFiles.of(null, null, "alice", "a-pw");

    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker(files.security()::applyTo);

    @Test
    @DisplayName("[MQTT-3.1.4-2] a wrong password gets CONNACK 0x86, an anonymous client 0x87, the right one connects")
    void refusals() throws MqttException {
        assertThat(connectCode("alice", "wrong")).isEqualTo(0x86);
        assertThat(connectCode("nobody", "a-pw")).isEqualTo(0x86);
        assertThat(connectCode(null, null)).isEqualTo(0x87);
        assertThat(connectCode("alice", "a-pw")).isZero();
    }

    private int connectCode(String username, String password) throws MqttException {
        MqttClient client = paho(broker, "pw5-" + username);
        MqttConnectionOptions options = pahoOptions();
        options.setUserName(username);
        if (password != null) {
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        try {
            client.connect(options);
            return 0;
        } catch (MqttException e) {
            return e.getReasonCode();
        } finally {
            closeQuietly(client);
        }
    }
}
