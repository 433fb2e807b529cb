package io.tern.broker.transport;

import io.tern.codec.MqttCodecException;
import io.tern.codec.MqttVersion;
import io.tern.codec.PacketType;
import io.tern.codec.PropertyId;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Publish;

/**
 * The topic aliases an MQTT 5 client set towards the broker on one connection: a PUBLISH with a
 * topic name and an alias sets the alias, one with an alias alone stands for the topic name set
 * before. Aliases last as long as the connection [MQTT-3.3.2-7].
 */
final class InboundTopicAliases {
    private final int maximum;
    private String[] topics;

    /** Aliases 1 to {@code maximum}, as the broker's CONNACK announced; 0 for none. */
    InboundTopicAliases(int maximum) {
        this.maximum = maximum;
    }

    /**
     * The topic name of {@code publish}, setting or looking up its alias.
     *
     * @throws MqttCodecException 0x94 for an alias of 0 or beyond the maximum [MQTT-3.2.2-17]
     *                            [MQTT-3.3.2-8] [MQTT-3.3.2-9], 0x82 for an alias alone that was never set
     */
    String topicOf(Publish publish) {
        String topic = publish.topic();
        int alias = publish.properties().intValue(PropertyId.TOPIC_ALIAS, 0);
        if (alias == 0) {
            if (publish.properties().has(PropertyId.TOPIC_ALIAS)) {
                throw violation(ReasonCode.TOPIC_ALIAS_INVALID, "topic alias 0 is not allowed");
            }
            return topic;
        }
        if (alias > maximum) {
            throw violation(ReasonCode.TOPIC_ALIAS_INVALID, "topic alias " + alias + " is more than the maximum, "
                    + maximum);
        }
        if (topics == null) {
            topics = new String[maximum + 1];
        }
        if (!topic.isEmpty()) {
            topics[alias] = topic;
            return topic;
        }
        String aliased = topics[alias];
        if (aliased == null) {
            throw violation(ReasonCode.PROTOCOL_ERROR, "topic alias " + alias + " was never set");
        }
        return aliased;
    }

    private static MqttCodecException violation(ReasonCode code, String message) {
        return new MqttCodecException(code, PacketType.PUBLISH, MqttVersion.V5, message);
    }
}
