package io.tern.cli.bench;

import io.tern.codec.MqttVersion;

/**
 * The broker under test and how to talk to it. Transports other than plain TCP (TLS, WebSocket)
 * would be one more component here and one more step in {@link Connections}' pipeline.
 *
 * @param host       host name or address
 * @param port       TCP port
 * @param version    the MQTT version every client speaks
 * @param persistent whether the clients keep their sessions (clean session 0), so that a durable
 *                   broker stores what it queues for them
 */
record Target(String host, int port, MqttVersion version, boolean persistent) {
    /** {@code host:port}, as messages show it. */
    String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The MQTT version as people write it: 3.1.1 or 5. */
    String protocol() {
        return version.isV5() ? "5" : "3.1.1";
    }
}
