package io.tern.cli.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tern.broker.transport.TlsOptions;
import io.tern.cli.support.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listener keys of the configuration file: protocol, path and tls. */
class ListenerConfigTest {
    @TempDir
    static Path certs;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeCertificates() throws Exception {
        TestCertificates.make(certs);
    }

    private BrokerSettings load(String yaml) throws Exception {
        return ConfigFile.load(Files.writeString(dir.resolve("tern.yaml"), yaml));
    }

    private void assertError(String yaml, String message) {
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("tern.yaml") + ":" + message);
    }

    @Test
    @DisplayName("TLS, mutual TLS, WebSocket and secure WebSocket listeners; files relative to the configuration file")
    void everyKindOfListener() throws Exception {
        Files.createDirectory(dir.resolve("tls"));
        for (String name : List.of("server.pem", "server.key", "ca.pem")) {
            Files.copy(certs.resolve(name), dir.resolve("tls").resolve(name));
        }
        BrokerSettings settings = load("""
                listeners:
                  - port: 1883
                  - port: 8883
                    tls:
                      cert: tls/server.pem
                      key: tls/server.key
                  - port: 8884
                    tls:
                      cert: tls/server.pem
                      key: tls/server.key
                      ca: tls/ca.pem
                      use-identity-as-username: true
                      protocols: [TLSv1.3]
                  - port: 8080
                    protocol: ws
                  - port: 8443
                    protocol: ws
                    path: /broker
                    tls:
                      cert: %s
                      key: %s
                      ca: %s
                      require-client-cert: false
                """.formatted(certs.resolve("server.pem"), certs.resolve("server.key"), certs.resolve("ca.pem")));

        Path tls = dir.resolve("tls");
        TlsOptions server = TlsOptions.of(tls.resolve("server.pem"), tls.resolve("server.key"));
        TlsOptions absolute = TlsOptions.of(certs.resolve("server.pem"), certs.resolve("server.key"));
        assertThat(settings.listeners()).containsExactly(
                new BrokerSettings.Listener("127.0.0.1", 1883),
                new BrokerSettings.Listener("127.0.0.1", 8883, null, server),
                new BrokerSettings.Listener("127.0.0.1", 8884, null, server
                        .withRequiredClientCertificate(tls.resolve("ca.pem")).withIdentityAsUsername()
                        .withProtocols("TLSv1.3")),
                new BrokerSettings.Listener("127.0.0.1", 8080, "/mqtt", null),
                new BrokerSettings.Listener("127.0.0.1", 8443, "/broker", absolute
                        .withOptionalClientCertificate(certs.resolve("ca.pem"))));
        assertThat(settings.listeners().get(4).toBroker()).hasToString("wss://127.0.0.1:8443/broker");
    }

    @Test
    @DisplayName("A protocol or path that cannot be used is refused at its line")
    void protocolAndPath() {
        assertError("listeners:\n  - port: 1\n    protocol: wss\n",
                "3: protocol must be mqtt (MQTT over TCP) or ws (MQTT over WebSocket), not 'wss'");
        assertError("listeners:\n  - port: 1\n    path: /mqtt\n",
                "3: path is for WebSocket listeners: add protocol: ws, or remove path");
        assertError("listeners:\n  - port: 1\n    protocol: ws\n    path: mqtt\n",
                "4: path must start with / and hold no spaces, '?' or '#', not 'mqtt'");
    }

    @Test
    @DisplayName("TLS files that are missing or hold no certificate or key stop the broker, with the file's line")
    void unusableFiles() {
        String cert = certs.resolve("server.pem").toString();
        String key = certs.resolve("server.key").toString();
        assertError("listeners:\n  - tls:\n      cert: " + cert + "\n",
                "2: tls needs cert and key: the PEM files of the broker's certificate and of its private key");
        assertError("listeners:\n  - tls:\n      cert: " + cert + "\n      key: missing.key\n",
                "4: key file " + dir.resolve("missing.key") + ": no such file");
        assertError("listeners:\n  - tls:\n      cert: " + key + "\n      key: " + key + "\n",
                "3: cert file " + key + ": holds no PEM certificate that can be used (found no certificates in input stream)");
        assertError("listeners:\n  - tls:\n      cert: " + cert + "\n      key: " + key + "\n      ca: " + dir + "\n",
                "5: ca file " + dir + ": is a directory");
    }

    @Test
    @DisplayName("TLS settings that do not go together are refused at their line")
    void inconsistentSettings() {
        String files = "\n      cert: " + certs.resolve("server.pem") + "\n      key: " + certs.resolve("server.key");
        assertError("listeners:\n  - tls:" + files + "\n      require-client-cert: true\n",
                "5: require-client-cert needs ca: the PEM file of the authorities that sign client certificates");
        assertError("listeners:\n  - tls:" + files + "\n      use-identity-as-username: true\n",
                "5: use-identity-as-username needs require-client-cert: a client without a certificate would "
                        + "choose its own user name");
        assertError("listeners:\n  - tls:" + files + "\n      protocols: [TLSv1.1]\n",
                "5: protocols must be TLSv1.2 or TLSv1.3, not 'TLSv1.1'");
        assertError("listeners:\n  - tls:" + files + "\n      protocols: [TLSv1.3, ~]\n",
                "5: protocols[1] has no value");
        assertError("listeners:\n  - tls:" + files + "\n      protocols: TLSv1.3\n",
                "5: protocols must be a list (lines starting with '- '), not 'TLSv1.3'");
        assertError("listeners:\n  - tls:" + files + "\n      certfile: x\n",
                "5: unknown key 'certfile' in tls (known: ca, cert, key, protocols, require-client-cert, "
                        + "use-identity-as-username)");
    }
}
