package io.tern.cli.pubsub;

import io.tern.codec.MqttVersion;
import io.tern.codec.QoS;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import io.tern.client.TlsConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of {@code tern pub} and {@code tern sub} that say where to connect and how, with the names
 * and defaults of mosquitto_pub and mosquitto_sub: {@code -h -p -L -u -P -i -I -k -c -x -V -d -D} and the
 * will, and the {@link ClientTlsOptions}. {@link #settings()} checks them together.
 */
public final class ClientOptions {
    /** Session expiry "never": what -x -1, 4294967295 or ∞ stand for, and -c's default on MQTT 5. */
    public static final long NEVER_EXPIRES = 0xFFFF_FFFFL;
    private static final String ID_CHARACTERS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = {"-h", "--host"}, paramLabel = "HOST", order = 1,
            description = "broker host. Default: localhost")
    private String host;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", order = 2,
            description = "broker port. Default: 1883, 8883 with TLS")
    private Integer port;

    @Option(names = {"-L", "--url"}, paramLabel = "URL", order = 3,
            description = "mqtt://[USER[:PASSWORD]@]HOST[:PORT]/TOPIC: -u, -P, -h, -p and -t in one; mqtts:// for "
                    + "TLS; ws://[USER[:PASSWORD]@]HOST[:PORT][/PATH] or wss:// for WebSocket (path /mqtt by "
                    + "default, topic from -t)")
    private String url;

    @Option(names = {"-u", "--username"}, paramLabel = "USER", order = 4, description = "user name")
    private String username;

    @Option(names = {"-P", "--pw"}, paramLabel = "PASSWORD", order = 5, description = "password (needs -u)")
    private String password;

    @Option(names = {"-i", "--id"}, paramLabel = "ID", order = 6,
            description = "client id. Default: tern- and 16 random characters on MQTT 3.1.1, on MQTT 5 the "
                    + "broker's choice")
    private String id;

    @Option(names = {"-I", "--id-prefix"}, paramLabel = "PREFIX", order = 7,
            description = "client id: PREFIX followed by the process id")
    private String idPrefix;

    @Option(names = {"-k", "--keepalive"}, paramLabel = "SECONDS", order = 8, defaultValue = "60",
            description = "keep alive, 0 for none. Default: ${DEFAULT-VALUE}")
    private int keepAlive;

    @Option(names = {"-c", "--disable-clean-session"}, order = 9,
            description = "keep the session when disconnected (needs -i): the broker queues QoS 1 and 2 "
                    + "messages for it")
    private boolean keepSession;

    @Option(names = {"-x", "--session-expiry-interval"}, paramLabel = "SECONDS", order = 10,
            description = "MQTT 5 session expiry, -1 (or ∞) for never. Default: -1 with -c, else 0")
    private String sessionExpiry;

    @Option(names = {"-V", "--protocol-version"}, paramLabel = "VERSION", order = 11,
            description = "mqttv5 (5), mqttv311 (311) or mqttv31 (31). Default: mqttv311, as mosquitto; "
                    + "mqttv5 when -D or -x is given")
    private String protocol;

    @Option(names = {"-d", "--debug"}, order = 12,
            description = "print the packets sent and received, as mosquitto's clients do")
    private boolean debug;

    @Option(names = {"-D", "--property"}, paramLabel = "COMMAND PROPERTY VALUE", order = 13,
            parameterConsumer = PropertyConsumer.class,
            description = "an MQTT 5 property for a packet, as mosquitto's: -D publish content-type text/plain, "
                    + "-D connect user-property NAME VALUE. Repeatable")
    private List<PropertyOption> properties = new ArrayList<>();

    @Option(names = "--will-topic", paramLabel = "TOPIC", order = 14,
            description = "the topic of the will, which the broker publishes if the connection breaks")
    private String willTopic;

    @Option(names = "--will-payload", paramLabel = "PAYLOAD", order = 15, description = "the will's payload")
    private String willPayload;

    @Option(names = "--will-qos", paramLabel = "QOS", order = 16, description = "the will's QoS. Default: 0")
    private Integer willQos;

    @Option(names = "--will-retain", order = 17, description = "retain the will")
    private boolean willRetain;

    @Mixin
    private ClientTlsOptions tlsOptions;

    /**
     * The options, checked together.
     *
     * @throws ParameterException naming the option at fault and why
     */
    public ClientSettings settings() {
        MqttUrl parsedUrl = parseUrl();
        MqttVersion version = version();
        if (!version.isV5() && !properties.isEmpty()) {
            throw usage("-D needs MQTT 5 (-V mqttv5): MQTT " + label(version) + " has no properties");
        }
        if (!version.isV5() && sessionExpiry != null) {
            throw usage("-x needs MQTT 5 (-V mqttv5): MQTT " + label(version) + " has no session expiry");
        }
        String user = parsedUrl != null && parsedUrl.username() != null ? parsedUrl.username() : username;
        String pass = parsedUrl != null && parsedUrl.password() != null ? parsedUrl.password() : password;
        if (pass != null && user == null) {
            throw usage("-P needs -u: a password goes with a user name");
        }
        if (keepAlive < 0 || keepAlive > 0xFFFF) {
            throw usage("-k must be between 0 and 65535 seconds, not " + keepAlive);
        }
        if (port != null && (port < 1 || port > 0xFFFF)) {
            throw usage("-p must be between 1 and 65535, not " + port);
        }
        if (id != null && idPrefix != null) {
            throw usage("-i and -I cannot be used together: -i is the whole id, -I its prefix");
        }
        TlsConfig tls;
        try {
            tls = tlsOptions.config(parsedUrl != null && parsedUrl.tls(), port);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        long expiry = sessionExpiry(version);
        if ((keepSession || expiry > 0) && id == null && idPrefix == null) {
            throw usage((keepSession ? "-c" : "-x")
                    + " needs a client id (-i or -I): a session is found again by its id");
        }
        ClientSettings settings = new ClientSettings(
                parsedUrl != null ? parsedUrl.host() : host == null ? "localhost" : host,
                parsedUrl != null ? parsedUrl.port() : port(tls),
                parsedUrl == null ? null : parsedUrl.webSocketPath(), tls,
                version, clientId(version), user, pass == null ? null : pass.getBytes(StandardCharsets.UTF_8),
                keepAlive, !keepSession, expiry, will(), List.copyOf(properties), debug,
                parsedUrl == null ? null : parsedUrl.topic());
        try {
            settings.check();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        return settings;
    }

    private MqttUrl parseUrl() {
        if (url == null) {
            return null;
        }
        if (host != null || port != null) {
            throw usage("-L names the host and port: leave out -h and -p");
        }
        try {
            return MqttUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw usage("-L " + e.getMessage());
        }
    }

    /** The -p port or the default: 8883 with TLS, as mosquitto_pub's, 1883 without. */
    private int port(TlsConfig tls) {
        if (port != null) {
            return port;
        }
        return tls != null ? ClientTlsOptions.TLS_PORT : 1883;
    }

    private MqttVersion version() {
        if (protocol == null) {
            return properties.isEmpty() && sessionExpiry == null ? MqttVersion.V3_1_1 : MqttVersion.V5;
        }
        return switch (protocol.toLowerCase(Locale.ROOT)) {
            case "mqttv5", "5" -> MqttVersion.V5;
            case "mqttv311", "311" -> MqttVersion.V3_1_1;
            case "mqttv31", "31" -> MqttVersion.V3_1;
            default -> throw usage("-V must be mqttv5, mqttv311 or mqttv31 (or 5, 311, 31), not '" + protocol + "'");
        };
    }

    private long sessionExpiry(MqttVersion version) {
        if (sessionExpiry == null) {
            return keepSession && version.isV5() ? NEVER_EXPIRES : 0;
        }
        String value = sessionExpiry.trim();
        if (value.equals("-1") || value.equals("∞")) {
            return NEVER_EXPIRES;
        }
        try {
            long seconds = Long.parseLong(value);
            if (seconds >= 0 && seconds <= NEVER_EXPIRES) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw usage("-x must be seconds from 0 to 4294967295, or -1 or ∞ for never, not '" + sessionExpiry + "'");
    }

    private String clientId(MqttVersion version) {
        if (id != null) {
            return id;
        }
        if (idPrefix != null) {
            return idPrefix + ProcessHandle.current().pid();
        }
        if (version.isV5()) {
            return "";
        }
        SecureRandom random = new SecureRandom();
        StringBuilder generated = new StringBuilder("tern-");
        for (int i = 0; i < 16; i++) {
            generated.append(ID_CHARACTERS.charAt(random.nextInt(ID_CHARACTERS.length())));
        }
        return generated.toString();
    }

    private ClientSettings.Will will() {
        if (willTopic == null) {
            if (willPayload != null || willQos != null || willRetain) {
                throw usage("--will-payload, --will-qos and --will-retain need --will-topic");
            }
            return null;
        }
        return new ClientSettings.Will(willTopic,
                willPayload == null ? new byte[0] : willPayload.getBytes(StandardCharsets.UTF_8),
                qos("--will-qos", willQos == null ? 0 : willQos), willRetain);
    }

    /**
     * The QoS {@code value} of {@code option}.
     *
     * @throws ParameterException unless it is 0, 1 or 2
     */
    public QoS qos(String option, int value) {
        if (value < 0 || value > 2) {
            throw usage(option + " must be 0, 1 or 2, not " + value);
        }
        return QoS.of(value);
    }

    /** A bad usage of the command's options: {@code message} says which and why. */
    public ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static String label(MqttVersion version) {
        return version == MqttVersion.V3_1 ? "3.1" : "3.1.1";
    }
}
