package io.tern.cli.pubsub;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code -L} URL of mosquitto_pub and mosquitto_sub, {@code mqtt://[user[:password]@]host[:port]/topic}
 * or {@code mqtts://...} (TLS): user, password, host, port and topic in one option. Tern also takes
 * {@code ws://[user[:password]@]host[:port][/path]} and {@code wss://...}, MQTT over WebSocket at the path
 * ({@code /mqtt} when left out), whose topic comes from {@code -t}.
 *
 * @param scheme        mqtt, mqtts, ws or wss
 * @param username      the user name, or null
 * @param password      the password, or null
 * @param host          the broker's host
 * @param port          the broker's port; when the URL has none 1883, 8883 (mqtts), 80 (ws) or 443 (wss)
 * @param topic         the topic, without the leading '/'; null for ws:// and wss://
 * @param webSocketPath the path of a ws:// or wss:// URL, or null
 */
public record MqttUrl(String scheme, String username, String password, String host, int port, String topic,
                      String webSocketPath) {
    private static final String DEFAULT_WEBSOCKET_PATH = "/mqtt";
    private static final Pattern URL = Pattern.compile(
            "(?<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?:(?<user>[^:@/]*)(?::(?<password>[^@/]*))?@)?"
                    + "(?<host>\\[[^]]+]|[^:/\\[\\]]+)(?::(?<port>\\d{1,5}))?(?<path>/.*)?");

    /**
     * The parts of {@code url}.
     *
     * @throws IllegalArgumentException when it is not such a URL: the message says why
     */
    public static MqttUrl parse(String url) {
        Matcher matcher = URL.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + url + "' is not mqtt://[user[:password]@]host[:port]/topic");
        }
        String scheme = matcher.group("scheme").toLowerCase(Locale.ROOT);
        int defaultPort = switch (scheme) {
            case "mqtt" -> 1883;
            case "mqtts" -> 8883;
            case "ws" -> 80;
            case "wss" -> 443;
            default -> throw new IllegalArgumentException("'" + url
                    + "': the scheme must be mqtt://, mqtts://, ws:// or wss://, not " + scheme + "://");
        };
        boolean webSocket = scheme.startsWith("ws");
        String path = matcher.group("path");
        if (!webSocket && (path == null || path.length() < 2)) {
            throw new IllegalArgumentException("'" + url + "' is not " + scheme + "://[user[:password]@]host[:port]/topic");
        }
        int port = matcher.group("port") == null ? defaultPort : Integer.parseInt(matcher.group("port"));
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("'" + url + "': the port must be between 1 and 65535, not " + port);
        }
        String host = matcher.group("host");
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new MqttUrl(scheme, matcher.group("user"), matcher.group("password"), host, port,
                webSocket ? null : path.substring(1),
                webSocket ? (path == null || path.equals("/") ? DEFAULT_WEBSOCKET_PATH : path) : null);
    }

    /** Whether the URL asks for TLS: mqtts:// or wss://. */
    public boolean tls() {
        return scheme.equals("mqtts") || scheme.equals("wss");
    }
}
