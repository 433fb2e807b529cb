package io.tern.broker.v5;

import static io.tern.broker.support.V5Flows.client;
import static io.tern.broker.support.V5Flows.connack;
import static io.tern.broker.support.V5Flows.connectPacket;
import static io.tern.broker.support.V5Flows.expectDisconnect;
import static io.tern.broker.support.V5Flows.props;
import static io.tern.broker.support.V5Flows.publishPacket;
import static io.tern.broker.support.V5Flows.send;
import static io.tern.broker.support.V5Flows.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.BrokerConfig;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.Packets;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscription;
import io.tern.codec.packet.Will;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the broker's MQTT 5 CONNACK tells a client: its limits, its features, the identifiers it assigns. */
class ConnackPropertiesTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    private Connack connackFor(Connect connect) {
        try (RawClient client = client(broker)) {
            return connack(client, connect);
        }
    }

    @Test
    @DisplayName("[MQTT-3.2.2-2] a default broker states receive maximum 1024, topic alias maximum 10, and that "
            + "retain, wildcards, subscription identifiers and shared subscriptions are available")
    void defaultLimitsAndFeatures() {
        Connack connack = connackFor(connectPacket("plain", true, MqttProperties.EMPTY));
        assertThat(connack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        assertThat(connack.sessionPresent()).isFalse();
        MqttProperties properties = connack.properties();
        assertThat(properties.intValue(PropertyId.RECEIVE_MAXIMUM, -1)).isEqualTo(1024);
        assertThat(properties.intValue(PropertyId.TOPIC_ALIAS_MAXIMUM, -1)).isEqualTo(10);
        assertThat(properties.intValue(PropertyId.RETAIN_AVAILABLE, 1)).isEqualTo(1);
        assertThat(properties.intValue(PropertyId.WILDCARD_SUBSCRIPTION_AVAILABLE, 1)).isEqualTo(1);
        assertThat(properties.intValue(PropertyId.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 1)).isEqualTo(1);
        assertThat(properties.intValue(PropertyId.SHARED_SUBSCRIPTION_AVAILABLE, 1)).isEqualTo(1);
        assertThat(properties.has(PropertyId.MAXIMUM_QOS)).as("QoS 2 is supported").isFalse();
        assertThat(properties.has(PropertyId.ASSIGNED_CLIENT_IDENTIFIER)).isFalse();
        assertThat(properties.has(PropertyId.SERVER_KEEP_ALIVE)).isFalse();
    }

    @Test
    @DisplayName("[MQTT-3.1.3-6] [MQTT-3.1.3-7] [MQTT-3.2.2-16] an empty client identifier gets a unique assigned "
            + "one, under which the session is kept")
    void assignedClientIdentifier() {
        try (RawClient first = client(broker); RawClient second = client(broker)) {
            Connack a = connack(first, connectPacket("", true, MqttProperties.EMPTY));
            Connack b = connack(second, connectPacket("", true, MqttProperties.EMPTY));
            String idA = a.properties().stringValue(PropertyId.ASSIGNED_CLIENT_IDENTIFIER);
            String idB = b.properties().stringValue(PropertyId.ASSIGNED_CLIENT_IDENTIFIER);
            assertThat(idA).isNotEmpty();
            assertThat(idB).isNotEmpty().isNotEqualTo(idA);
            assertThat(broker.broker().sessions().get(idA)).isNotNull();
            assertThat(broker.broker().sessions().get(idB)).isNotNull();
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-28] Response Information only when the client requests it: response/ and its "
            + "client identifier")
    void responseInformationOnlyWhenRequested() {
        Connack requested = connackFor(connectPacket("asker", true,
                props().set(PropertyId.REQUEST_RESPONSE_INFORMATION, 1).build()));
        assertThat(requested.properties().stringValue(PropertyId.RESPONSE_INFORMATION)).isEqualTo("response/asker");
        Connack absent = connackFor(connectPacket("silent", true, MqttProperties.EMPTY));
        assertThat(absent.properties().has(PropertyId.RESPONSE_INFORMATION)).isFalse();
        Connack declined = connackFor(connectPacket("declines", true,
                props().set(PropertyId.REQUEST_RESPONSE_INFORMATION, 0).build()));
        assertThat(declined.properties().has(PropertyId.RESPONSE_INFORMATION)).isFalse();
    }

    @Test
    @DisplayName("[MQTT-3.1.3-7] the assigned client identifier is the one the response information is built on")
    void assignedIdentifierInResponseInformation() {
        Connack connack = connackFor(connectPacket("", true,
                props().set(PropertyId.REQUEST_RESPONSE_INFORMATION, 1).build()));
        String assigned = connack.properties().stringValue(PropertyId.ASSIGNED_CLIENT_IDENTIFIER);
        assertThat(connack.properties().stringValue(PropertyId.RESPONSE_INFORMATION))
                .isEqualTo("response/" + assigned);
    }

    @Test
    @DisplayName("[MQTT-3.1.0-2] [MQTT-3.2.0-2] a second CONNECT gets no second CONNACK but DISCONNECT 0x82")
    void secondConnectIsAProtocolError() {
        try (RawClient client = client(broker)) {
            assertThat(connack(client, connectPacket("twice", true, MqttProperties.EMPTY)).reasonCode())
                    .isEqualTo(ReasonCode.SUCCESS);
            client.send(connectPacket("twice", true, MqttProperties.EMPTY));
            expectDisconnect(client, ReasonCode.PROTOCOL_ERROR);
        }
    }

    @Nested
    class WithMaximumQos1 {
        @RegisterExtension
        final EmbeddedBroker limited = EmbeddedBroker.withConfig(BrokerConfig.builder().maxQos(QoS.AT_LEAST_ONCE)
                .build());

        @Test
        @DisplayName("[MQTT-3.2.2-9] [MQTT-3.2.2-10] [MQTT-3.8.4-7] a broker limited to QoS 1 says so in CONNACK and "
                + "grants a QoS 2 SUBSCRIBE at QoS 1")
        void maximumQosStatedAndGranted() {
            try (RawClient client = client(limited)) {
                Connack connack = connack(client, connectPacket("limited", true, MqttProperties.EMPTY));
                assertThat(connack.properties().intValue(PropertyId.MAXIMUM_QOS, -1)).isEqualTo(1);
                Suback suback = subscribe(client, 7, MqttProperties.EMPTY,
                        new Subscription("q/2", QoS.EXACTLY_ONCE), new Subscription("q/0", QoS.AT_MOST_ONCE));
                assertThat(suback.reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_1, ReasonCode.GRANTED_QOS_0);
            }
        }

        @Test
        @DisplayName("[MQTT-3.2.2-11] a QoS 2 PUBLISH to a broker limited to QoS 1 gets DISCONNECT 0x9B")
        void publishAboveMaximumQosIsRefused() {
            try (RawClient client = client(limited)) {
                connack(client, connectPacket("eager", true, MqttProperties.EMPTY));
                send(client, publishPacket("q/2", QoS.EXACTLY_ONCE, false, 1, MqttProperties.EMPTY, "m"));
                expectDisconnect(client, ReasonCode.QOS_NOT_SUPPORTED);
            }
        }

        @Test
        @DisplayName("[MQTT-3.2.2-12] a CONNECT with a QoS 2 will to a broker limited to QoS 1 is refused with "
                + "CONNACK 0x9B and closed")
        void willAboveMaximumQosIsRefused() {
            try (RawClient client = client(limited)) {
                Will will = new Will("wills/eager", new byte[] {1}, QoS.EXACTLY_ONCE, false, MqttProperties.EMPTY);
                assertThat(connack(client, connectPacket("eager", true, MqttProperties.EMPTY, will)).reasonCode())
                        .isEqualTo(ReasonCode.QOS_NOT_SUPPORTED);
                assertThat(client.awaitClose()).isTrue();
            }
        }
    }

    @Nested
    class WithoutRetainedMessages {
        @RegisterExtension
        final EmbeddedBroker limited = EmbeddedBroker.withConfig(BrokerConfig.builder().retainAvailable(false)
                .build());

        @Test
        @DisplayName("[MQTT-3.2.2-14] a broker without retained messages says Retain Available 0; a PUBLISH "
                + "with RETAIN gets DISCONNECT 0x9A")
        void retainedPublishIsRefused() {
            try (RawClient client = client(limited)) {
                Connack connack = connack(client, connectPacket("retainer", true, MqttProperties.EMPTY));
                assertThat(connack.properties().intValue(PropertyId.RETAIN_AVAILABLE, -1)).isZero();
                send(client, publishPacket("kept", QoS.AT_MOST_ONCE, true, 0, MqttProperties.EMPTY, "m"));
                expectDisconnect(client, ReasonCode.RETAIN_NOT_SUPPORTED);
            }
        }

        @Test
        @DisplayName("[MQTT-3.2.2-13] a CONNECT with a retained will to a broker without retained messages is "
                + "refused with CONNACK 0x9A and closed")
        void retainedWillIsRefused() {
            try (RawClient client = client(limited)) {
                Will will = new Will("wills/kept", new byte[] {1}, QoS.AT_MOST_ONCE, true, MqttProperties.EMPTY);
                assertThat(connack(client, connectPacket("retainer", true, MqttProperties.EMPTY, will)).reasonCode())
                        .isEqualTo(ReasonCode.RETAIN_NOT_SUPPORTED);
                assertThat(client.awaitClose()).isTrue();
            }
        }
    }

    @Nested
    class WithMaximumKeepAlive {
        @RegisterExtension
        final EmbeddedBroker limited = EmbeddedBroker.withConfig(BrokerConfig.builder().maxKeepAlive(60).build());

        private Connack connackWithKeepAlive(String clientId, int keepAlive) {
            try (RawClient client = client(limited)) {
                return connack(client, new Connect(MqttVersion.V5, clientId, true, keepAlive, null, null, null,
                        MqttProperties.EMPTY));
            }
        }

        @Test
        @DisplayName("a client asking for more than the maximum keep alive, or none, is given the maximum as "
                + "Server Keep Alive; one asking for less is given none")
        void serverKeepAlive() {
            assertThat(connackWithKeepAlive("long", 120).properties().intValue(PropertyId.SERVER_KEEP_ALIVE, -1))
                    .isEqualTo(60);
            assertThat(connackWithKeepAlive("none", 0).properties().intValue(PropertyId.SERVER_KEEP_ALIVE, -1))
                    .isEqualTo(60);
            assertThat(connackWithKeepAlive("short", 30).properties().has(PropertyId.SERVER_KEEP_ALIVE)).isFalse();
            assertThat(connackWithKeepAlive("exact", 60).properties().has(PropertyId.SERVER_KEEP_ALIVE)).isFalse();
        }

        @Test
        @DisplayName("[MQTT-3.1.2-22] [MQTT-3.2.2-22] without Server Keep Alive the broker uses the client's: "
                + "silent for 1.5 x 1 s, it is disconnected with 0x8D")
        void clientKeepAliveEnforced() {
            try (RawClient client = client(limited)) {
                Connack connack = connack(client, new Connect(MqttVersion.V5, "brief", true, 1, null, null, null,
                        MqttProperties.EMPTY));
                assertThat(connack.properties().has(PropertyId.SERVER_KEEP_ALIVE)).isFalse();
                expectDisconnect(client, ReasonCode.KEEP_ALIVE_TIMEOUT);
            }
        }

        @Test
        @DisplayName("an MQTT 3.1.1 client asking for more than the maximum keep alive is refused with return "
                + "code 0x02")
        void mqtt311ClientAboveTheMaximumRefused() {
            try (RawClient client = limited.rawClient()) {
                Connack connack = RawFlows.connack(client, Packets.connectPacket("old", true, 120));
                assertThat(connack.reasonCode()).isEqualTo(ReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
                assertThat(client.closedWithoutData()).isTrue();
            }
        }
    }

    @Nested
    class WithMaximumKeepAliveOfOneSecond {
        @RegisterExtension
        final EmbeddedBroker limited = EmbeddedBroker.withConfig(BrokerConfig.builder().maxKeepAlive(1).build());

        @Test
        @DisplayName("[MQTT-3.1.2-22] a client that asked for no keep alive is held to the Server Keep Alive of 1 s")
        void serverKeepAliveEnforced() {
            try (RawClient client = client(limited)) {
                Connack connack = connack(client, connectPacket("forever", true, MqttProperties.EMPTY));
                assertThat(connack.properties().intValue(PropertyId.SERVER_KEEP_ALIVE, -1)).isEqualTo(1);
                expectDisconnect(client, ReasonCode.KEEP_ALIVE_TIMEOUT);
            }
        }
    }
}
