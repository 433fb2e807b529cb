package io.tern.broker.transport;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The TLS settings of a listener, from PEM files.
 *
 * @param certificate              the broker's certificate, then any intermediate certificates (PEM)
 * @param privateKey               the private key of that certificate (PEM, PKCS#8 or, with OpenSSL,
 *                                 PKCS#1 / SEC 1), unencrypted
 * @param clientCa                 the certificates of the authorities that sign client certificates
 *                                 (PEM), or {@code null} to ask clients for none
 * @param requireClientCertificate whether a client without a certificate signed by {@code clientCa}
 *                                 is refused (mutual TLS); otherwise one is asked for, and checked
 *                                 when given
 * @param identityAsUsername       whether the common name (CN) of the client's certificate replaces
 *                                 the user name of its CONNECT, for authentication and authorization
 * @param protocols                the TLS versions accepted: {@code TLSv1.2}, {@code TLSv1.3}
 */
public record TlsOptions(Path certificate, Path privateKey, Path clientCa, boolean requireClientCertificate,
                         boolean identityAsUsername, List<String> protocols) {
    /** The TLS versions a listener accepts when none are given: 1.2 and 1.3. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.2", "TLSv1.3");
    private static final Set<String> KNOWN_PROTOCOLS = Set.copyOf(DEFAULT_PROTOCOLS);

    /** Checks that the settings go together. */
    public TlsOptions {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("protocols is empty: give TLSv1.2, TLSv1.3 or both");
        }
        for (String protocol : protocols) {
            if (protocol == null || !KNOWN_PROTOCOLS.contains(protocol)) {
                throw new IllegalArgumentException("protocols must be TLSv1.2 or TLSv1.3, not "
                        + (protocol == null ? "an empty item" : "'" + protocol + "'"));
            }
        }
        protocols = List.copyOf(protocols);
        if (requireClientCertificate && clientCa == null) {
            throw new IllegalArgumentException("require-client-cert needs the ca that signs client certificates");
        }
        if (identityAsUsername && !requireClientCertificate) {
            throw new IllegalArgumentException("use-identity-as-username needs require-client-cert: "
                    + "a client without a certificate would choose its own user name");
        }
    }

    /** TLS with this certificate and key, no client certificates, TLS 1.2 and 1.3. */
    public static TlsOptions of(Path certificate, Path privateKey) {
        return new TlsOptions(certificate, privateKey, null, false, false, DEFAULT_PROTOCOLS);
    }

    /** These settings, requiring a client certificate signed by an authority of {@code clientCa}. */
    public TlsOptions withRequiredClientCertificate(Path clientCa) {
        return new TlsOptions(certificate, privateKey, Objects.requireNonNull(clientCa, "clientCa"), true,
                identityAsUsername, protocols);
    }

    /** These settings, asking for a client certificate signed by {@code clientCa}, but not requiring one. */
    public TlsOptions withOptionalClientCertificate(Path clientCa) {
        return new TlsOptions(certificate, privateKey, Objects.requireNonNull(clientCa, "clientCa"), false,
                false, protocols);
    }

    /** These settings, with the common name of the client's certificate as its user name. */
    public TlsOptions withIdentityAsUsername() {
        return new TlsOptions(certificate, privateKey, clientCa, requireClientCertificate, true, protocols);
    }

    /** These settings, accepting only {@code protocols} ({@code TLSv1.2}, {@code TLSv1.3}). */
    public TlsOptions withProtocols(String... protocols) {
        return new TlsOptions(certificate, privateKey, clientCa, requireClientCertificate, identityAsUsername,
                List.of(protocols));
    }
}
