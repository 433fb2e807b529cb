package io.tern.cli.interop;

import static io.tern.cli.interop.MosquittoClients.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.cli.interop.Peers.Peer;
import io.tern.cli.support.BrokerProcess;
import io.tern.cli.support.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;

/**
 * mosquitto_pub and mosquitto_sub with {@code --cafile}, {@code --cert} and {@code --key} against
 * {@code tern broker} from tern.jar (OpenSSL through netty-tcnative) with a configuration file: a TLS
 * listener, and a mutual TLS one that takes the certificate's CN as the user name. The certificates
 * are made for the run by the script the broker's tests use.
 */
@Timeout(90)
class MosquittoTlsIT {
    @TempDir
    static Path brokerDir;
    private static BrokerProcess broker;
    private static int tlsPort;
    private static int mutualTlsPort;
    private static Path certs;
    private static String ca;
    private static String clientCert;
    private static String clientKey;

    @RegisterExtension
    static final TestWatcher BROKER_LOG_ON_FAILURE = MosquittoClients.brokerLogOnFailure(() -> broker);

    @TempDir
    Path dir;
    private Peers peers;

    @BeforeAll
    static void startBroker() throws Exception {
        Peers.assumeAfterPackage();
        MosquittoClients.requireInstalled();
        certs = TestCertificates.make(brokerDir.resolve("certs"));
        ca = certs.resolve("ca.pem").toString();
        clientCert = certs.resolve("client.pem").toString();
        clientKey = certs.resolve("client.key").toString();
        Files.writeString(brokerDir.resolve("tern.yaml"), """
                listeners:
                  - port: 0
                    tls:
                      cert: certs/server.pem
                      key: certs/server.key
                  - port: 0
                    tls:
                      cert: certs/server.pem
                      key: certs/server.key
                      ca: certs/ca.pem
                      use-identity-as-username: true
                """);
        broker = BrokerProcess.startJar(brokerDir, "broker", "-c", "tern.yaml");
        List<String> listeners = broker.awaitListeners();
        assertThat(listeners).allMatch(listener -> listener.startsWith("mqtts://127.0.0.1:"));
        tlsPort = BrokerProcess.port(listeners.get(0));
        mutualTlsPort = BrokerProcess.port(listeners.get(1));
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void peers() {
        peers = new Peers(dir);
    }

    @AfterEach
    void stopPeers() throws InterruptedException {
        peers.close();
    }

    /** mosquitto clients for {@code port}, that check the broker's certificate against the test CA and host name. */
    private MosquittoClients clients(int port) {
        return new MosquittoClients(peers, port, "mqttv311");
    }

    @Test
    @DisplayName("TLS with --cafile: mosquitto_sub gets what mosquitto_pub publishes, QoS 1")
    void publishAndSubscribeOverTls() {
        MosquittoClients mosquitto = clients(tlsPort);
        Peer subscriber = mosquitto.subscribe("tls-sub", "--cafile", ca, "-q", "1", "-t", "tls/a", "-C", "1");
        mosquitto.publish("--cafile", ca, "-q", "1", "-t", "tls/a", "-m", "over TLS");
        assertThat(messages(subscriber)).containsExactly("over TLS");
        assertThat(broker.log()).contains("TLS by OPENSSL");
    }

    @Test
    @DisplayName("A client that trusts another CA does not connect")
    void untrustedBrokerIsRefusedByTheClient() {
        Peer publisher = clients(tlsPort).tryPublish("untrusting", "--cafile", certs.resolve("rogue-ca.pem").toString(),
                "-t", "tls/b", "-m", "x");
        assertThat(publisher.process().exitValue()).as(publisher.output()).isNotZero();
        assertThat(publisher.output()).contains("certificate verify failed");
    }

    @Test
    @DisplayName("Mutual TLS with --cert and --key: the message goes through, and the CN is the user name")
    void mutualTlsWithClientCertificate() {
        MosquittoClients mosquitto = clients(mutualTlsPort);
        Peer subscriber = mosquitto.subscribe("mtls-sub", "--cafile", ca, "--cert", clientCert, "--key", clientKey,
                "-i", "mtls-sub", "-t", "mtls/a", "-C", "1");
        mosquitto.publish("--cafile", ca, "--cert", clientCert, "--key", clientKey, "-u", "bob", "-i", "mtls-pub",
                "-t", "mtls/a", "-m", "mutual");
        assertThat(messages(subscriber)).containsExactly("mutual");
        assertThat(broker.awaitLog(Pattern.compile("as mtls-pub \\(.*user (\\w+)\\)"), BrokerProcess.START_TIMEOUT)
                .group(1)).as("the CN, not the -u user").isEqualTo("alice");
    }

    @Test
    @DisplayName("Mutual TLS refuses a client without a certificate, or with another CA's, and the broker logs why")
    void mutualTlsWithoutTrustedCertificateIsRefused() {
        int before = handshakeFailures();
        Peer noCertificate = clients(mutualTlsPort).tryPublish("no-cert", "--cafile", ca, "-t", "mtls/b", "-m", "x");
        assertThat(noCertificate.process().exitValue()).as(noCertificate.output()).isNotZero();
        Peer rogue = clients(mutualTlsPort).tryPublish("rogue-cert", "--cafile", ca,
                "--cert", certs.resolve("rogue-client.pem").toString(),
                "--key", certs.resolve("rogue-client.key").toString(), "-t", "mtls/b", "-m", "x");
        assertThat(rogue.process().exitValue()).as(rogue.output()).isNotZero();
        broker.awaitLog(Pattern.compile("(?s)(TLS handshake with /127\\.0\\.0\\.1:\\d+ failed.*){" + (before + 2) + "}"),
                BrokerProcess.START_TIMEOUT);
        assertThat(broker.log()).doesNotContain("user mallory");
    }

    private static int handshakeFailures() {
        return (int) broker.log().lines().filter(line -> line.contains("TLS handshake with")).count();
    }
}
