package io.tern.broker.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * Throw-away certificates for the TLS tests, made once per test run by {@code src/test/scripts/make-test-certs.sh}
 * (openssl) in a temporary directory that is deleted when the JVM exits: a CA, the broker's certificate
 * for localhost and 127.0.0.1, a client certificate with CN=alice, and a rogue CA with its own client.
 */
public final class TestCertificates {
    private static final char[] NO_PASSWORD = new char[0];
    private static Path directory;

    private TestCertificates() {
    }

    /** The directory of the certificates and keys, made on first use. */
    public static synchronized Path directory() {
        if (directory == null) {
            directory = make();
        }
        return directory;
    }

    /** A file of the directory: {@code ca.pem}, {@code server.pem}, {@code server.key}, {@code client.pem}... */
    public static Path file(String name) {
        return directory().resolve(name);
    }

    /** TLS for a client that trusts the test CA and shows no certificate. */
    public static SSLContext trustingClient() {
        return client(null);
    }

    /**
     * TLS for a client that trusts the test CA and shows the certificate {@code name}.pem with its key
     * ({@code client} or {@code rogue-client}), or none for {@code null}; it shows it even when the
     * broker names other CAs, as openssl-based clients do (the JDK would otherwise show none).
     */
    public static SSLContext client(String name) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            KeyManager[] keys = name == null ? null : new KeyManager[] {
                new ShowingKeyManager((X509KeyManager) keyManagers(name).getKeyManagers()[0], name)};
            context.init(keys, trustManagers().getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Trust in the test CA, for clients that take a factory (HiveMQ). */
    public static TrustManagerFactory trustManagers() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", certificate("ca.pem"));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate {@code name}.pem and its key {@code name}.key, for clients that take a factory (HiveMQ). */
    public static KeyManagerFactory keyManagers(String name) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(name, privateKey(name + ".key"), NO_PASSWORD,
                    new Certificate[] {certificate(name + ".pem")});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, NO_PASSWORD);
            return factory;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Certificate certificate(String name) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file(name))) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** A PKCS#8 PEM key, as the script writes them (EC P-256). */
    private static PrivateKey privateKey(String name) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file(name));
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getMimeDecoder().decode(base64);
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static Path make() {
        try {
            Path dir = Files.createTempDirectory("tern-test-certs");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
            Path script = Path.of(System.getProperty("tern.certs.script", "src/test/scripts/make-test-certs.sh"));
            Process process = new ProcessBuilder("bash", script.toAbsolutePath().toString(), dir.toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(script + " failed: " + output);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind
        }
    }

    /** A key manager that always shows its one certificate, whichever CAs the server names. */
    private static final class ShowingKeyManager extends X509ExtendedKeyManager {
        private final X509KeyManager keys;
        private final String alias;

        ShowingKeyManager(X509KeyManager keys, String alias) {
            this.keys = keys;
            this.alias = alias;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return alias;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return alias;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {alias};
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return keys.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return keys.getPrivateKey(alias);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
