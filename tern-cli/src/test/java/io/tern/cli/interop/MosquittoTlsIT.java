package io.tern.cli.interop;

import static io.tern.cli.interop.MosquittoClients.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.cli.interop.Peers.Peer;
import io.tern.cli.support.BrokerProcess;
import io.tern.cli.support.TernRun;
import java.nio.file.Path;
import java.util.regex.Pattern;
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
    private static final int TLS = 0;
    private static final int MUTUAL_TLS = 1;

    @RegisterExtension
    static final ConfiguredBroker BROKER = new ConfiguredBroker("""
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

    @RegisterExtension
    static final TestWatcher BROKER_LOG_ON_FAILURE = MosquittoClients.brokerLogOnFailure(BROKER::process);

    @TempDir
    Path dir;
    private Peers peers;

    @BeforeAll
    static void requireMosquittoClients() {
        MosquittoClients.requireInstalled();
        assertThat(BROKER.listeners()).allMatch(listener -> listener.startsWith("mqtts://127.0.0.1:"));
    }

    @BeforeEach
    void peers() {
        peers = new Peers(dir);
    }

    @AfterEach
    void stopPeers() throws InterruptedException {
        peers.close();
    }

    /** mosquitto clients for listener {@code listener}. */
    private MosquittoClients clients(int listener) {
        return new MosquittoClients(peers, BROKER.port(listener), "mqttv311");
    }

    private static String file(String name) {
        return BROKER.certificate(name).toString();
    }

    @Test
    @DisplayName("TLS with --cafile: mosquitto_sub gets what mosquitto_pub publishes, QoS 1")
    void publishAndSubscribeOverTls() {
        MosquittoClients mosquitto = clients(TLS);
        Peer subscriber = mosquitto.subscribe("tls-sub", "--cafile", file("ca.pem"), "-q", "1", "-t", "tls/a",
                "-C", "1");
        mosquitto.publish("--cafile", file("ca.pem"), "-q", "1", "-t", "tls/a", "-m", "over TLS");
        assertThat(messages(subscriber)).containsExactly("over TLS");
        assertThat(BROKER.process().log()).contains("TLS by OPENSSL");
    }

    @Test
    @DisplayName("tern sub --cafile gets what mosquitto_pub --cafile publishes; mosquitto_sub gets tern pub's, mutual TLS")
    void ternPubSubWithMosquittoClientsOverTls() {
        String port = Integer.toString(BROKER.port(TLS));
        TernRun ternSub = TernRun.start("sub", "-p", port, "--cafile", file("ca.pem"), "-t", "tls/tern", "-q", "1",
                "-C", "1", "-d").awaitSubscribed();
        clients(TLS).publish("--cafile", file("ca.pem"), "-q", "1", "-t", "tls/tern", "-m", "from mosquitto_pub");
        assertThat(ternSub.exitCode()).as(ternSub.err()).isZero();
        assertThat(ternSub.messages()).containsExactly("from mosquitto_pub");

        Peer mosquittoSub = clients(MUTUAL_TLS).subscribe("mtls-mosquitto-sub", "--cafile", file("ca.pem"),
                "--cert", file("client.pem"), "--key", file("client.key"), "-q", "1", "-t", "mtls/tern", "-C", "1");
        TernRun ternPub = TernRun.run("pub", "-L", "mqtts://127.0.0.1:" + BROKER.port(MUTUAL_TLS) + "/mtls/tern",
                "--cafile", file("ca.pem"), "--cert", file("client.pem"), "--key", file("client.key"), "-q", "1",
                "-m", "from tern pub");
        assertThat(ternPub.exitCode()).as(ternPub.err()).isZero();
        assertThat(messages(mosquittoSub)).containsExactly("from tern pub");
    }

    @Test
    @DisplayName("A client that trusts another CA does not connect")
    void untrustedBrokerIsRefusedByTheClient() {
        Peer publisher = clients(TLS).tryPublish("untrusting", "--cafile", file("rogue-ca.pem"),
                "-t", "tls/b", "-m", "x");
        assertThat(publisher.process().exitValue()).as(publisher.output()).isNotZero();
        assertThat(publisher.output()).contains("certificate verify failed");
    }

    @Test
    @DisplayName("Mutual TLS with --cert and --key: the message goes through, and the CN is the user name")
    void mutualTlsWithClientCertificate() {
        MosquittoClients mosquitto = clients(MUTUAL_TLS);
        Peer subscriber = mosquitto.subscribe("mtls-sub", "--cafile", file("ca.pem"), "--cert", file("client.pem"),
                "--key", file("client.key"), "-i", "mtls-sub", "-t", "mtls/a", "-C", "1");
        mosquitto.publish("--cafile", file("ca.pem"), "--cert", file("client.pem"), "--key", file("client.key"),
                "-u", "bob", "-i", "mtls-pub", "-t", "mtls/a", "-m", "mutual");
        assertThat(messages(subscriber)).containsExactly("mutual");
        Pattern connected = Pattern.compile("as mtls-pub \\(.*user (\\w+)\\)");
        assertThat(BROKER.process().awaitLog(connected, BrokerProcess.START_TIMEOUT).group(1))
                .as("the CN, not the -u user").isEqualTo("alice");
    }

    @Test
    @DisplayName("Mutual TLS refuses a client without a certificate, or with another CA's, and the broker logs why")
    void mutualTlsWithoutTrustedCertificateIsRefused() {
        int before = handshakeFailures();
        Peer noCertificate = clients(MUTUAL_TLS).tryPublish("no-cert", "--cafile", file("ca.pem"),
                "-t", "mtls/b", "-m", "x");
        assertThat(noCertificate.process().exitValue()).as(noCertificate.output()).isNotZero();
        Peer rogue = clients(MUTUAL_TLS).tryPublish("rogue-cert", "--cafile", file("ca.pem"),
                "--cert", file("rogue-client.pem"), "--key", file("rogue-client.key"), "-t", "mtls/b", "-m", "x");
        assertThat(rogue.process().exitValue()).as(rogue.output()).isNotZero();
        Pattern twoMoreFailures = Pattern.compile(
                "(?s)(TLS handshake with /127\\.0\\.0\\.1:\\d+ failed.*){" + (before + 2) + "}");
        BROKER.process().awaitLog(twoMoreFailures, BrokerProcess.START_TIMEOUT);
        assertThat(BROKER.process().log()).doesNotContain("user mallory");
    }

    private static int handshakeFailures() {
        return (int) BROKER.process().log().lines().filter(line -> line.contains("TLS handshake with")).count();
    }
}
