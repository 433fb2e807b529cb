package io.tern.broker.transport;

import io.tern.broker.BrokerConfig;
import io.tern.codec.MqttPacketDecoder;
import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.packet.Connect;

/** The properties of the broker's MQTT 5 CONNACK: the limits and features a client must respect or may use. */
final class ConnackProperties {
    private ConnackProperties() {
    }

    /**
     * The CONNACK properties for a client that connected.
     *
     * @param config           the broker's limits
     * @param connect          what the client asked for
     * @param clientId         the client identifier in use
     * @param clientIdAssigned whether the broker assigned it (the client sent none)
     * @param serverKeepAlive  the keep alive the client must use instead of its own, or -1 to keep its own
     */
    static MqttProperties of(BrokerConfig config, Connect connect, String clientId, boolean clientIdAssigned,
                             int serverKeepAlive) {
        MqttProperties.Builder builder = MqttProperties.builder();
        if (clientIdAssigned) {
            builder.set(PropertyId.ASSIGNED_CLIENT_IDENTIFIER, clientId);
        }
        if (config.receiveMaximum() != 0xFFFF) {
            builder.set(PropertyId.RECEIVE_MAXIMUM, config.receiveMaximum());
        }
        if (config.maxQos() != QoS.EXACTLY_ONCE) {
            builder.set(PropertyId.MAXIMUM_QOS, config.maxQos().value());
        }
        builder.set(PropertyId.RETAIN_AVAILABLE, config.retainAvailable() ? 1 : 0);
        if (config.maxPacketSize() < MqttPacketDecoder.MAX_PACKET_SIZE) {
            builder.set(PropertyId.MAXIMUM_PACKET_SIZE, config.maxPacketSize());
        }
        if (config.topicAliasMaximum() > 0) {
            builder.set(PropertyId.TOPIC_ALIAS_MAXIMUM, config.topicAliasMaximum());
        }
        builder.set(PropertyId.WILDCARD_SUBSCRIPTION_AVAILABLE, 1);
        builder.set(PropertyId.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 1);
        builder.set(PropertyId.SHARED_SUBSCRIPTION_AVAILABLE, 1);
        if (serverKeepAlive >= 0) {
            builder.set(PropertyId.SERVER_KEEP_ALIVE, serverKeepAlive);
        }
        if (config.responseInformation() != null
                && connect.properties().intValue(PropertyId.REQUEST_RESPONSE_INFORMATION, 0) == 1) {
            builder.set(PropertyId.RESPONSE_INFORMATION, config.responseInformation() + clientId);
        }
        return builder.build();
    }
}
