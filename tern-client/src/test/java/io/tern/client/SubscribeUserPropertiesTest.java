package io.tern.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tern.client.support.BrokerKind;
import io.tern.client.support.Resources;
import io.tern.client.support.ScriptedServer;
import io.tern.client.support.TestBroker;
import io.tern.codec.MqttProperties;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.UserProperty;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Unsuback;
import io.tern.codec.packet.Unsubscribe;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** MQTT 5 user properties of SUBSCRIBE and UNSUBSCRIBE. */
class SubscribeUserPropertiesTest {
    private static final List<UserProperty> PROPERTIES = List.of(new UserProperty("team", "a"),
            new UserProperty("team", "b"));

    @RegisterExtension
    final Resources resources = new Resources();

    private static Subscription withProperties(String filter) {
        Subscription.Builder subscription = Subscription.builder(filter).qos(QoS.AT_LEAST_ONCE);
        PROPERTIES.forEach(property -> subscription.userProperty(property.name(), property.value()));
        return subscription.build();
    }

    @Test
    @DisplayName("SUBSCRIBE and UNSUBSCRIBE carry their user properties in order, and a resubscribe after a reconnect "
            + "sends them again")
    void sentOnTheWire() throws Exception {
        ScriptedServer server = resources.use(new ScriptedServer());
        MqttClient client = resources.use(MqttClient.builder().serverPort(server.port())
                .automaticReconnect(Reconnect.exponential(Duration.ofMillis(50), Duration.ofMillis(200))).build());
        server.connect(client, MqttProperties.EMPTY);

        CompletableFuture<SubscribeResult> subscribed = client.subscribe(null, withProperties("a/#"));
        Subscribe subscribe = server.next(Subscribe.class);
        server.send(new Suback(subscribe.packetId(), List.of(ReasonCode.GRANTED_QOS_1), MqttProperties.EMPTY));
        subscribed.get(20, TimeUnit.SECONDS);
        assertThat(subscribe.properties().userProperties()).isEqualTo(PROPERTIES);

        server.dropConnection();
        server.next(Connect.class);
        server.accept(false, MqttProperties.EMPTY);
        Subscribe again = server.next(Subscribe.class);
        assertThat(again.properties().userProperties()).as("resubscribed").isEqualTo(PROPERTIES);
        server.send(new Suback(again.packetId(), List.of(ReasonCode.GRANTED_QOS_1), MqttProperties.EMPTY));

        CompletableFuture<UnsubscribeResult> unsubscribed = client.unsubscribe(PROPERTIES, "a/#");
        Unsubscribe unsubscribe = server.next(Unsubscribe.class);
        server.send(new Unsuback(unsubscribe.packetId(), List.of(ReasonCode.SUCCESS), MqttProperties.EMPTY));
        unsubscribed.get(20, TimeUnit.SECONDS);
        assertThat(unsubscribe.properties().userProperties()).isEqualTo(PROPERTIES);
    }

    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    @DisplayName("a broker accepts SUBSCRIBE and UNSUBSCRIBE with user properties, and messages flow in between")
    void acceptedByBrokers(BrokerKind kind) throws Exception {
        TestBroker broker = resources.use(kind.start());
        MqttClient client = resources.use(MqttClient.builder().serverPort(broker.port()).clientId("user-props").build());
        client.connect().get(20, TimeUnit.SECONDS);
        CompletableFuture<Message> received = new CompletableFuture<>();

        SubscribeResult subscribed = client.subscribe(received::complete, withProperties("props/#"))
                .get(20, TimeUnit.SECONDS);
        client.publish(Message.of("props/x", "hi")).get(20, TimeUnit.SECONDS);

        assertThat(subscribed.isGranted(0)).isTrue();
        assertThat(received.get(20, TimeUnit.SECONDS).payloadAsString()).isEqualTo("hi");
        assertThat(client.unsubscribe(PROPERTIES, "props/#").get(20, TimeUnit.SECONDS).reasonCodes())
                .containsExactly(ReasonCode.SUCCESS);
    }

    @Test
    @DisplayName("subscriptions made together with different user properties are refused: they share one packet")
    void togetherShareProperties() throws Exception {
        MqttClient client = resources.use(MqttClient.builder().build());

        assertThatThrownBy(() -> client.subscribe(null, withProperties("a"), Subscription.of("b", QoS.AT_MOST_ONCE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user properties");
    }
}
