package io.tern.broker.v5;

import static io.tern.broker.v5.AclClientsTest.pubAckCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.tern.broker.auth.SecurityFileException;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.SecurityFiles;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reloading the password and ACL files (what SIGHUP does in tern broker) with clients connected. */
class SecurityReloadTest {
    @RegisterExtension
    final SecurityFiles files = SecurityFiles.of("user alice\ntopic readwrite a/#\n", null, "alice", "a-pw");

    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker(files.security()::applyTo);

    @Test
    @DisplayName("a reloaded ACL applies at once to a connected client, which stays connected")
    void reloadAppliesToConnectedClients() throws SecurityFileException {
        Mqtt5BlockingClient alice = connect();
        try {
            assertThat(pubAckCode(alice, "b/x")).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);

            files.writeAcl("user alice\ntopic readwrite b/#\n");
            files.security().reload();

            assertThat(pubAckCode(alice, "b/x")).isEqualTo(Mqtt5PubAckReasonCode.NO_MATCHING_SUBSCRIBERS);
            assertThat(pubAckCode(alice, "a/x")).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
            assertThat(alice.getState().isConnected()).isTrue();
        } finally {
            alice.disconnect();
        }
    }

    @Test
    @DisplayName("a broken file on reload is refused with its line, and the files in force stay")
    void brokenFileKeepsTheOld() {
        Mqtt5BlockingClient alice = connect();
        try {
            files.writeAcl("user alice\ntopic readwrite b/#\ntopic rw c/#/d\n");

            assertThatThrownBy(() -> files.security().reload()).isInstanceOfSatisfying(SecurityFileException.class,
                    e -> assertThat(e.line()).isEqualTo(3));

            assertThat(pubAckCode(alice, "a/x")).isEqualTo(Mqtt5PubAckReasonCode.NO_MATCHING_SUBSCRIBERS);
            assertThat(pubAckCode(alice, "b/x")).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
        } finally {
            alice.disconnect();
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.4-2] a reloaded password file lets new users in and keeps removed ones out, "
            + "while a connected client stays")
    void reloadedPasswords() throws SecurityFileException {
        Mqtt5BlockingClient alice = connect();
        try {
            files.writeUsers("bob", "b-pw");
            files.security().reload();

            Mqtt5BlockingClient bob = Mqtt5Client.builder().identifier("reload-bob").serverHost("127.0.0.1")
                    .serverPort(broker.port()).buildBlocking();
            bob.connectWith().simpleAuth().username("bob").password("b-pw".getBytes()).applySimpleAuth().send();
            bob.disconnect();
            assertThatThrownBy(this::connect).isInstanceOfSatisfying(Mqtt5ConnAckException.class, e -> assertThat(
                    e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD));
            assertThat(alice.getState().isConnected()).isTrue();
        } finally {
            alice.disconnect();
        }
    }

    private Mqtt5BlockingClient connect() {
        Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("reload-alice").serverHost("127.0.0.1")
                .serverPort(broker.port()).buildBlocking();
        client.connectWith().simpleAuth().username("alice").password("a-pw".getBytes()).applySimpleAuth().send();
        return client;
    }
}
