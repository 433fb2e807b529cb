package io.tern.cli.pubsub;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code -L} URL of mosquitto_pub and mosquitto_sub, {@code mqtt://[user[:password]@]host[:port]/topic}:
 * user, password, host, port and topic in one option.
 *
 * @param username the user name, or null
 * @param password the password, or null
 * @param host     the broker's host
 * @param port     the broker's port, 1883 when the URL has none
 * @param topic    the topic, without the leading '/'
 */
public record MqttUrl(String username, String password, String host, int port, String topic) {
    private static final Pattern URL = Pattern.compile(
            "(?<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?:(?<user>[^:@/]*)(?::(?<password>[^@/]*))?@)?"
                    + "(?<host>\\[[^]]+]|[^:/\\[\\]]+)(?::(?<port>\\d{1,5}))?/(?<topic>.+)");

    /**
     * The parts of {@code url}.
     *
     * @throws IllegalArgumentException when it is not such a URL, or is mqtts:// (TLS): the message says why
     */
    public static MqttUrl parse(String url) {
        Matcher matcher = URL.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + url + "' is not mqtt://[user[:password]@]host[:port]/topic");
        }
        String scheme = matcher.group("scheme");
        if (scheme.equals("mqtts")) {
            throw new IllegalArgumentException("'" + url + "': mqtts:// (TLS) is not supported yet, use mqtt://");
        }
        if (!scheme.equals("mqtt")) {
            throw new IllegalArgumentException("'" + url + "': the scheme must be mqtt://, not " + scheme + "://");
        }
        int port = matcher.group("port") == null ? 1883 : Integer.parseInt(matcher.group("port"));
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("'" + url + "': the port must be between 1 and 65535, not " + port);
        }
        String host = matcher.group("host");
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new MqttUrl(matcher.group("user"), matcher.group("password"), host, port, matcher.group("topic"));
    }
}
