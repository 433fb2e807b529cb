package io.tern.cli.broker;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.tern.broker.BrokerConfig;
import io.tern.broker.Rate;
import io.tern.broker.transport.Listener;
import io.tern.broker.transport.ServerTls;
import io.tern.broker.transport.TlsOptions;
import io.tern.cli.Durations;
import io.tern.codec.QoS;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import io.tern.broker.storage.SyncPolicy;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a broker configuration file (YAML; every key is documented in {@code tern.example.yaml} at the
 * root of the repository). Anything it does not know or cannot use is refused with the file, the line
 * and the reason: {@code tern.yaml:7: unknown key 'max-inflite' in limits; did you mean 'max-inflight'?}.
 *
 * <p>Durations are written as a whole number and a unit, with no space: {@code 500ms}, {@code 10s},
 * {@code 5m}, {@code 2h}, {@code 7d}; a bare number is refused, since it could mean seconds or
 * milliseconds.
 */
public final class ConfigFile {
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build();

    private static final YAMLMapper MAPPER = YAMLMapper.builder(YAML)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();


    /** BrokerConfig's record components that are not simply their YAML key in camel case. */
    private static final Map<String, String> KEYS_OF_COMPONENTS = Map.of("sessionExpirySeconds", "session-expiry");

    /** A rate: a count, a slash, and a duration whose number may be left out ({@code 100/s}, {@code 10/500ms}). */
    private static final Pattern RATE = Pattern.compile("(\\d{1,18})/(\\d{0,18})(ms|s|m|h|d)");

    /** The keys that may be left empty: the sections, which then take their defaults. */
    private static final Set<String> MAY_BE_EMPTY = Set.of("/listeners", "/limits", "/logging", "/auth", "/storage");

    private final String source;
    /** What relative paths in the file (TLS files) are relative to: the file's directory. */
    private final Path directory;
    /** The line of each key and list item by its JSON pointer ({@code /listeners/0/port}). */
    private final Map<String, Integer> lines = new HashMap<>();
    /** How each value was written, for the errors: {@code 'abc'}, {@code 3.5}, {@code a list}. */
    private final Map<String, String> values = new HashMap<>();
    /** The keys and list items given no value ({@code port:} alone), in the order of the file. */
    private final List<String> empty = new ArrayList<>();

    private ConfigFile(String source, Path directory) {
        this.source = source;
        this.directory = directory;
    }

    /**
     * Reads and checks the configuration file {@code file}; keys it leaves out take the defaults of
     * {@link BrokerSettings#defaults()}.
     *
     * @throws ConfigException when the file cannot be read, is not valid YAML, has a key that is not
     *                         known or a value that cannot be used
     */
    public static BrokerSettings load(Path file) throws ConfigException {
        String source = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(source, 0, "no such file");
        } catch (AccessDeniedException e) {
            throw new ConfigException(source, 0, "permission denied");
        } catch (CharacterCodingException e) {
            throw new ConfigException(source, 0, "not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(source, 0, Files.isDirectory(file) ? "is a directory" : "cannot read: " + e);
        }
        return parse(source, text, file.toAbsolutePath().getParent());
    }

    /**
     * Checks the configuration {@code text}, read from {@code source} (named in the errors).
     *
     * @throws ConfigException when {@code text} is not valid YAML, has a key that is not known or a
     *                         value that cannot be used
     */
    public static BrokerSettings parse(String source, String text) throws ConfigException {
        return parse(source, text, Path.of("").toAbsolutePath());
    }

    private static BrokerSettings parse(String source, String text, Path directory) throws ConfigException {
        ConfigFile file = new ConfigFile(source, directory);
        try {
            if (!file.index(text)) {
                return BrokerSettings.defaults();
            }
        } catch (JacksonException e) {
            throw new ConfigException(source, syntaxErrorLine(e), syntaxError(e));
        } catch (IOException e) {
            throw new ConfigException(source, 0, "cannot read: " + e);
        }
        FileConfig config;
        try {
            config = MAPPER.readValue(text, FileConfig.class);
        } catch (JsonMappingException e) {
            throw file.mappingError(e);
        } catch (JacksonException e) {
            throw new ConfigException(source, syntaxErrorLine(e), syntaxError(e));
        } catch (IOException e) {
            throw new ConfigException(source, 0, "cannot read: " + e);
        }
        for (String pointer : file.empty) {
            if (!MAY_BE_EMPTY.contains(pointer)) {
                throw file.error(pointer, name(pointer) + " has no value");
            }
        }
        return file.check(config);
    }

