package io.tern.cli.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tern.broker.BrokerConfig;
import io.tern.broker.storage.SyncPolicy;
import io.tern.codec.QoS;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    /** The example configuration at the root of the repository (tests run in tern-cli/). */
    private static final Path EXAMPLE = Path.of("..", "tern.example.yaml");

    @TempDir
    Path dir;

    @Test
    void aFullFileSetsEveryValue() throws Exception {
        BrokerSettings settings = load("""
                # every key, none at its default
                listeners:
                  - host: 127.0.0.1
                    port: 1884
                  - host: "::1"
                    port: 1885
                  - host: 0.0.0.0
                    port: 0
                limits:
                  max-inflight: 10
                  max-queued-messages: 500
                  max-queued-bytes: 1048576
                  queue-qos0: true
                  max-qos: 1
                  max-packet-size: 65536
                  connect-timeout: 1500ms
                  session-expiry: 2h
                  allow-zero-length-client-id: false
                  sys-interval: 0s
                  receive-maximum: 20
                  topic-alias-maximum: 0
                  max-keep-alive: 2m
                  response-information: replies/
                  retain-available: false
                logging:
                  level: DEBUG
                """);

        assertThat(settings.listeners()).containsExactly(
                new BrokerSettings.Listener("127.0.0.1", 1884),
                new BrokerSettings.Listener("::1", 1885),
                new BrokerSettings.Listener("0.0.0.0", 0));
        assertThat(settings.limits()).isEqualTo(BrokerConfig.builder().maxInflight(10).maxQueuedMessages(500)
                .maxQueuedBytes(1_048_576).queueQos0(true).maxQos(QoS.AT_LEAST_ONCE).maxPacketSize(65_536)
                .connectTimeout(Duration.ofMillis(1500)).sessionExpirySeconds(7200).allowZeroLengthClientId(false)
                .sysInterval(Duration.ZERO).receiveMaximum(20).topicAliasMaximum(0).maxKeepAlive(120)
                .responseInformation("replies/").retainAvailable(false).build());
        assertThat(settings.logLevel()).isEqualTo("debug");
    }

    @Test
    void keysLeftOutTakeTheDefaults() throws Exception {
        assertThat(load("")).isEqualTo(BrokerSettings.defaults());
        assertThat(load("# only a comment\n")).isEqualTo(BrokerSettings.defaults());
        assertThat(load("limits:\nlogging:\n")).isEqualTo(BrokerSettings.defaults());

        BrokerSettings settings = load("""
                listeners:
                  - port: 1884
                  - host: "::1"
                limits:
                  max-inflight: 5
                """);

        assertThat(settings.listeners()).containsExactly(
                new BrokerSettings.Listener("127.0.0.1", 1884), new BrokerSettings.Listener("::1", 1883));
        assertThat(settings.limits().maxInflight()).isEqualTo(5);
        assertThat(settings.limits().maxQueuedMessages()).isEqualTo(BrokerConfig.defaults().maxQueuedMessages());
        assertThat(settings.logLevel()).isEqualTo("info");
    }

    @Test
    void ipv6HostsMayBeWrittenPlainQuotedOrBracketed() throws Exception {
        BrokerSettings settings = load("""
                listeners:
                  - host: ::1
                    port: 1
                  - host: "[::1]"
                    port: 2
                  - host: '::'
                    port: 3
                """);

        assertThat(settings.listeners()).extracting(BrokerSettings.Listener::host).containsExactly("::1", "::1", "::");
    }

    @Test
    void durationsTakeAUnit() throws Exception {
        assertThat(load("limits:\n  connect-timeout: 250ms\n").limits().connectTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(load("limits:\n  connect-timeout: 30s\n").limits().connectTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(load("limits:\n  sys-interval: 2m\n").limits().sysInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(load("limits:\n  session-expiry: 7d\n").limits().sessionExpirySeconds()).isEqualTo(7 * 86_400);
        assertThat(load("limits:\n  session-expiry: 0s\n").limits().sessionExpirySeconds()).isZero();
        assertThat(load("limits:\n  session-expiry: never\n").limits().sessionExpirySeconds())
                .isEqualTo(BrokerConfig.NEVER_EXPIRE);

        assertError("limits:\n  connect-timeout: 10\n",
                "tern.yaml:2: connect-timeout must be a number and a unit (ms, s, m, h or d) such as 10s, not 10");
        assertError("limits:\n  connect-timeout: 0s\n", "tern.yaml:2: connect-timeout must be more than 0s");
        assertError("limits:\n  session-expiry: 3600\n", "tern.yaml:2: session-expiry must be never, or a number and "
                + "a unit (ms, s, m, h or d) such as 10s, not 3600");
        assertError("limits:\n  session-expiry: 1500ms\n", "tern.yaml:2: session-expiry must be whole seconds, not 1500ms");
    }

    @Test
    void storageKeysChooseTheDataDirectoryMemoryAndSync() throws Exception {
        assertThat(load("storage:\n").storage()).isEqualTo(StorageSettings.defaults());
        assertThat(load("storage:\n  data-dir: /var/lib/tern\n  sync: batch 5ms\n").storage()).isEqualTo(
                new StorageSettings(Path.of("/var/lib/tern"), false, SyncPolicy.batch(Duration.ofMillis(5))));
        assertThat(load("storage:\n  sync: none\n").storage().sync()).isEqualTo(SyncPolicy.none());
        assertThat(load("storage:\n  sync: ALWAYS\n").storage().sync()).isEqualTo(SyncPolicy.always());
        assertThat(load("storage:\n  memory: true\n").storage().memory()).isTrue();

        String form = "always, batch and a window from 1ms to 10s (batch 5ms), or none";
        assertError("storage:\n  sync: sometimes\n", "tern.yaml:2: sync must be " + form + ", not 'sometimes'");
        assertError("storage:\n  sync: batch\n", "tern.yaml:2: sync must be " + form + ", not 'batch'");
        assertError("storage:\n  sync: batch 5\n", "tern.yaml:2: sync must be " + form + ", not 'batch 5'");
        assertError("storage:\n  sync: batch 0ms\n", "tern.yaml:2: sync must be " + form + ", not 'batch 0ms'");
        assertError("storage:\n  sync: batch 1m\n", "tern.yaml:2: sync must be " + form + ", not 'batch 1m'");
        assertError("storage:\n\n  sync: 5\n", "tern.yaml:3: sync must be " + form + ", not 5");
        assertError("storage:\n  memory: yes please\n", "tern.yaml:2: memory must be true or false, not 'yes please'");
        assertError("storage:\n  data-dir: \"a\\u0000b\"\n", "tern.yaml:2: data-dir is not a valid path: "
                + "Nul character not allowed");
        assertError("storage:\n  datadir: x\n", "tern.yaml:2: unknown key 'datadir' in storage; did you mean "
                + "'data-dir'? (known: data-dir, memory, sync)");
    }

    @Test
    void anUnknownKeyIsRefusedWithItsLineAndTheKnownKeys() throws IOException {
        Path file = write("""
                listeners:
                  - host: 127.0.0.1
                    port: 1883

                limits:
                  max-queued-messages: 100
                  max-inflite: 10
                """);

        assertThatThrownBy(() -> ConfigFile.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":7: unknown key 'max-inflite' in limits; did you mean 'max-inflight'? (known: "
                        + "allow-zero-length-client-id, connect-timeout, max-connect-rate, max-connections, "
                        + "max-inflight, max-keep-alive, max-packet-size, max-pending-bytes, max-publish-rate, "
                        + "max-qos, max-queued-bytes, max-queued-messages, max-subscriptions, max-topic-length, "
                        + "max-topic-levels, queue-qos0, receive-maximum, "
                        + "response-information, retain-available, session-expiry, sys-interval, "
                        + "topic-alias-maximum)")
                .satisfies(e -> assertThat(((ConfigException) e).line()).isEqualTo(7));
        assertError("listeners:\n  - hots: ::1\n",
                "tern.yaml:2: unknown key 'hots' in listeners[0]; did you mean 'host'? "
                        + "(known: host, path, port, protocol, tls)");
        assertError("logging:\n  level: info\nlistener: []\n",
                "tern.yaml:3: unknown key 'listener'; did you mean 'listeners'? "
                        + "(known: auth, limits, listeners, logging, storage)");
        assertError("limits:\n  colour: blue\n", "tern.yaml:2: unknown key 'colour' in limits (known: "
                + "allow-zero-length-client-id, connect-timeout, max-connect-rate, max-connections, max-inflight, "
                + "max-keep-alive, max-packet-size, max-pending-bytes, max-publish-rate, max-qos, max-queued-bytes, "
                + "max-queued-messages, max-subscriptions, max-topic-length, max-topic-levels, queue-qos0, "
                + "receive-maximum, response-information, "
                + "retain-available, session-expiry, sys-interval, topic-alias-maximum)");
    }

    @Test
    void aBadValueIsRefusedWithItsLineAndTheReason() {
        assertError("""
                listeners:
                  - host: 127.0.0.1
                    port: 70000
                """, "tern.yaml:3: port must be between 0 and 65535, not 70000");
        assertError("listeners:\n  - port: -1\n", "tern.yaml:2: port must be between 0 and 65535, not -1");
        assertError("listeners:\n  - port: http\n", "tern.yaml:2: port must be a whole number, not 'http'");
        assertError("listeners:\n  - host: no.such.host.invalid\n",
                "tern.yaml:2: host 'no.such.host.invalid' is not an IP address or a known host name");
        assertError("listeners:\n  - host: ''\n",
                "tern.yaml:2: host is empty: give an IP address such as 127.0.0.1 or ::1, or a host name");
        assertError("listeners: []\n", "tern.yaml:1: listeners is empty: give at least one listener, or leave the "
                + "key out for 127.0.0.1:1883");
        assertError("listeners:\n  host: 127.0.0.1\n",
                "tern.yaml:1: listeners must be a list (lines starting with '- '), not a mapping");
        assertError("listeners:\n  - port: 1883\n  - port: 1883\n", "tern.yaml:3: listeners[1] repeats 127.0.0.1:1883");
        assertError("listeners:\n  -\n", "tern.yaml:2: listeners[0] has no value");
        assertError("listeners:\n  - port: 1\n  - 1883\n",
                "tern.yaml:3: listeners[1] must be a mapping (lines of 'key: value'), not 1883");
        assertError("listeners: [{port: 1}, [2]]\n",
                "tern.yaml:1: listeners[1] must be a mapping (lines of 'key: value'), not a list");
        assertError("listeners:\n  - port: [1]\n", "tern.yaml:2: port must be a whole number, not a list");

        // Ranges checked by BrokerConfig, named as in the file and found on their line.
        assertError("limits:\n  max-queued-messages: 5\n  max-inflight: 70000\n",
                "tern.yaml:3: max-inflight must be between 1 and 65535, not 70000");
        assertError("limits:\n  max-queued-messages: 0\n", "tern.yaml:2: max-queued-messages must be at least 1, not 0");
        assertError("limits:\n  max-queued-bytes: -1\n", "tern.yaml:2: max-queued-bytes must not be negative, not -1");
        assertError("limits:\n\n  max-packet-size: 1\n",
                "tern.yaml:3: max-packet-size must be between 2 and 268435460, not 1");

        assertError("limits:\n  topic-alias-maximum: 65536\n",
                "tern.yaml:2: topic-alias-maximum must be between 0 and 65535, not 65536");
        assertError("limits:\n  max-keep-alive: 1500ms\n", "tern.yaml:2: max-keep-alive must be whole seconds, not 1500ms");
        assertError("limits:\n  response-information: a/+/b\n", "tern.yaml:2: response-information must be a "
                + "topic name prefix, without wildcards, not 'a/+/b'");

        assertError("limits:\n  max-qos: 3\n", "tern.yaml:2: max-qos must be 0, 1 or 2, not 3");
        assertError("limits:\n  max-inflight: 3.5\n", "tern.yaml:2: max-inflight must be a whole number, not 3.5");
        assertError("limits:\n  max-inflight: '5'\n",
                "tern.yaml:2: max-inflight must be a whole number, not '5' (write numbers without quotes)");
        assertError("limits:\n  max-inflight: 3000000000\n", "tern.yaml:2: max-inflight must be at most 2147483647, "
                + "not 3000000000");
        assertError("limits:\n  max-inflight:\n", "tern.yaml:2: max-inflight has no value");
        assertError("limits:\n  queue-qos0: maybe\n", "tern.yaml:2: queue-qos0 must be true or false, not 'maybe'");
        assertError("limits: 5\n", "tern.yaml:1: limits must be a mapping (lines of 'key: value'), not 5");
        assertError("logging:\n  level: loud\n",
                "tern.yaml:2: level must be one of error, warn, info, debug, trace, not 'loud'");
    }

    @Test
    void notYamlIsRefusedWithTheLineOfTheProblem() {
        assertError("limits:\n  max-inflight: 1\n max-qos: 1\n", "tern.yaml:3: not valid YAML, check the indentation: "
                + "expected <block end>, but found '<block mapping start>' (while parsing a block mapping)");
        assertError("listeners:\n  - host: 127.0.0.1\n   port: 3\n", "tern.yaml:3: not valid YAML, check the "
                + "indentation: expected <block end>, but found '<block mapping start>' (while parsing a block collection)");
        assertError("limits:\n  max-qos: a: 1\n", "tern.yaml:2: not valid YAML: mapping values are not allowed here");
        assertError("limits:\n\tmax-qos: 1\n", "tern.yaml:2: not valid YAML: a tab in the indentation; indent with spaces");
        assertError("limits:\n  max-qos: 1\n  max-qos: 2\n", "tern.yaml:3: key 'max-qos' is given twice");
        assertError("limits:\n  max-qos: 1\n---\nlimits:\n  max-qos: 2\n",
                "tern.yaml:4: a second YAML document begins here ('---'): the file must hold one");
        assertError("just words\n", "tern.yaml:1: the file must be a mapping (lines of 'key: value'), not 'just words'");
    }

    @Test
    void aFileThatCannotBeReadIsNamed() {
        Path missing = dir.resolve("missing.yaml");
        assertThatThrownBy(() -> ConfigFile.load(missing)).hasMessage(missing + ": no such file");
        assertThatThrownBy(() -> ConfigFile.load(dir)).hasMessage(dir + ": is a directory");
    }

    @Test
    void theExampleFileHoldsTheDefaults() throws Exception {
        BrokerSettings defaults = BrokerSettings.defaults();
        StorageSettings storage = defaults.storage();
        // the file's data-dir, ./data, is relative to the file's directory, as the default is to the working one
        Path dataDirectory = EXAMPLE.toAbsolutePath().getParent().resolve(storage.dataDirectory());
        BrokerSettings expected = new BrokerSettings(defaults.listeners(), defaults.limits(), defaults.logLevel(),
                defaults.auth(), new StorageSettings(dataDirectory, storage.memory(), storage.sync()));
        assertThat(ConfigFile.load(EXAMPLE)).isEqualTo(expected);
    }

    /** When BrokerConfig gets a field, the configuration file gets a key, and the example documents it. */
    @Test
    void everyFieldOfBrokerConfigHasAKeyInTheExample() throws IOException {
        String example = Files.readString(EXAMPLE);
        List<String> keys = Arrays.stream(BrokerConfig.class.getRecordComponents())
                .map(RecordComponent::getName)
                .map(name -> name.equals("sessionExpirySeconds") ? "session-expiry"
                        : name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT))
                .toList();
        List<String> fileKeys = Arrays.stream(FileConfig.Limits.class.getRecordComponents())
                .map(component -> component.getAccessor().getName())
                .map(name -> name.equals("sessionExpiry") ? "session-expiry"
                        : name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT))
                .toList();

        assertThat(fileKeys).containsExactlyElementsOf(keys);
        assertThat(keys).allSatisfy(key -> assertThat(example).containsPattern("(?m)^  " + key + ": "));
    }

    @Test
    @DisplayName("auth: the password and ACL files, and whether anonymous clients may connect")
    void authSection() throws Exception {
        Path passwords = Files.writeString(dir.resolve("passwords"), "");
        Path acl = Files.writeString(dir.resolve("acl"), "");

        BrokerSettings settings = load("auth:\n  password-file: " + passwords + "\n  acl-file: " + acl
                + "\n  allow-anonymous: true\n");

        assertThat(settings.auth()).isEqualTo(new AuthSettings(passwords, acl, true));
        assertThat(load("auth:\n").auth()).isEqualTo(AuthSettings.NONE);
    }

    @Test
    @DisplayName("auth: a file that does not exist, or a key that is not known, is refused with its line")
    void authErrors() {
        assertError("logging:\n  level: info\nauth:\n  acl-file: /nonexistent/acl\n",
                "tern.yaml:4: acl-file /nonexistent/acl does not exist");
        assertThatThrownBy(() -> ConfigFile.parse("tern.yaml", "auth:\n  password_file: x\n"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(
                        "tern.yaml:2: unknown key 'password_file' in auth; did you mean 'password-file'?");
    }

    private BrokerSettings load(String yaml) throws Exception {
        return ConfigFile.load(write(yaml));
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("tern.yaml"), yaml);
    }

    private static void assertError(String yaml, String message) {
        assertThatThrownBy(() -> ConfigFile.parse("tern.yaml", yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }
}
