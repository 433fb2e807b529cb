package io.tern.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The immutable MQTT 5 properties of a packet or of a will.
 *
 * <p>Properties are kept in order of their identifier; repeated properties (user properties, and
 * subscription identifiers of a PUBLISH) keep the order in which they were added, which is the order
 * on the wire. Integer values are unsigned: read them with {@link #intValue} or {@link #longValue}.
 * An MQTT 3 packet always has {@link #EMPTY} properties.
 */
public final class MqttProperties {
    /** No properties. */
    public static final MqttProperties EMPTY = new MqttProperties(new PropertyId[0], new Object[0]);

    private final PropertyId[] ids;
    /** Integer (unsigned bits) for the integer types, String, byte[], or UserProperty. */
    private final Object[] values;

    private MqttProperties(PropertyId[] ids, Object[] values) {
        this.ids = ids;
        this.values = values;
    }

    /**
     * Properties made of the first {@code count} entries of two parallel arrays, whose values the
     * caller has checked against their types; the arrays are copied, so a decoder may reuse them.
     */
    static MqttProperties copyOf(PropertyId[] ids, Object[] values, int count) {
        if (count == 0) {
            return EMPTY;
        }
        PropertyId[] sortedIds = Arrays.copyOf(ids, count);
        Object[] sortedValues = Arrays.copyOf(values, count);
        // insertion sort: stable, so repeated properties keep their order, and property lists are short
        for (int i = 1; i < count; i++) {
            PropertyId id = sortedIds[i];
            Object value = sortedValues[i];
            int j = i - 1;
            while (j >= 0 && sortedIds[j].id() > id.id()) {
                sortedIds[j + 1] = sortedIds[j];
                sortedValues[j + 1] = sortedValues[j];
                j--;
            }
            sortedIds[j + 1] = id;
            sortedValues[j + 1] = value;
        }
        return new MqttProperties(sortedIds, sortedValues);
    }

    /** A builder of properties. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts with these properties. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        for (int i = 0; i < ids.length; i++) {
            builder.append(ids[i], values[i]);
        }
        return builder;
    }

    /** Whether there are no properties. */
    public boolean isEmpty() {
        return ids.length == 0;
    }

    /** The number of property entries, counting each repetition. */
    public int size() {
        return ids.length;
    }

    /** The identifier of the entry at {@code index}, in wire order. */
    public PropertyId idAt(int index) {
        return ids[index];
    }

    /**
     * The raw value of the entry at {@code index}: an {@link Integer} holding the unsigned bits of an
     * integer type, a {@link String}, a {@code byte[]} that must not be modified, or a {@link UserProperty}.
     */
    Object valueAt(int index) {
        return values[index];
    }

    /** Whether the property is present. */
    public boolean has(PropertyId id) {
        return indexOf(id) >= 0;
    }

    /**
     * The value of a byte, two-byte or variable byte integer property (the first one, for a
     * repeated property), or {@code absent}.
     */
    public int intValue(PropertyId id, int absent) {
        int index = indexOf(id);
        return index < 0 ? absent : (Integer) values[index];
    }

    /** The unsigned value of any integer property, or {@code absent}. */
    public long longValue(PropertyId id, long absent) {
        int index = indexOf(id);
        return index < 0 ? absent : Integer.toUnsignedLong((Integer) values[index]);
    }

    /** The value of a UTF-8 string property, or {@code null}. */
    public String stringValue(PropertyId id) {
        int index = indexOf(id);
        return index < 0 ? null : (String) values[index];
    }

    /** A copy of the value of a binary data property, or {@code null}. */
    public byte[] binaryValue(PropertyId id) {
        int index = indexOf(id);
        return index < 0 ? null : ((byte[]) values[index]).clone();
    }

    /** The user properties in their order. */
    public List<UserProperty> userProperties() {
        List<UserProperty> result = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == PropertyId.USER_PROPERTY) {
                result.add((UserProperty) values[i]);
            }
        }
        return result;
    }

    /** The subscription identifiers in their order. */
    public List<Integer> subscriptionIdentifiers() {
        List<Integer> result = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == PropertyId.SUBSCRIPTION_IDENTIFIER) {
                result.add((Integer) values[i]);
            }
        }
        return result;
    }

    /** These properties without any entry of {@code id}. */
    public MqttProperties without(PropertyId id) {
        return has(id) ? toBuilder().remove(id).build() : this;
    }

    private int indexOf(PropertyId id) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == id) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MqttProperties other
                && Arrays.equals(ids, other.ids)
                && Arrays.deepEquals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < ids.length; i++) {
            if (i > 0) {
                text.append(", ");
            }
            Object value = values[i];
            text.append(ids[i]).append('=');
            if (value instanceof byte[] bytes) {
                text.append(bytes.length).append(" bytes");
            } else if (value instanceof Integer number && ids[i].type() == PropertyId.Type.FOUR_BYTE_INTEGER) {
                text.append(Integer.toUnsignedLong(number));
            } else {
                text.append(value);
            }
        }
        return text.append('}').toString();
    }

    /** Collects properties; a property that may appear once is replaced when set again. */
    public static final class Builder {
        private final List<PropertyId> ids = new ArrayList<>();
        private final List<Object> values = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets an integer property (byte, two-byte, four-byte or variable byte integer).
         *
         * @throws IllegalArgumentException if the property is not of an integer type or the value is
         *                                  outside its range
         */
        public Builder set(PropertyId id, long value) {
            long max = switch (id.type()) {
                case BYTE -> 0xFF;
                case TWO_BYTE_INTEGER -> 0xFFFF;
                case FOUR_BYTE_INTEGER -> 0xFFFF_FFFFL;
                case VARIABLE_BYTE_INTEGER -> VariableByteInteger.MAX_VALUE;
                default -> throw new IllegalArgumentException(id + " is not an integer property");
            };
            if (value < 0 || value > max) {
                throw new IllegalArgumentException(id + " must be between 0 and " + max + ", not " + value);
            }
            return replace(id, (int) value);
        }

        /**
         * Sets a UTF-8 string property.
         *
         * @throws IllegalArgumentException if the property is not a string property
         */
        public Builder set(PropertyId id, String value) {
            requireType(id, PropertyId.Type.UTF8_STRING);
            return replace(id, Objects.requireNonNull(value, "value"));
        }

        /**
         * Sets a binary data property to a copy of {@code value}.
         *
         * @throws IllegalArgumentException if the property is not a binary property or the value is
         *                                  longer than 65,535 bytes
         */
        public Builder set(PropertyId id, byte[] value) {
            requireType(id, PropertyId.Type.BINARY_DATA);
            if (value.length > 0xFFFF) {
                throw new IllegalArgumentException(id + " is limited to 65535 bytes, not " + value.length);
            }
            return replace(id, value.clone());
        }

        /** Adds a user property after those already added. */
        public Builder userProperty(String name, String value) {
            return append(PropertyId.USER_PROPERTY, new UserProperty(name, value));
        }

        /** Adds a user property after those already added. */
        public Builder userProperty(UserProperty property) {
            return append(PropertyId.USER_PROPERTY, Objects.requireNonNull(property, "property"));
        }

        /**
         * Adds a subscription identifier after those already added (a PUBLISH may carry several).
         *
         * @throws IllegalArgumentException if the identifier is not between 1 and 268,435,455
         */
        public Builder subscriptionIdentifier(int identifier) {
            if (identifier < 1 || identifier > VariableByteInteger.MAX_VALUE) {
                throw new IllegalArgumentException("subscription identifier must be between 1 and "
                        + VariableByteInteger.MAX_VALUE + ", not " + identifier);
            }
            return append(PropertyId.SUBSCRIPTION_IDENTIFIER, identifier);
        }

        /** Removes every entry of the property. */
        public Builder remove(PropertyId id) {
            for (int i = ids.size() - 1; i >= 0; i--) {
                if (ids.get(i) == id) {
                    ids.remove(i);
                    values.remove(i);
                }
            }
            return this;
        }

        /** Whether an entry of the property has been added. */
        public boolean has(PropertyId id) {
            return ids.contains(id);
        }

        /** Immutable properties, in identifier order, repeated entries in the order added. */
        public MqttProperties build() {
            return copyOf(ids.toArray(new PropertyId[0]), values.toArray(), ids.size());
        }

        /** Adds an entry whose value the caller has checked against the property's type. */
        Builder append(PropertyId id, Object value) {
            ids.add(id);
            values.add(value);
            return this;
        }

        private Builder replace(PropertyId id, Object value) {
            remove(id);
            return append(id, value);
        }

        private static void requireType(PropertyId id, PropertyId.Type type) {
            if (id.type() != type) {
                throw new IllegalArgumentException(id + " is not a " + type + " property");
            }
        }
    }
}
