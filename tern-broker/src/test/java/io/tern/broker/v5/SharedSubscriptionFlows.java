package io.tern.broker.v5;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.Connect;

/** MQTT 5 raw-client flows the shared subscription tests share: members connect, join, and publishers publish. */
final class SharedSubscriptionFlows {
    private SharedSubscriptionFlows() {
    }

    /** An MQTT 5 raw client connected with clean start, no session expiry and keep alive off. */
    static RawClient connectV5(EmbeddedBroker broker, String clientId) {
        return connectV5(broker, clientId, true, MqttProperties.EMPTY);
    }

    /** An MQTT 5 raw client connected with clean start, no session expiry and this Receive Maximum. */
    static RawClient connectV5(EmbeddedBroker broker, String clientId, int receiveMaximum) {
        return connectV5(broker, clientId, true,
                MqttProperties.builder().set(PropertyId.RECEIVE_MAXIMUM, receiveMaximum).build());
    }

    /** An MQTT 5 raw client connected with a session that outlives the connection by 5 minutes. */
    static RawClient connectPersistentV5(EmbeddedBroker broker, String clientId, boolean cleanStart) {
        return connectV5(broker, clientId, cleanStart,
                MqttProperties.builder().set(PropertyId.SESSION_EXPIRY_INTERVAL, 300L).build());
    }

    /** An MQTT 5 raw client connected with these CONNECT properties; the CONNACK must accept it. */
    static RawClient connectV5(EmbeddedBroker broker, String clientId, boolean cleanStart, MqttProperties properties) {
        RawClient client = broker.rawClient().version(MqttVersion.V5);
        try {
            client.send(new Connect(MqttVersion.V5, clientId, cleanStart, 0, null, null, null, properties));
            assertThat(client.receive(Connack.class).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            return client;
        } catch (RuntimeException | AssertionError e) {
            client.close();
            throw e;
        }
    }

    /** Publishes {@code payload} at QoS 1 from a new MQTT 3.1.1 client, which disconnects once it is routed. */
    static void publish(EmbeddedBroker broker, String topic, String payload) {
        RawFlows.publishFrom(broker, topic, QoS.AT_LEAST_ONCE, false, payload);
    }
}
