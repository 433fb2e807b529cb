package io.tern.broker.v5;

import static io.tern.broker.support.Waits.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscription;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.tern.broker.BrokerConfig;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.SecurityFiles;
import io.tern.broker.support.Waits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An ACL file, with the HiveMQ MQTT 5 client: reason code 0x87 for what it denies, and no delivery. */
class AclClientsTest {
    static final String ACL = """
            user alice
            topic readwrite alice/#
            topic deny alice/secret/#
            user writer
            topic write #
            user monitor
            topic read $SYS/#
            topic read #
            pattern readwrite devices/%c/#
            """;

    @RegisterExtension
    final SecurityFiles files = SecurityFiles.of(ACL, null,
            "alice", "a-pw", "writer", "w-pw", "monitor", "m-pw", "carol", "c-pw");

    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker(builder -> files.security().applyTo(builder)
            .config(BrokerConfig.builder().sysInterval(Duration.ofMillis(200)).build()));

    @Test
    @DisplayName("[MQTT-3.4.2-1] a PUBLISH the ACL denies gets PUBACK 0x87, the connection stays, and nobody receives it")
    void publishDenied() throws Exception {
        Mqtt5BlockingClient alice = connect("alice-1", "alice", "a-pw");
        Mqtt5BlockingClient monitor = connect("monitor-1", "monitor", "m-pw");
        try (Mqtt5BlockingClient.Mqtt5Publishes received = monitor.publishes(
                MqttGlobalPublishFilter.ALL)) {
            monitor.subscribeWith().topicFilter("#").qos(MqttQos.AT_LEAST_ONCE).send();

            assertThat(pubAckCode(alice, "bob/x")).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
            assertThat(pubAckCode(alice, "alice/secret/x")).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
            assertThat(pubAckCode(alice, "alice/ok")).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);

            assertThat(received.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS).orElseThrow().getTopic())
                    .hasToString("alice/ok");
            assertThat(alice.getState().isConnected()).isTrue();
        } finally {
            alice.disconnect();
            monitor.disconnect();
        }
    }

    @Test
    @DisplayName("[MQTT-3.8.4-7] [MQTT-3.9.3-1] a filter the ACL denies gets SUBACK 0x87, beside the others granted")
    void subscribeDenied() {
        Mqtt5BlockingClient alice = connect("alice-2", "alice", "a-pw");
        try {
            assertThat(subAckCodes(alice, "alice/#", "bob/#", "alice/secret/#", "$SYS/#")).containsExactly(
                    Mqtt5SubAckReasonCode.GRANTED_QOS_1, Mqtt5SubAckReasonCode.NOT_AUTHORIZED,
                    Mqtt5SubAckReasonCode.NOT_AUTHORIZED, Mqtt5SubAckReasonCode.NOT_AUTHORIZED);
        } finally {
            alice.disconnect();
        }
    }

    @Test
    @DisplayName("[MQTT-3.8.4-8] a subscription to # delivers only the topics the client may read")
    void readCheckedAtDelivery() throws Exception {
        Mqtt5BlockingClient alice = connect("alice-3", "alice", "a-pw");
        Mqtt5BlockingClient writer = connect("writer-1", "writer", "w-pw");
        try (Mqtt5BlockingClient.Mqtt5Publishes received = alice.publishes(
                MqttGlobalPublishFilter.ALL)) {
            assertThat(subAckCodes(alice, "#")).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
            for (String topic : List.of("bob/x", "alice/secret/x", "alice/news")) {
                writer.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes(topic)).send();
            }
            // one publisher, QoS 1: in order, so the last allowed one comes after any denied one would have
            Mqtt5Publish first = received.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS).orElseThrow();
            assertThat(first.getTopic()).hasToString("alice/news");
        } finally {
            alice.disconnect();
            writer.disconnect();
        }
    }

    @Test
    @DisplayName("[MQTT-4.7.2-1] $SYS is readable only where the ACL names it: # does not grant it")
    void sysOnlyWhereGranted() throws Exception {
        Mqtt5BlockingClient monitor = connect("monitor-2", "monitor", "m-pw");
        Mqtt5BlockingClient alice = connect("alice-4", "alice", "a-pw");
        try (Mqtt5BlockingClient.Mqtt5Publishes received = monitor.publishes(
                MqttGlobalPublishFilter.ALL)) {
            assertThat(subAckCodes(monitor, "$SYS/broker/#")).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
            assertThat(received.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS).orElseThrow().getTopic().toString())
                    .startsWith("$SYS/broker/");
            assertThat(subAckCodes(alice, "$SYS/broker/#")).containsExactly(Mqtt5SubAckReasonCode.NOT_AUTHORIZED);
        } finally {
            monitor.disconnect();
            alice.disconnect();
        }
    }

    @Test
    @DisplayName("a will to a topic its client may not write is not published; one it may write is")
    void willsChecked() throws Exception {
        Mqtt5BlockingClient monitor = connect("monitor-3", "monitor", "m-pw");
        Mqtt5BlockingClient writer = connect("writer-2", "writer", "w-pw");
        try (Mqtt5BlockingClient.Mqtt5Publishes received = monitor.publishes(MqttGlobalPublishFilter.ALL)) {
            monitor.subscribeWith().topicFilter("#").qos(MqttQos.AT_LEAST_ONCE).send();
            for (String willTopic : List.of("bob/will", "alice/will")) {
                Mqtt5BlockingClient alice = Mqtt5Client.builder().identifier("alice-will").serverHost("127.0.0.1")
                        .serverPort(broker.port()).buildBlocking();
                alice.connectWith().simpleAuth().username("alice").password(bytes("a-pw")).applySimpleAuth()
                        .willPublish().topic(willTopic).payload(bytes(willTopic)).applyWillPublish().send();
                alice.disconnectWith().reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE).send();
                Waits.awaitSessionGone(broker.broker(), "alice-will");
                if (willTopic.equals("bob/will")) { // routed, if at all, before the marker below
                    writer.publishWith().topic("marker").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("m")).send();
                }
            }

            assertThat(received.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS).orElseThrow().getTopic())
                    .hasToString("marker");
            assertThat(received.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS).orElseThrow().getTopic())
                    .hasToString("alice/will");
        } finally {
            monitor.disconnect();
            writer.disconnect();
        }
    }

    @Test
    @DisplayName("a pattern with %c lets each client publish under its own client identifier only")
    void clientIdPattern() {
        Mqtt5BlockingClient carol = connect("dev7", "carol", "c-pw");
        try {
            assertThat(pubAckCode(carol, "devices/dev7/temp")).isEqualTo(Mqtt5PubAckReasonCode.NO_MATCHING_SUBSCRIBERS);
            assertThat(pubAckCode(carol, "devices/dev8/temp")).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
        } finally {
            carol.disconnect();
        }
    }

    Mqtt5BlockingClient connect(String clientId, String username, String password) {
        Mqtt5BlockingClient client = Mqtt5Client.builder().identifier(clientId).serverHost("127.0.0.1")
                .serverPort(broker.port()).buildBlocking();
        client.connectWith().simpleAuth().username(username).password(bytes(password)).applySimpleAuth().send();
        return client;
    }

    static Mqtt5PubAckReasonCode pubAckCode(Mqtt5BlockingClient client, String topic) {
        try {
            return ((Mqtt5PublishResult.Mqtt5Qos1Result) client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(bytes("x")).send()).getPubAck().getReasonCode();
        } catch (Mqtt5PubAckException e) {
            return e.getMqttMessage().getReasonCode();
        }
    }

    static List<Mqtt5SubAckReasonCode> subAckCodes(Mqtt5BlockingClient client, String... filters) {
        List<Mqtt5Subscription> subscriptions = Arrays.stream(filters)
                .map(filter -> Mqtt5Subscription.builder().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).build())
                .toList();
        try {
            return List.copyOf(client.subscribe(Mqtt5Subscribe.builder().addSubscriptions(subscriptions).build())
                    .getReasonCodes());
        } catch (Mqtt5SubAckException e) {
            return List.copyOf(e.getMqttMessage().getReasonCodes());
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
