package io.tern.codec.packet;

import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.PacketType;
import java.util.Arrays;
import java.util.Objects;

/**
 * CONNECT: the first packet of a client, which also fixes the protocol version of the connection.
 *
 * @param version    the protocol version
 * @param clientId   the client identifier, possibly empty
 * @param cleanStart clean session (MQTT 3) or clean start (MQTT 5)
 * @param keepAlive  the keep alive in seconds, 0 to 65,535 (0 turns it off)
 * @param username   the user name, or {@code null}
 * @param password   the password, or {@code null}; the record keeps its own copy
 * @param will       the will, or {@code null}
 * @param properties the CONNECT properties (MQTT 5), or {@link MqttProperties#EMPTY}
 */
public record Connect(MqttVersion version, String clientId, boolean cleanStart, int keepAlive, String username,
                      byte[] password, Will will, MqttProperties properties) implements MqttPacket {
    /** Checks and copies the components. */
    public Connect {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(properties, "properties");
        if (keepAlive < 0 || keepAlive > 0xFFFF) {
            throw new IllegalArgumentException("keep alive must be between 0 and 65535, not " + keepAlive);
        }
        if (password != null) {
            if (password.length > 0xFFFF) {
                throw new IllegalArgumentException("password is limited to 65535 bytes, not " + password.length);
            }
            password = password.clone();
        }
    }

    /** A copy of the password, or {@code null}. */
    @Override
    public byte[] password() {
        return password == null ? null : password.clone();
    }

    @Override
    public PacketType type() {
        return PacketType.CONNECT;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Connect other && version == other.version && clientId.equals(other.clientId)
                && cleanStart == other.cleanStart && keepAlive == other.keepAlive
                && Objects.equals(username, other.username) && Arrays.equals(password, other.password)
                && Objects.equals(will, other.will) && properties.equals(other.properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, clientId, cleanStart, keepAlive, username, Arrays.hashCode(password), will,
                properties);
    }

    @Override
    public String toString() {
        return "Connect[version=" + version + ", clientId=" + clientId + ", cleanStart=" + cleanStart
                + ", keepAlive=" + keepAlive + ", username=" + username
                + ", password=" + (password == null ? "none" : "****") + ", will=" + will
                + ", properties=" + properties + "]";
    }
}
