package io.tern.cli.bench;

import io.tern.codec.MqttVersion;
import picocli.CommandLine.Option;

/**
 * The options that say where {@code tern bench} connects and how, shared by every scenario: TLS and
 * WebSocket options would join them here, and only {@link Target} and {@link Connections} would change.
 */
public final class ConnectionOptions {
    @Option(names = {"-h", "--host"}, paramLabel = "HOST", defaultValue = "127.0.0.1", order = 10,
            description = "broker host. Default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "1883", order = 11,
            description = "broker port. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = {"-V", "--protocol"}, paramLabel = "VERSION", defaultValue = "311", order = 12,
            description = "MQTT version: 311 (3.1.1) or 5. Default: ${DEFAULT-VALUE}")
    String protocol;

    @Option(names = "--persistent", order = 13,
            description = "clients keep their sessions (clean session 0; MQTT 5: a session expiry of "
                    + "5 minutes), so that a durable broker stores the messages it queues for them")
    boolean persistent;

    /** The broker to connect to, or an {@link IllegalArgumentException} naming the bad option. */
    Target target() {
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("--port must be between 1 and 65535, not " + port);
        }
        MqttVersion version = switch (protocol.trim()) {
            case "311", "3.1.1", "4" -> MqttVersion.V3_1_1;
            case "5", "5.0" -> MqttVersion.V5;
            default -> throw new IllegalArgumentException("--protocol must be 311 or 5, not " + protocol);
        };
        return new Target(host, port, version, persistent);
    }
}
