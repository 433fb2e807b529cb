package io.tern.client.internal;

import io.tern.client.EnhancedAuth;
import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.Will;

/** Builds the CONNECT a client's settings call for. */
final class ConnectPackets {
    private ConnectPackets() {
    }

    static Connect connect(ClientConfig config) {
        boolean v5 = config.version().isV5();
        Will will = config.will() == null ? null : Messages.toWill(config.will(), config.willDelaySeconds(), v5);
        return new Connect(config.version(), config.clientId(), config.cleanStart(), config.keepAliveSeconds(),
                config.username(), config.password(), will, v5 ? properties(config) : MqttProperties.EMPTY);
    }

    private static MqttProperties properties(ClientConfig config) {
        MqttProperties.Builder properties = MqttProperties.builder();
        if (config.sessionExpirySeconds() > 0) {
            properties.set(PropertyId.SESSION_EXPIRY_INTERVAL, config.sessionExpirySeconds());
        }
        if (config.receiveMaximum() != 65_535) {
            properties.set(PropertyId.RECEIVE_MAXIMUM, config.receiveMaximum());
        }
        if (config.maximumPacketSize() > 0) {
            properties.set(PropertyId.MAXIMUM_PACKET_SIZE, config.maximumPacketSize());
        }
        if (config.requestResponseInformation()) {
            properties.set(PropertyId.REQUEST_RESPONSE_INFORMATION, 1);
        }
        if (!config.requestProblemInformation()) {
            properties.set(PropertyId.REQUEST_PROBLEM_INFORMATION, 0);
        }
        config.userProperties().forEach(properties::userProperty);
        EnhancedAuth auth = config.enhancedAuth();
        if (auth != null) {
            properties.set(PropertyId.AUTHENTICATION_METHOD, auth.method());
            byte[] data = auth.initialData();
            if (data != null) {
                properties.set(PropertyId.AUTHENTICATION_DATA, data);
            }
        }
        return properties.build();
    }
}
