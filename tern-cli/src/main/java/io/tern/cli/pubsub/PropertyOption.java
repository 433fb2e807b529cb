package io.tern.cli.pubsub;

import io.tern.codec.MqttProperties;
import io.tern.codec.PacketType;
import io.tern.codec.PropertyId;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One {@code -D COMMAND PROPERTY VALUE} (or {@code -D COMMAND user-property NAME VALUE}): an MQTT 5
 * property to send in a packet, named as mosquitto_pub and mosquitto_sub name them.
 *
 * @param command  the packet that carries it
 * @param property the property
 * @param name     the name of a user property, else null
 * @param value    the value as given
 */
public record PropertyOption(Packet command, PropertyId property, String name, String value) {
    /** The packets a {@code -D} may name: {@code connect}, {@code publish}, ..., and {@code will}. */
    public enum Packet {
        CONNECT(PacketType.CONNECT), PUBLISH(PacketType.PUBLISH), SUBSCRIBE(PacketType.SUBSCRIBE),
        UNSUBSCRIBE(PacketType.UNSUBSCRIBE), DISCONNECT(PacketType.DISCONNECT), WILL(null);

        private final PacketType packet;

        Packet(PacketType packet) {
            this.packet = packet;
        }

        /** How a -D names it: {@code connect}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean allows(PropertyId property) {
            return packet == null
                    ? property.isAllowedInWill()
                    : property.isAllowedIn(packet) && property != PropertyId.SUBSCRIPTION_IDENTIFIER;
        }
    }

    /**
     * The property of {@code command}, {@code property} and the values after them: one, or two for a user
     * property.
     *
     * @throws IllegalArgumentException when the command or property is unknown, the packet cannot carry
     *                                  the property, or the value does not fit its type: the message says which
     */
    public static PropertyOption parse(String command, String property, String... values) {
        Packet packet = command(command);
        PropertyId id = PropertyNames.byName(property.toLowerCase(Locale.ROOT));
        if (id == null) {
            throw new IllegalArgumentException("unknown property '" + property
                    + "' (names as in mosquitto_pub(1): content-type, message-expiry-interval, user-property...)");
        }
        if (!packet.allows(id)) {
            throw new IllegalArgumentException(packet.label() + " cannot carry " + property);
        }
        int expected = id == PropertyId.USER_PROPERTY ? 2 : 1;
        if (values.length != expected) {
            throw new IllegalArgumentException(property + " takes "
                    + (expected == 2 ? "a name and a value" : "one value"));
        }
        PropertyOption option = expected == 2
                ? new PropertyOption(packet, id, values[0], values[1])
                : new PropertyOption(packet, id, null, values[0]);
        option.addTo(MqttProperties.builder()); // checks the value
        return option;
    }

    private static Packet command(String command) {
        for (Packet packet : Packet.values()) {
            if (packet.label().equals(command.toLowerCase(Locale.ROOT))) {
                return packet;
            }
        }
        throw new IllegalArgumentException("unknown command '" + command
                + "': connect, publish, subscribe, unsubscribe, disconnect or will");
    }

    /**
     * Adds this property to {@code properties}.
     *
     * @throws IllegalArgumentException when the value does not fit the property's type
     */
    public void addTo(MqttProperties.Builder properties) {
        switch (property.type()) {
            case UTF8_STRING_PAIR -> properties.userProperty(name, value);
            case UTF8_STRING -> properties.set(property, value);
            case BINARY_DATA -> properties.set(property, value.getBytes(StandardCharsets.UTF_8));
            case BYTE -> properties.set(property, number(0xFF));
            case TWO_BYTE_INTEGER -> properties.set(property, number(0xFFFF));
            case FOUR_BYTE_INTEGER -> properties.set(property, number(0xFFFF_FFFFL));
            case VARIABLE_BYTE_INTEGER -> properties.set(property, number(268_435_455));
            default -> throw new IllegalStateException("no such type: " + property.type());
        }
    }

    private long number(long max) {
        try {
            long number = Long.parseLong(value.trim());
            if (number >= 0 && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(PropertyNames.name(property) + " must be a whole number from 0 to " + max
                + ", not '" + value + "'");
    }

    @Override
    public String toString() {
        return command.label() + " " + PropertyNames.name(property) + (name == null ? "" : " " + name) + " " + value;
    }
}
