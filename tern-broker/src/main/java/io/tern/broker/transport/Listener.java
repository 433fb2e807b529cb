package io.tern.broker.transport;

import java.util.Objects;

/**
 * Where and how the broker accepts connections: MQTT over TCP, over TLS, over WebSocket or over
 * secure WebSocket.
 *
 * <pre>{@code
 * Listener.tcp("127.0.0.1", 1883)                                  // mqtt://
 * Listener.tcp("0.0.0.0", 8883).withTls(TlsOptions.of(cert, key))  // mqtts://
 * Listener.tcp("127.0.0.1", 8080).withWebSocket("/mqtt")           // ws://
 * }</pre>
 *
 * @param host          an IP address (IPv4 or IPv6) or a host name
 * @param port          the port, 0 for any free one
 * @param webSocketPath the path of the WebSocket endpoint ({@code /mqtt}), or {@code null} for MQTT
 *                      straight over the socket
 * @param tls           the TLS settings, or {@code null} for none
 */
public record Listener(String host, int port, String webSocketPath, TlsOptions tls) {
    /** The path of the WebSocket endpoint when none is given, as mosquitto, HiveMQ and EMQX use. */
    public static final String DEFAULT_WEBSOCKET_PATH = "/mqtt";

    /** Checks the port and the path. */
    public Listener {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
        }
        if (webSocketPath != null && (!webSocketPath.startsWith("/") || webSocketPath.chars()
                .anyMatch(c -> c <= ' ' || c == '?' || c == '#' || c >= 0x7f))) {
            throw new IllegalArgumentException("path must start with / and hold no spaces, '?' or '#', not '"
                    + webSocketPath + "'");
        }
    }

    /** MQTT over TCP on {@code host:port}. */
    public static Listener tcp(String host, int port) {
        return new Listener(host, port, null, null);
    }

    /** This listener, speaking MQTT inside WebSocket binary frames at {@code path} instead. */
    public Listener withWebSocket(String path) {
        return new Listener(host, port, path, tls);
    }

    /** This listener, over TLS. */
    public Listener withTls(TlsOptions tls) {
        return new Listener(host, port, webSocketPath, Objects.requireNonNull(tls, "tls"));
    }

    /** Whether MQTT goes inside WebSocket frames here. */
    public boolean isWebSocket() {
        return webSocketPath != null;
    }

    /** {@code mqtt}, {@code mqtts}, {@code ws} or {@code wss}. */
    public String scheme() {
        return (isWebSocket() ? "ws" : "mqtt") + (tls == null ? "" : "s");
    }

    /**
     * {@code 127.0.0.1:1883} for MQTT over TCP, as the broker always logged it; a URL for the others:
     * {@code mqtts://127.0.0.1:8883}, {@code wss://[::1]:8443/mqtt}.
     */
    @Override
    public String toString() {
        String address = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        if (!isWebSocket() && tls == null) {
            return address;
        }
        return scheme() + "://" + address + (isWebSocket() ? webSocketPath : "");
    }
}
