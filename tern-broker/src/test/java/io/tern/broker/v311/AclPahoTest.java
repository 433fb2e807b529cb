package io.tern.broker.v311;

import static io.tern.broker.support.Clients.closeQuietly;
import static io.tern.broker.support.Clients.paho;
import static io.tern.broker.support.Clients.pahoOptions;
import static io.tern.broker.support.Waits.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.SecurityFiles;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An ACL file, with Eclipse Paho mqttv3: denied publishes are acknowledged and dropped, denied filters get 0x80. */
class AclPahoTest {
    @RegisterExtension
    final SecurityFiles files = SecurityFiles.of("""
            topic read public/#
            user alice
            topic readwrite alice/#
            """, true, "alice", "a-pw");

    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker(files.security()::applyTo);

    @Test
    @DisplayName("[MQTT-3.3.5-2] a PUBLISH the ACL denies is acknowledged as usual, the connection stays, and nobody receives it")
    void publishDeniedSilently() throws MqttException, InterruptedException {
        MqttClient alice = paho(broker, "acl3-alice");
        MqttClient reader = paho(broker, "acl3-reader");
        try {
            alice.connect(options("alice", "a-pw"));
            reader.connect(options("alice", "a-pw"));
            BlockingQueue<String> topics = new LinkedBlockingQueue<>();
            reader.subscribe("#", 1, (topic, message) -> topics.add(topic));

            alice.publish("public/x", "denied".getBytes(), 1, false); // returns once PUBACK came
            alice.publish("alice/x", "allowed".getBytes(), 1, false);

            assertThat(topics.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("alice/x");
            assertThat(alice.isConnected()).isTrue();
        } finally {
            closeQuietly(alice);
            closeQuietly(reader);
        }
    }

    @Test
    @DisplayName("[MQTT-3.8.4-5] [MQTT-3.9.3-2] a filter the ACL denies gets return code 0x80, beside the others granted; "
            + "anonymous clients get the rules before the first user line")
    void subscribeDenied() throws MqttException {
        MqttClient anonymous = paho(broker, "acl3-anon");
        try {
            anonymous.connect(pahoOptions(true));
            IMqttToken token = anonymous.subscribeWithResponse(new String[] {"public/#", "alice/#"}, new int[] {1, 1});

            assertThat(token.getGrantedQos()).containsExactly(1, 0x80);
        } finally {
            closeQuietly(anonymous);
        }
    }

    private static MqttConnectOptions options(String username, String password) {
        MqttConnectOptions options = pahoOptions(true);
        options.setUserName(username);
        options.setPassword(password.toCharArray());
        return options;
    }
}
