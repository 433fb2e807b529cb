package io.tern.broker.transport;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * Makes the server side of TLS from the PEM files of {@link TlsOptions}: OpenSSL (BoringSSL through
 * netty-tcnative) where it is on the class path and loads, the JDK's TLS otherwise.
 */
public final class ServerTls {
    private ServerTls() {
    }

    /** The TLS implementation listeners use on this machine: {@code OPENSSL} or {@code JDK}. */
    public static SslProvider provider() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /**
     * The server TLS context of {@code options}, its files read and checked now.
     *
     * @throws IllegalArgumentException when a file cannot be read or holds no certificate or key that
     *                                  TLS can use; the message names the file and says why
     */
    public static SslContext context(TlsOptions options) {
        readable("cert", options.certificate());
        readable("key", options.privateKey());
        if (options.clientCa() != null) {
            readable("ca", options.clientCa());
        }
        SslContextBuilder builder;
        try {
            builder = SslContextBuilder.forServer(options.certificate().toFile(), options.privateKey().toFile());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(unusable(e, options), e);
        }
        builder.sslProvider(provider()).protocols(options.protocols());
        if (options.clientCa() != null) {
            builder.trustManager(options.clientCa().toFile())
                    .clientAuth(options.requireClientCertificate() ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
        }
        try {
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException(unusable(e, options), e);
        }
    }

    private static void readable(String what, Path file) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(what + " file " + file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(what + " file " + file + ": is a directory");
        }
        try (InputStream in = Files.newInputStream(file)) {
            if (in.read() < 0) {
                throw new IllegalArgumentException(what + " file " + file + ": is empty");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " file " + file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Which file Netty could not use, and why, from its exception. */
    private static String unusable(Exception e, TlsOptions options) {
        String message = String.valueOf(e.getMessage());
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        String detail = cause == e ? "" : " (" + cause.getMessage() + ")";
        if (message.contains("valid certificates") || message.contains("certificate chain")) {
            return "cert file " + options.certificate() + ": holds no PEM certificate that can be used" + detail;
        }
        if (message.contains("private key") || message.contains("key spec") || message.contains("key file")) {
            return "key file " + options.privateKey() + ": holds no unencrypted PEM private key that can be used"
                    + " (convert it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8)" + detail;
        }
        if (message.contains("trust") && options.clientCa() != null) {
            return "ca file " + options.clientCa() + ": holds no PEM certificate that can be used" + detail;
        }
        return "cert " + options.certificate() + ", key " + options.privateKey() + ": " + message + detail;
    }
}
