package io.tern.broker.transport;

import io.tern.codec.PropertyId;
import io.tern.codec.packet.Publish;
import java.util.HashMap;
import java.util.Map;

/**
 * The topic aliases the broker sets towards an MQTT 5 client that accepts some (its Topic Alias
 * Maximum): the first topics sent get an alias each, until the client's maximum is reached, and
 * later messages to those topics carry the alias alone. Aliases last as long as the connection.
 */
final class OutboundTopicAliases {
    private final int maximum;
    private final Map<String, Integer> aliases = new HashMap<>();

    /** Aliases 1 to {@code maximum}, as the client's CONNECT allows [MQTT-3.3.2-11]. */
    OutboundTopicAliases(int maximum) {
        this.maximum = maximum;
    }

    /** {@code publish} with its topic replaced by an alias, or given one, where possible; else itself. */
    Publish apply(Publish publish) {
        Integer alias = aliases.get(publish.topic());
        String topic = "";
        if (alias == null) {
            if (aliases.size() >= maximum) {
                return publish;
            }
            alias = aliases.size() + 1;
            aliases.put(publish.topic(), alias);
            topic = publish.topic();
        }
        return new Publish(topic, publish.qos(), publish.retained(), publish.dup(), publish.packetId(),
                publish.properties().toBuilder().set(PropertyId.TOPIC_ALIAS, alias).build(), publish.payload());
    }
}
