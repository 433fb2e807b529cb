package io.tern.broker.v311;

import static io.tern.broker.support.Clients.closeQuietly;
import static io.tern.broker.support.Clients.paho;
import static io.tern.broker.support.Clients.pahoOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.SecurityFiles;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A password file, with Eclipse Paho mqttv3 clients: MQTT 3.1.1 return codes 4 and 5. */
class PasswordClientsTest {
    /** Written by mosquitto_passwd 2.0.11 ({@code -b f alice secret}), with a user of ours added. */
    private static final String PASSWORDS = "alice:$7$101$qpdJub5+0v+T9Fou$IzogaNzHzEBks7CbDx7kYj+OBnY2FMHZiKmWSvqbse2"
            + "p1r7N/8Nmo02Un5+Kv6ypHyyP4Lbk8nbVK9HuRPr6Wg==\n";

    @RegisterExtension
    final SecurityFiles files = SecurityFiles.ofPasswordText(PASSWORDS);

    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker(files.security()::applyTo);

    @Test
    @DisplayName("[MQTT-3.1.4-4] a user of a mosquitto_passwd file connects with its password")
    void rightPasswordConnects() throws MqttException {
        MqttClient client = paho(broker, "pw-ok");
        try {
            client.connect(options("alice", "secret"));
            assertThat(client.isConnected()).isTrue();
        } finally {
            closeQuietly(client);
        }
    }

    @Test
    @DisplayName("a wrong password, an unknown user or a user without password get return code 4")
    void wrongPasswordRefused() throws MqttException {
        for (MqttConnectOptions options : new MqttConnectOptions[] {
            options("alice", "Secret"), options("mallory", "secret"), options("alice", null)}) {
            MqttClient client = paho(broker, "pw-bad");
            try {
                assertThatThrownBy(() -> client.connect(options)).isInstanceOfSatisfying(MqttSecurityException.class,
                        e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION));
            } finally {
                closeQuietly(client);
            }
        }
    }

    @Test
    @DisplayName("with a password file, an anonymous client gets return code 5")
    void anonymousRefused() throws MqttException {
        MqttClient client = paho(broker, "pw-anon");
        try {
            assertThatThrownBy(() -> client.connect(pahoOptions(true))).isInstanceOfSatisfying(
                    MqttSecurityException.class,
                    e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));
        } finally {
            closeQuietly(client);
        }
    }

    private static MqttConnectOptions options(String username, String password) {
        MqttConnectOptions options = pahoOptions(true);
        options.setUserName(username);
        if (password != null) {
            options.setPassword(password.toCharArray());
        }
        return options;
    }
}
