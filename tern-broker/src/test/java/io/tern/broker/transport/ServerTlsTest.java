package io.tern.broker.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tern.broker.TernBroker;
import io.tern.broker.support.TestCertificates;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS files and settings that cannot work are refused before the broker listens, naming the file and why. */
class ServerTlsTest {
    @TempDir
    Path dir;

    private static final Path CERT = TestCertificates.file("server.pem");
    private static final Path KEY = TestCertificates.file("server.key");

    @Test
    @DisplayName("The test certificates make a server context with and without client certificates")
    void goodFilesMakeAContext() {
        assertThat(ServerTls.context(TlsOptions.of(CERT, KEY)).isServer()).isTrue();
        assertThat(ServerTls.context(TlsOptions.of(CERT, KEY)
                .withRequiredClientCertificate(TestCertificates.file("ca.pem"))).isServer()).isTrue();
    }

    @Test
    @DisplayName("A missing, empty or directory file is named with the reason")
    void unreadableFiles() throws Exception {
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> ServerTls.context(TlsOptions.of(missing, KEY)))
                .hasMessage("cert file " + missing + ": no such file");
        Path empty = Files.createFile(dir.resolve("empty.key"));
        assertThatThrownBy(() -> ServerTls.context(TlsOptions.of(CERT, empty)))
                .hasMessage("key file " + empty + ": is empty");
        assertThatThrownBy(() -> ServerTls.context(TlsOptions.of(CERT, KEY).withRequiredClientCertificate(dir)))
                .hasMessage("ca file " + dir + ": is a directory");
    }

    @Test
    @DisplayName("A certificate file without a certificate, or a key file without a key, says which file")
    void filesOfTheWrongKind() throws Exception {
        assertThatThrownBy(() -> ServerTls.context(TlsOptions.of(KEY, KEY)))
                .hasMessageStartingWith("cert file " + KEY + ": holds no PEM certificate");
        Path garbage = Files.writeString(dir.resolve("garbage.key"), "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n"
                + "-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> ServerTls.context(TlsOptions.of(CERT, garbage)))
                .hasMessageStartingWith("key file " + garbage + ": holds no unencrypted PEM private key");
        assertThatThrownBy(() -> ServerTls.context(TlsOptions.of(CERT, CERT)))
                .hasMessageStartingWith("key file " + CERT + ":");
    }

    @Test
    @DisplayName("A broker whose listener has unusable TLS files does not start, and says why")
    void brokerRefusesToStart() {
        Path missing = dir.resolve("nope.key");
        try (TernBroker broker = TernBroker.builder().listen("127.0.0.1", 0)
                .listen(Listener.tcp("127.0.0.1", 0).withTls(TlsOptions.of(CERT, missing))).build()) {
            assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("key file " + missing + ": no such file");
        }
    }

    @Test
    @DisplayName("Settings that do not go together are refused: client certificates without a CA, bad versions")
    void inconsistentOptions() {
        assertThatThrownBy(() -> new TlsOptions(CERT, KEY, null, true, false, TlsOptions.DEFAULT_PROTOCOLS))
                .hasMessageContaining("needs the ca");
        assertThatThrownBy(() -> TlsOptions.of(CERT, KEY).withIdentityAsUsername())
                .hasMessageContaining("use-identity-as-username needs require-client-cert");
        assertThatThrownBy(() -> TlsOptions.of(CERT, KEY).withProtocols("TLSv1.1"))
                .hasMessage("protocols must be TLSv1.2 or TLSv1.3, not 'TLSv1.1'");
        assertThatThrownBy(() -> TlsOptions.of(CERT, KEY).withProtocols())
                .hasMessageContaining("protocols is empty");
    }

    @Test
    @DisplayName("The CN of a certificate is the most specific common name of its subject")
    void commonName() throws Exception {
        X509Certificate client = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Files.readAllBytes(TestCertificates.file("client.pem"))));
        assertThat(CertificateIdentity.commonName(client)).isEqualTo("alice");
    }
}
