package io.tern.codec;

import java.util.Objects;

/**
 * An MQTT 5 user property: a name and value pair of UTF-8 strings. Names may repeat; order is kept.
 *
 * @param name  the name
 * @param value the value
 */
public record UserProperty(String name, String value) {
    /** Checks that name and value are present. */
    public UserProperty {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