    /**
     * Records where every key and list item of {@code text} is and how its value is written, to say
     * where a value that cannot be used is and what it was.
     *
     * @return whether the text holds a document at all (not only comments, say)
     */
    private boolean index(String text) throws IOException {
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return false;
            }
            for (; token != null; token = parser.nextToken()) {
                if (token.isStructEnd()) {
                    continue;
                }
                // A mapping or list is the value of the key or item around it: its parent's context.
                JsonStreamContext context = token.isStructStart()
                        ? parser.getParsingContext().getParent() : parser.getParsingContext();
                String pointer = context.pathAsPointer().toString();
                if (token == JsonToken.FIELD_NAME || context.inArray()) {
                    lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
                }
                switch (token) {
                    case FIELD_NAME -> {
                    }
                    case START_OBJECT -> values.putIfAbsent(pointer, "a mapping");
                    case START_ARRAY -> values.putIfAbsent(pointer, "a list");
                    case VALUE_NULL -> empty.add(pointer);
                    case VALUE_STRING -> values.putIfAbsent(pointer, "'" + parser.getText() + "'");
                    default -> values.putIfAbsent(pointer, parser.getText());
                }
            }
            return true;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Values

    private BrokerSettings check(FileConfig config) throws ConfigException {
        BrokerSettings defaults = BrokerSettings.defaults();
        List<BrokerSettings.Listener> listeners = config.listeners() == null
                ? defaults.listeners() : listeners(config.listeners());
        BrokerConfig limits = config.limits() == null ? defaults.limits() : limits(config.limits());
        String level = defaults.logLevel();
        if (config.logging() != null && config.logging().level() != null) {
            level = config.logging().level().toLowerCase(Locale.ROOT);
            if (!BrokerSettings.LOG_LEVELS.contains(level)) {
                throw error("/logging/level", "level must be one of " + String.join(", ", BrokerSettings.LOG_LEVELS)
                        + ", not '" + config.logging().level() + "'");
            }
        }
        AuthSettings auth = config.auth() == null ? AuthSettings.NONE : auth(config.auth());
        StorageSettings storage = config.storage() == null ? defaults.storage() : storage(config.storage());
        return new BrokerSettings(listeners, limits, level, auth, storage);
    }

    private AuthSettings auth(FileConfig.Auth given) throws ConfigException {
        return new AuthSettings(securityFile("password-file", given.passwordFile()),
                securityFile("acl-file", given.aclFile()), given.allowAnonymous());
    }

    /** A password or ACL file: it must exist at start (what is in it is checked when the broker loads it). */
    private Path securityFile(String key, String given) throws ConfigException {
        if (given == null) {
            return null;
        }
        Path file = directory.resolve(given);
        if (!Files.isRegularFile(file)) {
            throw error("/auth/" + key, key + " " + given + (Files.exists(file) ? " is not a file" : " does not exist"));
        }
        return file;
    }

    private StorageSettings storage(FileConfig.Storage given) throws ConfigException {
        StorageSettings defaults = StorageSettings.defaults();
        Path dataDirectory = defaults.dataDirectory();
        if (given.dataDir() != null) {
            try {
                dataDirectory = directory.resolve(given.dataDir());
            } catch (InvalidPathException e) {
                throw error("/storage/data-dir", "data-dir is not a valid path: " + e.getReason());
            }
        }
        SyncPolicy sync = defaults.sync();
        if (given.sync() != null) {
            sync = SyncPolicies.parse(given.sync().isTextual() ? given.sync().asText() : null);
            if (sync == null) {
                throw error("/storage/sync", "sync must be " + SyncPolicies.FORM + ", not " + describe(given.sync()));
            }
        }
        return new StorageSettings(dataDirectory, or(given.memory(), false), sync);
    }

