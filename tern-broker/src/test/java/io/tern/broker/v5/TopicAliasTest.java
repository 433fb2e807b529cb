package io.tern.broker.v5;

import static io.tern.broker.support.Clients5.closeQuietly;
import static io.tern.broker.support.Clients5.hiveMq;
import static io.tern.broker.support.V5Flows.client;
import static io.tern.broker.support.V5Flows.connack;
import static io.tern.broker.support.V5Flows.connect;
import static io.tern.broker.support.V5Flows.connectPacket;
import static io.tern.broker.support.V5Flows.expectDisconnect;
import static io.tern.broker.support.V5Flows.props;
import static io.tern.broker.support.V5Flows.publish;
import static io.tern.broker.support.V5Flows.publishPacket;
import static io.tern.broker.support.V5Flows.receiveAndAck;
import static io.tern.broker.support.V5Flows.send;
import static io.tern.broker.support.V5Flows.subscribe;
import static io.tern.broker.support.Waits.TIMEOUT;
import static io.tern.broker.support.Waits.awaitDetached;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.tern.broker.BrokerConfig;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.V5Flows.Received5;
import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Connack;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** MQTT 5 topic aliases, from clients to the broker (inbound) and from the broker to clients (outbound). */
class TopicAliasTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    private static MqttProperties alias(int alias) {
        return props().set(PropertyId.TOPIC_ALIAS, alias).build();
    }

    /** Publishes at QoS 1 with a topic alias; {@code topic} may be empty to use the alias alone. */
    private static void publishAliased(RawClient publisher, String topic, int alias, String payload) {
        publish(publisher, topic, QoS.AT_LEAST_ONCE, false, alias(alias), payload);
    }

    private RawClient subscriber(String clientId, String filter) {
        RawClient subscriber = connect(broker, clientId);
        subscribe(subscriber, filter, QoS.AT_LEAST_ONCE, 0);
        return subscriber;
    }

    // ---- inbound ----

    @Test
    @DisplayName("[MQTT-3.3.2-12] aliases 1 and 10 (the maximum) set with a topic stand for it when used alone")
    void inboundAliasSetThenUsed() {
        try (RawClient subscriber = subscriber("sub", "in/#"); RawClient publisher = connect(broker, "pub")) {
            publishAliased(publisher, "in/one", 1, "set 1");
            publishAliased(publisher, "in/ten", 10, "set 10");
            publishAliased(publisher, "", 1, "via 1");
            publishAliased(publisher, "", 10, "via 10");
            publishAliased(publisher, "in/other", 1, "reset 1");
            publishAliased(publisher, "", 1, "via new 1");
            List<String> received = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Received5 message = receiveAndAck(subscriber);
                assertThat(message.properties().has(PropertyId.TOPIC_ALIAS)).as("no alias to a client without any")
                        .isFalse();
                received.add(message.topic() + " " + message.payload());
            }
            assertThat(received).containsExactly("in/one set 1", "in/ten set 10", "in/one via 1", "in/ten via 10",
                    "in/other reset 1", "in/other via new 1");
        }
    }

    @ParameterizedTest(name = "alias {0}")
    @ValueSource(ints = {0, 11})
    @DisplayName("[MQTT-3.3.2-8] [MQTT-3.2.2-17] [MQTT-3.3.2-9] topic alias 0, or above the broker's maximum of 10: "
            + "DISCONNECT 0x94")
    void invalidAlias(int alias) {
        try (RawClient publisher = connect(broker, "pub")) {
            send(publisher, publishPacket("in/t", QoS.AT_MOST_ONCE, false, 0, alias(alias), "bad"));
            expectDisconnect(publisher, ReasonCode.TOPIC_ALIAS_INVALID);
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.2-1] an alias alone that was never set: DISCONNECT 0x82")
    void unknownAliasAlone() {
        try (RawClient publisher = connect(broker, "pub")) {
            send(publisher, publishPacket("", QoS.AT_MOST_ONCE, false, 0, alias(4), "nowhere"));
            expectDisconnect(publisher, ReasonCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.2-7] aliases belong to the connection: after resuming the session, an alias set "
            + "before is unknown")
    void aliasesDoNotSurviveReconnect() {
        try (RawClient publisher = connect(broker, connectPacket("pub", true, 60, null))) {
            publishAliased(publisher, "in/t", 1, "set");
        }
        awaitDetached(broker.broker(), "pub");
        try (RawClient publisher = client(broker)) {
            assertThat(connack(publisher, connectPacket("pub", false, 60, null)).sessionPresent()).isTrue();
            send(publisher, publishPacket("", QoS.AT_MOST_ONCE, false, 0, alias(1), "stale"));
            expectDisconnect(publisher, ReasonCode.PROTOCOL_ERROR);
        }
    }

    @Nested
    class WithoutInboundAliases {
        @RegisterExtension
        final EmbeddedBroker noAliases = EmbeddedBroker.withConfig(BrokerConfig.builder().topicAliasMaximum(0)
                .build());

        @Test
        @DisplayName("[MQTT-3.2.2-18] a broker configured for no aliases states none, and an alias gets "
                + "DISCONNECT 0x94")
        void aliasRefused() {
            try (RawClient publisher = client(noAliases)) {
                Connack connack = connack(publisher, connectPacket("pub", true, MqttProperties.EMPTY));
                assertThat(connack.properties().intValue(PropertyId.TOPIC_ALIAS_MAXIMUM, 0)).isZero();
                send(publisher, publishPacket("in/t", QoS.AT_MOST_ONCE, false, 0, alias(1), "bad"));
                expectDisconnect(publisher, ReasonCode.TOPIC_ALIAS_INVALID);
            }
        }
    }

    // ---- outbound ----

    /** A subscriber to {@code out/#} that accepts {@code maximum} aliases, or does not say (-1). */
    private RawClient aliasingSubscriber(String clientId, int maximum) {
        MqttProperties properties = maximum < 0 ? MqttProperties.EMPTY
                : props().set(PropertyId.TOPIC_ALIAS_MAXIMUM, maximum).build();
        RawClient subscriber = connect(broker, connectPacket(clientId, true, properties));
        subscribe(subscriber, "out/#", QoS.AT_LEAST_ONCE, 0);
        return subscriber;
    }

    private static final List<String> OUT_TOPICS = List.of("out/a", "out/b", "out/c", "out/a", "out/b", "out/c");

    private void publishOutTopics() {
        try (RawClient publisher = connect(broker, "pub")) {
            for (String topic : OUT_TOPICS) {
                publish(publisher, topic, QoS.AT_LEAST_ONCE, topic);
            }
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-26] [MQTT-3.3.2-11] a subscriber accepting 2 aliases gets aliases 1 and 2 only, each "
            + "set with its topic before it is used alone")
    void outboundAliasesWithinTheClientsMaximum() {
        try (RawClient subscriber = aliasingSubscriber("sub", 2)) {
            publishOutTopics();
            Map<Integer, String> aliases = new HashMap<>();
            int usedAlone = 0;
            for (String expected : OUT_TOPICS) {
                Received5 message = receiveAndAck(subscriber);
                int alias = message.properties().intValue(PropertyId.TOPIC_ALIAS, 0);
                String topic = message.topic();
                if (alias != 0) {
                    assertThat(alias).isBetween(1, 2);
                    if (topic.isEmpty()) {
                        usedAlone++;
                        topic = aliases.get(alias);
                    } else {
                        aliases.put(alias, topic);
                    }
                }
                assertThat(topic).isEqualTo(expected);
                assertThat(message.payload()).isEqualTo(expected);
            }
            assertThat(aliases).hasSize(2);
            assertThat(usedAlone).as("repeated topics go by their alias alone").isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "topic alias maximum {0}")
    @ValueSource(ints = {-1, 0})
    @DisplayName("[MQTT-3.1.2-27] a subscriber stating no Topic Alias Maximum, or 0, never gets an alias")
    void noOutboundAliasesWithoutMaximum(int maximum) {
        try (RawClient subscriber = aliasingSubscriber("sub", maximum)) {
            publishOutTopics();
            for (String expected : OUT_TOPICS) {
                Received5 message = receiveAndAck(subscriber);
                assertThat(message.properties().has(PropertyId.TOPIC_ALIAS)).isFalse();
                assertThat(message.topic()).isEqualTo(expected);
            }
        }
    }

    // ---- third-party clients ----

    @Test
    @DisplayName("[MQTT-3.3.2-12] [MQTT-3.3.2-11] HiveMQ MQTT 5 clients: a publisher sending topic aliases and a "
            + "subscriber accepting 2: every message arrives on its topic")
    void hiveMqBothDirections() throws InterruptedException {
        // Paho mqttv5 1.2.5 cannot receive aliases (eclipse-paho/paho.mqtt.java#866): HiveMQ on both ends
        Mqtt5BlockingClient publisher = hiveMq(broker, "hive-pub");
        Mqtt5BlockingClient subscriber = hiveMq(broker, "hive-sub");
        try {
            subscriber.connectWith().cleanStart(true)
                    .restrictions().topicAliasMaximum(2).applyRestrictions().send();
            try (Mqtt5BlockingClient.Mqtt5Publishes publishes = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
                subscriber.subscribeWith().topicFilter("hive/#").qos(MqttQos.AT_LEAST_ONCE).send();
                Mqtt5ConnAck connAck = publisher.connectWith().cleanStart(true)
                        .restrictions().sendTopicAliasMaximum(10).applyRestrictions().send();
                assertThat(connAck.getRestrictions().getTopicAliasMaximum()).isEqualTo(10);
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    String topic = "hive/" + "abc".charAt(i % 3);
                    publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                            .payload(("m" + i).getBytes(StandardCharsets.UTF_8)).send();
                    expected.add(topic + " m" + i);
                }
                List<String> received = new ArrayList<>();
                for (int i = 0; i < expected.size(); i++) {
                    Optional<Mqtt5Publish> publish = publishes.receive(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    assertThat(publish).isPresent();
                    received.add(publish.get().getTopic() + " "
                            + new String(publish.get().getPayloadAsBytes(), StandardCharsets.UTF_8));
                }
                assertThat(received).containsExactlyElementsOf(expected);
            }
        } finally {
            closeQuietly(publisher);
            closeQuietly(subscriber);
        }
    }
}
