package io.tern.codec.packet;

import io.tern.codec.MqttProperties;
import io.tern.codec.PacketType;
import io.tern.codec.ReasonCode;

/** The packets of the QoS 1 and QoS 2 flows that answer a PUBLISH: PUBACK, PUBREC, PUBREL and PUBCOMP. */
public sealed interface PublishResponse extends MqttPacket permits PubAck, PubRec, PubRel, PubComp {
    /** The packet identifier of the PUBLISH this belongs to. */
    int packetId();

    /** The outcome; always {@link ReasonCode#SUCCESS} in MQTT 3. */
    ReasonCode reasonCode();

    /** The properties (MQTT 5), or {@link MqttProperties#EMPTY}. */
    MqttProperties properties();

    /** Checks the components shared by the four records. */
    static void check(PacketType type, int packetId, ReasonCode reasonCode) {
        PacketIds.requireValid(packetId);
        if (!reasonCode.isAllowedIn(type)) {
            throw new IllegalArgumentException(reasonCode + " is not a " + type + " reason code");
        }
    }
}
