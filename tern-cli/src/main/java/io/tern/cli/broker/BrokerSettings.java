package io.tern.cli.broker;

import io.tern.broker.BrokerConfig;
import io.tern.broker.transport.TlsOptions;
import java.util.List;
import java.util.Objects;

/**
 * What {@code tern broker} runs with, checked: from a configuration file ({@link ConfigFile}), or the
 * defaults, and then the command-line options.
 *
 * @param listeners the listeners, at least one
 * @param limits    the broker's limits
 * @param logLevel  the level of the log: {@code error}, {@code warn}, {@code info}, {@code debug} or
 *                  {@code trace}
 * @param auth      the password and ACL files
 * @param storage   where sessions and retained messages are kept
 */
public record BrokerSettings(List<Listener> listeners, BrokerConfig limits, String logLevel, AuthSettings auth,
                             StorageSettings storage) {
    /** The host of a listener when none is given: loopback only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The port of a listener when none is given. */
    public static final int DEFAULT_PORT = 1883;
    /** The log levels, least verbose first. */
    public static final List<String> LOG_LEVELS = List.of("error", "warn", "info", "debug", "trace");

    /** Checks that nothing is missing. */
    public BrokerSettings {
        listeners = List.copyOf(listeners);
        if (listeners.isEmpty()) {
            throw new IllegalArgumentException("at least one listener is needed");
        }
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(storage, "storage");
        if (!LOG_LEVELS.contains(logLevel)) {
            throw new IllegalArgumentException("unknown log level " + logLevel);
        }
        Objects.requireNonNull(auth, "auth");
    }

    /**
     * The settings of {@code tern broker} without configuration: 127.0.0.1:1883, default limits, info,
     * data in ./data.
     */
    public static BrokerSettings defaults() {
        return new BrokerSettings(List.of(new Listener(DEFAULT_HOST, DEFAULT_PORT)), BrokerConfig.defaults(), "info",
                AuthSettings.NONE, StorageSettings.defaults());
    }

    /** These settings listening on {@code listeners} instead. */
    public BrokerSettings withListeners(List<Listener> listeners) {
        return new BrokerSettings(listeners, limits, logLevel, auth, storage);
    }

    /** These settings logging at {@code level} instead. */
    public BrokerSettings withLogLevel(String level) {
        return new BrokerSettings(listeners, limits, level, auth, storage);
    }

    /** These settings keeping sessions and retained messages as {@code storage} says instead. */
    public BrokerSettings withStorage(StorageSettings storage) {
        return new BrokerSettings(listeners, limits, logLevel, auth, storage);
    }

    /**
     * A listener.
     *
     * @param host          an IP address (IPv4 or IPv6) or a host name
     * @param port          the port, 0 for any free one
     * @param webSocketPath the path of the WebSocket endpoint, or {@code null} for MQTT over TCP
     * @param tls           the TLS settings, or {@code null} for none
     */
    public record Listener(String host, int port, String webSocketPath, TlsOptions tls) {
        /** Checks the port. */
        public Listener {
            Objects.requireNonNull(host, "host");
            if (port < 0 || port > 0xFFFF) {
                throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
            }
        }

        /** MQTT over TCP, without TLS. */
        public Listener(String host, int port) {
            this(host, port, null, null);
        }

        /** The broker's listener of these settings. */
        public io.tern.broker.transport.Listener toBroker() {
            return new io.tern.broker.transport.Listener(host, port, webSocketPath, tls);
        }

        /** {@code 127.0.0.1:1883}, {@code [::1]:1883}. */
        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
