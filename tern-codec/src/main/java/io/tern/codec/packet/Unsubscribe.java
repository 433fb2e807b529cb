package io.tern.codec.packet;

import io.tern.codec.MqttProperties;
import io.tern.codec.PacketType;
import java.util.List;
import java.util.Objects;

/**
 * UNSUBSCRIBE: one or more topic filters to remove.
 *
 * @param packetId     the packet identifier, 1 to 65,535
 * @param topicFilters the topic filters, at least one
 * @param properties   the properties (MQTT 5: user properties), or {@link MqttProperties#EMPTY}
 */
public record Unsubscribe(int packetId, List<String> topicFilters, MqttProperties properties)
        implements MqttPacket {
    /** Checks and copies the components. */
    public Unsubscribe {
        PacketIds.requireValid(packetId);
        topicFilters = List.copyOf(topicFilters);
        Objects.requireNonNull(properties, "properties");
        if (topicFilters.isEmpty()) {
            throw new IllegalArgumentException("an UNSUBSCRIBE has at least one topic filter");
        }
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBSCRIBE;
    }
}
