package io.tern.cli.pubsub;

import io.tern.codec.PropertyId;
import java.util.Locale;

/**
 * The names mosquitto's clients give MQTT 5 properties, in {@code -D} options and in JSON output: the
 * specification's name in lower case with '-' between words ({@code message-expiry-interval}).
 */
public final class PropertyNames {
    private PropertyNames() {
    }

    /** The name of {@code id}: {@code payload-format-indicator}. */
    public static String name(PropertyId id) {
        return id.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The property called {@code name}, or null if none is. */
    public static PropertyId byName(String name) {
        for (PropertyId id : PropertyId.values()) {
            if (name(id).equals(name)) {
                return id;
            }
        }
        return null;
    }
}
