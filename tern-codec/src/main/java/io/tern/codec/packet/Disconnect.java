package io.tern.codec.packet;

import io.tern.codec.MqttProperties;
import io.tern.codec.PacketType;
import io.tern.codec.ReasonCode;
import java.util.Objects;

/**
 * DISCONNECT: the end of a connection, from the client, or in MQTT 5 from the server as well.
 *
 * @param reasonCode why; always {@link ReasonCode#NORMAL_DISCONNECTION} in MQTT 3
 * @param properties the properties (MQTT 5), or {@link MqttProperties#EMPTY}
 */
public record Disconnect(ReasonCode reasonCode, MqttProperties properties) implements MqttPacket {
    /** A normal disconnection without properties, the only DISCONNECT of MQTT 3. */
    public static final Disconnect NORMAL = new Disconnect(ReasonCode.NORMAL_DISCONNECTION, MqttProperties.EMPTY);

    /** Checks the components. */
    public Disconnect {
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(properties, "properties");
        if (!reasonCode.isAllowedIn(PacketType.DISCONNECT)) {
            throw new IllegalArgumentException(reasonCode + " is not a DISCONNECT reason code");
        }
    }

    /** A DISCONNECT with a reason code and no properties. */
    public Disconnect(ReasonCode reasonCode) {
        this(reasonCode, MqttProperties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.DISCONNECT;
    }
}
