package io.tern.codec.packet;

import io.tern.codec.MqttProperties;
import io.tern.codec.PacketType;
import java.util.List;
import java.util.Objects;

/**
 * SUBSCRIBE: one or more topic filters with their options.
 *
 * @param packetId      the packet identifier, 1 to 65,535
 * @param subscriptions the subscriptions, at least one
 * @param properties    the properties (MQTT 5: a subscription identifier and user properties), or
 *                      {@link MqttProperties#EMPTY}
 */
public record Subscribe(int packetId, List<Subscription> subscriptions, MqttProperties properties)
        implements MqttPacket {
    /** Checks and copies the components. */
    public Subscribe {
        PacketIds.requireValid(packetId);
        subscriptions = List.copyOf(subscriptions);
        Objects.requireNonNull(properties, "properties");
        if (subscriptions.isEmpty()) {
            throw new IllegalArgumentException("a SUBSCRIBE has at least one subscription");
        }
    }

    @Override
    public PacketType type() {
        return PacketType.SUBSCRIBE;
    }
}
