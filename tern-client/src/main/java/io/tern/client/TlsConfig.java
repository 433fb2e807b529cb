package io.tern.client;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * How the client secures its connection with TLS: whom it trusts, which certificate it shows, which
 * protocol versions it speaks. By default it trusts the JDK's certificate authorities, checks that the
 * server's certificate names the host it connects to (HTTPS endpoint identification), sends that host
 * name (SNI) and speaks TLS 1.2 and 1.3.
 *
 * <pre>{@code
 * TlsConfig tls = TlsConfig.builder().trustedCertificates(Path.of("ca.pem"))
 *         .clientCertificate(Path.of("client.pem"), Path.of("client.key")).build();
 * MqttClient client = MqttClient.builder().serverUri("mqtts://broker.example:8883").tls(tls).build();
 * }</pre>
 */
public final class TlsConfig {
    /** The protocol versions spoken unless told otherwise. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final SslContext context;
    private final boolean verifiesHostname;
    private final boolean showsCertificate;

    private TlsConfig(SslContext context, boolean verifiesHostname, boolean showsCertificate) {
        this.context = context;
        this.verifiesHostname = verifiesHostname;
        this.showsCertificate = showsCertificate;
    }

    /** Trust in the JDK's certificate authorities, no client certificate, TLS 1.2 and 1.3. */
    public static TlsConfig defaults() {
        return builder().build();
    }

    /** A builder of the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether the server's certificate must name the host connected to. */
    public boolean verifiesHostname() {
        return verifiesHostname;
    }

    /** Whether the client shows a certificate of its own (mutual TLS). */
    public boolean showsCertificate() {
        return showsCertificate;
    }

    SslContext sslContext() {
        return context;
    }

    /** Builds a {@link TlsConfig}. */
    public static final class Builder {
        private final List<Path> trusted = new ArrayList<>();
        private Path certificate;
        private Path privateKey;
        private boolean verifyHostname = true;
        private boolean trustAll;
        private List<String> protocols = DEFAULT_PROTOCOLS;

        private Builder() {
        }

        /**
         * Trusts the certificate authorities in these PEM files (each may hold several), instead of the
         * JDK's.
         */
        public Builder trustedCertificates(Path... pemFiles) {
            for (Path file : pemFiles) {
                trusted.add(Objects.requireNonNull(file, "pemFile"));
            }
            return this;
        }

        /** Shows this certificate (PEM, with its chain) and its private key (PKCS#8 PEM) to the server: mutual TLS. */
        public Builder clientCertificate(Path certificatePem, Path privateKeyPem) {
            this.certificate = Objects.requireNonNull(certificatePem, "certificatePem");
            this.privateKey = Objects.requireNonNull(privateKeyPem, "privateKeyPem");
            return this;
        }

        /**
         * Whether the server's certificate must name the host connected to (on by default). Turning it off
         * still checks that a trusted authority signed the certificate, but any server holding such a
         * certificate can pose as this one: mosquitto_pub's {@code --insecure}.
         */
        public Builder verifyHostname(boolean verify) {
            this.verifyHostname = verify;
            return this;
        }

        /**
         * DANGEROUS: trusts any certificate from any server and checks neither its signature nor its host
         * name, so the connection is encrypted but anyone in the way can read and change it. For trying
         * out a test server only.
         */
        public Builder insecure() {
            this.trustAll = true;
            this.verifyHostname = false;
            return this;
        }

        /** The TLS versions to speak, such as {@code TLSv1.3} or {@code TLSv1.2}. */
        public Builder protocols(String... protocols) {
            if (protocols.length == 0) {
                throw new IllegalArgumentException("at least one TLS protocol version is needed");
            }
            this.protocols = List.of(protocols);
            return this;
        }

        /**
         * The configuration, its files read.
         *
         * @throws IllegalArgumentException naming a file that cannot be read or holds no certificate or key,
         *                                  or a protocol version that the JDK does not speak
         */
        public TlsConfig build() {
            SslContextBuilder builder = SslContextBuilder.forClient().protocols(protocols)
                    .endpointIdentificationAlgorithm(verifyHostname ? "HTTPS" : null);
            if (trustAll) {
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
            } else if (!trusted.isEmpty()) {
                builder.trustManager(trustedCertificates());
            }
            if (certificate != null) {
                requireReadable(certificate, "client certificate");
                requireReadable(privateKey, "client key");
                builder.keyManager(certificate.toFile(), privateKey.toFile());
            }
            try {
                return new TlsConfig(builder.build(), verifyHostname, certificate != null);
            } catch (SSLException | IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot set up TLS"
                        + (certificate == null ? "" : " with the certificate " + certificate + " and key " + privateKey)
                        + ": " + e.getMessage(), e);
            }
        }

        private List<X509Certificate> trustedCertificates() {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Path file : trusted) {
                requireReadable(file, "CA file");
                try (InputStream in = Files.newInputStream(file)) {
                    int before = certificates.size();
                    CertificateFactory.getInstance("X.509").generateCertificates(in)
                            .forEach(certificate -> certificates.add((X509Certificate) certificate));
                    if (certificates.size() == before) {
                        throw new IllegalArgumentException("CA file " + file + " holds no PEM certificate");
                    }
                } catch (IOException | CertificateException e) {
                    throw new IllegalArgumentException("cannot read the CA file " + file + ": " + e.getMessage(), e);
                }
            }
            return certificates;
        }

        private static void requireReadable(Path file, String what) {
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("cannot read the " + what + " " + file
                        + (Files.exists(file) ? ": permission denied" : ": no such file"));
            }
        }
    }
}
