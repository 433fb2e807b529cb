package io.tern.client.internal;

import io.netty.channel.EventLoopGroup;
import io.tern.client.ConnectionListener;
import io.tern.client.EnhancedAuth;
import io.tern.client.Message;
import io.tern.client.PacketListener;
import io.tern.client.Reconnect;
import io.tern.client.Transport;
import io.tern.client.persistence.Persistence;
import io.tern.codec.MqttVersion;
import io.tern.codec.UserProperty;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The settings of a client, as {@link io.tern.client.MqttClientBuilder} checked them. Nullable: username,
 * password, will, callbackExecutor, enhancedAuth, eventLoopGroup; maximumPacketSize 0 means unlimited.
 */
public record ClientConfig(String host, int port, String clientId, MqttVersion version, String username,
                           byte[] password, int keepAliveSeconds, boolean cleanStart, long sessionExpirySeconds,
                           Message will, long willDelaySeconds, int receiveMaximum, int maximumPacketSize,
                           int topicAliasMaximum, List<UserProperty> userProperties,
                           boolean requestResponseInformation, boolean requestProblemInformation, Reconnect reconnect,
                           int offlineBufferSize, int pendingPublishLimit, Persistence persistence,
                           Executor callbackExecutor, Duration connectTimeout, EnhancedAuth enhancedAuth,
                           Transport transport, List<ConnectionListener> listeners, EventLoopGroup eventLoopGroup,
                           List<PacketListener> packetListeners) {
    /** Copies the lists. */
    public ClientConfig {
        userProperties = List.copyOf(userProperties);
        listeners = List.copyOf(listeners);
        packetListeners = List.copyOf(packetListeners);
    }

    /** "host:port", for messages. */
    public String server() {
        return host + ":" + port;
    }
}
