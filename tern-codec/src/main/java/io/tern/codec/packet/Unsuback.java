package io.tern.codec.packet;

import io.tern.codec.MqttProperties;
import io.tern.codec.PacketType;
import io.tern.codec.ReasonCode;
import java.util.List;
import java.util.Objects;

/**
 * UNSUBACK: the answer to UNSUBSCRIBE. MQTT 5 gives one reason code per topic filter; MQTT 3 gives
 * none, so the list is empty there.
 *
 * @param packetId    the packet identifier of the UNSUBSCRIBE
 * @param reasonCodes the outcome for each topic filter (MQTT 5), or an empty list (MQTT 3)
 * @param properties  the properties (MQTT 5), or {@link MqttProperties#EMPTY}
 */
public record Unsuback(int packetId, List<ReasonCode> reasonCodes, MqttProperties properties)
        implements MqttPacket {
    /** Checks and copies the components. */
    public Unsuback {
        PacketIds.requireValid(packetId);
        reasonCodes = List.copyOf(reasonCodes);
        Objects.requireNonNull(properties, "properties");
        for (ReasonCode code : reasonCodes) {
            if (!code.isAllowedIn(PacketType.UNSUBACK)) {
                throw new IllegalArgumentException(code + " is not an UNSUBACK reason code");
            }
        }
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBACK;
    }
}
