package io.tern.client.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Topic aliases for the PUBLISHes of one connection (MQTT 5): the first topics published get an alias,
 * up to the smaller of the client's and the server's maximum; later publishes to them send the alias
 * alone. Aliases belong to a connection, so a new one starts empty. Used on the event loop only.
 */
final class OutboundTopicAliases {
    private final Map<String, Integer> aliases = new HashMap<>();
    private final int maximum;

    /** Aliases for a connection on which at most {@code maximum} may be used (0: none). */
    OutboundTopicAliases(int maximum) {
        this.maximum = maximum;
    }

    /**
     * The alias to send with a publish to {@code topic}: positive if the topic had one already (send an
     * empty topic), negative for a new one (send the topic and the alias, its absolute value), 0 for none.
     */
    int aliasFor(String topic) {
        if (maximum == 0) {
            return 0;
        }
        Integer known = aliases.get(topic);
        if (known != null) {
            return known;
        }
        if (aliases.size() == maximum) {
            return 0;
        }
        int alias = aliases.size() + 1;
        aliases.put(topic, alias);
        return -alias;
    }
}