    private List<BrokerSettings.Listener> listeners(List<FileConfig.Listener> given) throws ConfigException {
        if (given.isEmpty()) {
            throw error("/listeners", "listeners is empty: give at least one listener, or leave the key out "
                    + "for " + BrokerSettings.DEFAULT_HOST + ":" + BrokerSettings.DEFAULT_PORT);
        }
        List<BrokerSettings.Listener> listeners = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            FileConfig.Listener listener = given.get(i);
            String at = "/listeners/" + i;
            String host = listener.host() == null ? BrokerSettings.DEFAULT_HOST : listener.host();
            String hostError = Hosts.check(host);
            if (hostError != null) {
                throw error(at + "/host", hostError);
            }
            int port = listener.port() == null ? BrokerSettings.DEFAULT_PORT : listener.port();
            if (port < 0 || port > 0xFFFF) {
                throw error(at + "/port", "port must be between 0 and 65535, not " + port);
            }
            BrokerSettings.Listener checked = new BrokerSettings.Listener(Hosts.unbracket(host), port,
                    webSocketPath(listener, at), listener.tls() == null ? null : tls(listener.tls(), at + "/tls"));
            if (port != 0 && !seen.add(checked.toString())) {
                throw error(at, "listeners[" + i + "] repeats " + checked);
            }
            listeners.add(checked);
        }
        return listeners;
    }

    /** The WebSocket path of a listener with {@code protocol: ws}, {@code null} for {@code mqtt}. */
    private String webSocketPath(FileConfig.Listener listener, String at) throws ConfigException {
        String protocol = listener.protocol() == null ? "mqtt" : listener.protocol();
        if (!protocol.equals("mqtt") && !protocol.equals("ws")) {
            throw error(at + "/protocol", "protocol must be mqtt (MQTT over TCP) or ws (MQTT over WebSocket), not '"
                    + protocol + "'");
        }
        if (protocol.equals("mqtt")) {
            if (listener.path() != null) {
                throw error(at + "/path", "path is for WebSocket listeners: add protocol: ws, or remove path");
            }
            return null;
        }
        String path = listener.path() == null ? Listener.DEFAULT_WEBSOCKET_PATH : listener.path();
        try {
            return Listener.tcp("127.0.0.1", 0).withWebSocket(path).webSocketPath();
        } catch (IllegalArgumentException e) {
            throw error(at + "/path", e.getMessage());
        }
    }

    /** The TLS of a listener, its files read now so that a bad one stops the broker before it starts. */
    private TlsOptions tls(FileConfig.Tls given, String at) throws ConfigException {
        if (given.cert() == null || given.key() == null) {
            throw error(at, "tls needs cert and key: the PEM files of the broker's certificate and of its private key");
        }
        Path ca = given.ca() == null ? null : directory.resolve(given.ca());
        boolean require = given.requireClientCert() == null ? ca != null : given.requireClientCert();
        if (require && ca == null) {
            throw error(at + "/require-client-cert", "require-client-cert needs ca: the PEM file of the "
                    + "authorities that sign client certificates");
        }
        boolean identity = given.useIdentityAsUsername() != null && given.useIdentityAsUsername();
        if (identity && !require) {
            throw error(at + "/use-identity-as-username", "use-identity-as-username needs require-client-cert: "
                    + "a client without a certificate would choose its own user name");
        }
        List<String> protocols = given.protocols() == null ? TlsOptions.DEFAULT_PROTOCOLS : given.protocols();
        TlsOptions options;
        try {
            options = new TlsOptions(directory.resolve(given.cert()), directory.resolve(given.key()), ca, require,
                    identity, protocols);
        } catch (IllegalArgumentException e) {
            throw error(at + "/protocols", e.getMessage());
        }
        try {
            ServerTls.context(options);
        } catch (IllegalArgumentException e) {
            // "key file /etc/tern/server.key: no such file": at the line of that key
            String key = e.getMessage().substring(0, Math.max(0, e.getMessage().indexOf(' ')));
            throw error(at + "/" + key, e.getMessage());
        }
        return options;
    }

    private BrokerConfig limits(FileConfig.Limits given) throws ConfigException {
        BrokerConfig defaults = BrokerConfig.defaults();
        QoS maxQos = defaults.maxQos();
        if (given.maxQos() != null) {
            if (given.maxQos() < 0 || given.maxQos() > 2) {
                throw error("/limits/max-qos", "max-qos must be 0, 1 or 2, not " + given.maxQos());
            }
            maxQos = QoS.of(given.maxQos());
        }
        Duration connectTimeout = duration("connect-timeout", given.connectTimeout(), defaults.connectTimeout());
        if (connectTimeout.isZero()) {
            throw error("/limits/connect-timeout", "connect-timeout must be more than 0s");
        }
        Duration sysInterval = duration("sys-interval", given.sysInterval(), defaults.sysInterval());
        long sessionExpiry = sessionExpiry(given.sessionExpiry(), defaults.sessionExpirySeconds());
        Duration maxKeepAlive = duration("max-keep-alive", given.maxKeepAlive(),
                Duration.ofSeconds(defaults.maxKeepAlive()));
        if (maxKeepAlive.toMillisPart() != 0) {
            throw error("/limits/max-keep-alive", "max-keep-alive must be whole seconds, not "
                    + given.maxKeepAlive().asText());
        }
        try {
            return BrokerConfig.builder()
                    .maxInflight(or(given.maxInflight(), defaults.maxInflight()))
                    .maxQueuedMessages(or(given.maxQueuedMessages(), defaults.maxQueuedMessages()))
                    .maxQueuedBytes(or(given.maxQueuedBytes(), defaults.maxQueuedBytes()))
                    .queueQos0(or(given.queueQos0(), defaults.queueQos0()))
                    .maxQos(maxQos)
                    .maxPacketSize(or(given.maxPacketSize(), defaults.maxPacketSize()))
                    .connectTimeout(connectTimeout)
                    .sessionExpirySeconds(sessionExpiry)
                    .allowZeroLengthClientId(or(given.allowZeroLengthClientId(), defaults.allowZeroLengthClientId()))
                    .sysInterval(sysInterval)
                    .receiveMaximum(or(given.receiveMaximum(), defaults.receiveMaximum()))
                    .topicAliasMaximum(or(given.topicAliasMaximum(), defaults.topicAliasMaximum()))
                    .maxKeepAlive((int) Math.min(maxKeepAlive.getSeconds(), Integer.MAX_VALUE))
                    .responseInformation(responseInformation(given.responseInformation(),
                            defaults.responseInformation()))
                    .retainAvailable(or(given.retainAvailable(), defaults.retainAvailable()))
                    .maxConnections(or(given.maxConnections(), defaults.maxConnections()))
                    .maxConnectRate(rate("max-connect-rate", given.maxConnectRate(), defaults.maxConnectRate()))
                    .maxSubscriptions(or(given.maxSubscriptions(), defaults.maxSubscriptions()))
                    .maxTopicLength(or(given.maxTopicLength(), defaults.maxTopicLength()))
                    .maxTopicLevels(or(given.maxTopicLevels(), defaults.maxTopicLevels()))
                    .maxPublishRate(rate("max-publish-rate", given.maxPublishRate(), defaults.maxPublishRate()))
                    .maxPendingBytes(or(given.maxPendingBytes(), defaults.maxPendingBytes()))
                    .build();
        } catch (IllegalArgumentException e) {
            // BrokerConfig names the field first: "maxInflight must be at most 65535, not 70000".
            String message = String.valueOf(e.getMessage());
            int space = message.indexOf(' ');
            String component = space > 0 ? message.substring(0, space) : "";
            String key = KEYS_OF_COMPONENTS.getOrDefault(component, kebab(component));
            if (!component.isEmpty() && lines.containsKey("/limits/" + key)) {
                throw error("/limits/" + key, key + message.substring(space));
            }
            throw error("/limits", message);
        }
    }

    private Duration duration(String key, JsonNode node, Duration otherwise) throws ConfigException {
        if (node == null) {
            return otherwise;
        }
        String pointer = "/limits/" + key;
        if (node.isNull() || node.isMissingNode()) {
            throw error(pointer, key + " has no value");
        }
        if (!node.isTextual() || !Durations.isDuration(node.asText())) {
            throw error(pointer, key + " must be " + Durations.FORM + ", not " + describe(node));
        }
        try {
            return Durations.parse(node.asText());
        } catch (IllegalArgumentException e) {
            throw error(pointer, key + " is too long: " + node.asText());
        }
    }

    /** A rate such as {@code 100/s}, or {@code unlimited}. */
    private Rate rate(String key, JsonNode node, Rate otherwise) throws ConfigException {
        if (node == null) {
            return otherwise;
        }
        if (node.isTextual() && node.asText().trim().equals("unlimited")) {
            return Rate.UNLIMITED;
        }
        Matcher matcher = node.isTextual() ? RATE.matcher(node.asText().trim()) : null;
        if (matcher == null || !matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw error("/limits/" + key, key + " must be a count per duration such as 100/s, 6000/m or 10/500ms, "
                    + "or unlimited; not " + describe(node));
        }
        String period = (matcher.group(2).isEmpty() ? "1" : matcher.group(2)) + matcher.group(3);
        try {
            Duration per = Durations.parse(period);
            if (per.isZero()) {
                throw error("/limits/" + key, key + " must be per a duration of more than 0, not " + node.asText());
            }
            return new Rate(Long.parseLong(matcher.group(1)), per);
        } catch (IllegalArgumentException e) {
            throw error("/limits/" + key, key + " " + e.getMessage());
        }
    }

    private long sessionExpiry(JsonNode node, long otherwise) throws ConfigException {
        if (node == null) {
            return otherwise;
        }
        if (node.isTextual() && node.asText().trim().equalsIgnoreCase("never")) {
            return BrokerConfig.NEVER_EXPIRE;
        }
        String pointer = "/limits/session-expiry";
        if (node.isNull()) {
            throw error(pointer, "session-expiry has no value");
        }
        if (!node.isTextual() || !Durations.isDuration(node.asText())) {
            throw error(pointer, "session-expiry must be never, or " + Durations.FORM + ", not " + describe(node));
        }
        Duration expiry = duration("session-expiry", node, null);
        if (expiry.toMillisPart() != 0) {
            throw error(pointer, "session-expiry must be whole seconds, not " + node.asText());
        }
        if (expiry.getSeconds() >= BrokerConfig.NEVER_EXPIRE) {
            throw error(pointer, "session-expiry must be less than " + BrokerConfig.NEVER_EXPIRE
                    + "s (about 136 years), or never; not " + node.asText());
        }
        return expiry.getSeconds();
    }

    /** The response topic prefix: a string, or {@code none} (or an empty string) for none. */
    private String responseInformation(JsonNode node, String otherwise) throws ConfigException {
        if (node == null) {
            return otherwise;
        }
        if (!node.isTextual()) {
            throw error("/limits/response-information", "response-information must be a topic prefix such as "
                    + "'response/', or none, not " + describe(node));
        }
        String prefix = node.asText();
        if (prefix.isEmpty() || prefix.equals("none")) {
            return null;
        }
        if (prefix.contains("+") || prefix.contains("#") || prefix.indexOf('\0') >= 0) {
            throw error("/limits/response-information", "response-information must be a topic name prefix, "
                    + "without wildcards, not '" + prefix + "'");
        }
        return prefix;
    }

    private static <T> T or(T given, T otherwise) {
        return given == null ? otherwise : given;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "'" + node.asText() + "'";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.asText();
    }

    // ---------------------------------------------------------------------------------------------
    // Errors

    private ConfigException error(String pointer, String reason) {
        return new ConfigException(source, lineOf(pointer, 0), reason);
    }

    /** The line of the key at {@code pointer}, or of the nearest key above it, or {@code otherwise}. */
    private int lineOf(String pointer, int otherwise) {
        for (String at = pointer; !at.isEmpty(); at = at.substring(0, at.lastIndexOf('/'))) {
            Integer line = lines.get(at);
            if (line != null) {
                return line;
            }
        }
        return otherwise;
    }

    private ConfigException mappingError(JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        String pointer = path.stream().map(ref -> "/" + (ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex()))
                .collect(Collectors.joining());
        int line = lineOf(pointer, line(e.getLocation()));
        String name = name(pointer);
        String given = values.get(pointer);
        String reason;
        if (e instanceof UnrecognizedPropertyException unknown) {
            reason = unknownKey(unknown, path);
        } else if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
            line = line(e.getLocation());
            reason = "a second YAML document begins here ('---'): the file must hold one";
        } else if (e.getCause() instanceof InputCoercionException coercion && given != null) {
            boolean negative = given.startsWith("-");
            reason = name + " must be at " + (negative ? "least " : "most ") + limit(coercion.getTargetType(), negative)
                    + ", not " + given;
        } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            reason = name + " must be " + expected(mismatch.getTargetType())
                    + (given == null ? "" : ", not " + given)
                    + (given != null && given.matches("'-?[0-9]+'") ? " (write numbers without quotes)" : "");
        } else {
            reason = (path.isEmpty() ? "" : name + ": ") + firstLine(e.getOriginalMessage());
        }
        return new ConfigException(source, line, reason);
    }

    private static String unknownKey(UnrecognizedPropertyException e, List<JsonMappingException.Reference> path) {
        String key = e.getPropertyName();
        List<String> known = known(e.getKnownPropertyIds());
        StringBuilder reason = new StringBuilder("unknown key '").append(key).append('\'');
        if (path.size() > 1) {
            reason.append(" in ").append(name(path, path.size() - 1));
        }
        String closest = closest(key, known);
        if (closest != null) {
            reason.append("; did you mean '").append(closest).append("'?");
        }
        return reason.append(" (known: ").append(String.join(", ", known)).append(')').toString();
    }

    private static List<String> known(Collection<Object> ids) {
        return ids == null ? List.of() : ids.stream().map(String::valueOf).sorted().toList();
    }

    /** The known key that {@code key} is a typo of, if one is close enough. */
    private static String closest(String key, List<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(key.toLowerCase(Locale.ROOT), candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= Math.max(1, Math.min(3, key.length() / 3))
                || best != null && normalised(best).equals(normalised(key)) ? best : null;
    }

    private static String normalised(String key) {
        return key.replaceAll("[-_ ]", "").toLowerCase(Locale.ROOT);
    }

    /** The edit distance: letters inserted, deleted, replaced, or two neighbours swapped. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** How a person calls the value at {@code pointer}: {@code port}, {@code listeners[1]}. */
    private static String name(String pointer) {
        if (pointer.isEmpty()) {
            return "the file";
        }
        int slash = pointer.lastIndexOf('/');
        String last = pointer.substring(slash + 1);
        String parent = pointer.substring(0, slash);
        if (last.matches("[0-9]+") && !parent.isEmpty()) {
            return name(parent) + "[" + last + "]";
        }
        return last;
    }

    /** How a person calls the value at {@code path[0..length)}: {@code port}, {@code listeners[1]}. */
    private static String name(List<JsonMappingException.Reference> path, int length) {
        if (length == 0) {
            return "the file";
        }
        JsonMappingException.Reference last = path.get(length - 1);
        if (last.getFieldName() != null) {
            return last.getFieldName();
        }
        return name(path, length - 1) + "[" + last.getIndex() + "]";
    }

    private static String expected(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list (lines starting with '- ')";
        }
        return "a mapping (lines of 'key: value')";
    }

    private static String limit(Class<?> type, boolean negative) {
        if (type == Long.class || type == long.class) {
            return String.valueOf(negative ? Long.MIN_VALUE : Long.MAX_VALUE);
        }
        return String.valueOf(negative ? Integer.MIN_VALUE : Integer.MAX_VALUE);
    }

    /**
     * What a YAML syntax error says, without the parser's excerpts and positions (the line is given
     * apart): SnakeYAML's messages are the context ("while parsing a block mapping"), then the problem
     * ("expected <block end>, but found ..."), each followed by indented lines that show where.
     */
    private static String syntaxError(JacksonException e) {
        String message = String.valueOf(e.getOriginalMessage());
        Matcher duplicate = Pattern.compile("Duplicate field '(.*)'").matcher(message);
        if (duplicate.find()) {
            return "key '" + duplicate.group(1) + "' is given twice";
        }
        List<String> statements = message.lines()
                .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
                .toList();
        if (statements.isEmpty()) {
            return "not valid YAML";
        }
        if (message.contains("(TAB)")) {
            return "not valid YAML: a tab in the indentation; indent with spaces";
        }
        String what = statements.size() > 1 && statements.get(0).startsWith("while ")
                ? statements.get(1) + " (" + statements.get(0) + ")" : statements.get(0);
        return (what.contains("<block") ? "not valid YAML, check the indentation: " : "not valid YAML: ") + what;
    }

    /** The line of the problem in a YAML syntax error: SnakeYAML names it last in its message. */
    private static int syntaxErrorLine(JacksonException e) {
        Matcher mark = Pattern.compile("line (\\d+), column \\d+").matcher(String.valueOf(e.getOriginalMessage()));
        int line = 0;
        while (mark.find()) {
            line = Integer.parseInt(mark.group(1));
        }
        return line > 0 ? line : line(e.getLocation());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.strip();
        int end = line.indexOf('\n');
        return end < 0 ? line : line.substring(0, end).strip();
    }

    private static int line(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? 0 : location.getLineNr();
    }
}
