package io.tern.cli.pubsub;

import io.tern.client.TlsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * The TLS options of {@code tern pub} and {@code tern sub}, with mosquitto_pub's names and meaning:
 * {@code --cafile}, {@code --capath} or {@code --tls-use-os-certs} say whom to trust and turn TLS on, as
 * do {@code --cert}/{@code --key} (mutual TLS), an mqtts:// or wss:// URL, and port 8883;
 * {@code --insecure} skips the hostname check only.
 */
public final class ClientTlsOptions {
    /** The port on which TLS is on by default, trusting the system's authorities, as with mosquitto_pub. */
    public static final int TLS_PORT = 8883;

    @Option(names = "--cafile", paramLabel = "FILE", order = 30,
            description = "trust the CA certificates in this PEM file, and use TLS")
    private Path caFile;

    @Option(names = "--capath", paramLabel = "DIR", order = 31,
            description = "trust the CA certificates in the .crt and .pem files of this directory, and use TLS")
    private Path caPath;

    @Option(names = "--tls-use-os-certs", order = 32,
            description = "trust the system's CAs (the JDK's), and use TLS; the default of mqtts:// and port 8883")
    private boolean osCertificates;

    @Option(names = "--cert", paramLabel = "FILE", order = 33,
            description = "client certificate (PEM) for mutual TLS; needs --key")
    private Path certificate;

    @Option(names = "--key", paramLabel = "FILE", order = 34, description = "the private key (PEM) of --cert")
    private Path key;

    @Option(names = "--insecure", order = 35,
            description = "do not check that the server's certificate names the host (it must still be trusted)")
    private boolean insecure;

    @Option(names = "--tls-version", paramLabel = "VERSION", order = 36,
            description = "tlsv1.3 or tlsv1.2. Default: either")
    private String version;

    /**
     * The TLS configuration, or {@code null} for none.
     *
     * @param urlAsksForTls whether the -L URL is mqtts:// or wss://
     * @param port          the -p port, or null
     * @throws IllegalArgumentException naming the option at fault and why
     */
    public TlsConfig config(boolean urlAsksForTls, Integer port) {
        if ((certificate == null) != (key == null)) {
            throw new IllegalArgumentException(certificate == null ? "--key needs --cert" : "--cert needs --key");
        }
        boolean tls = urlAsksForTls || caFile != null || caPath != null || osCertificates || certificate != null
                || (port != null && port == TLS_PORT);
        if (!tls) {
            if (insecure || version != null) {
                throw new IllegalArgumentException((insecure ? "--insecure" : "--tls-version")
                        + " needs TLS: add --cafile, --capath or --tls-use-os-certs, or use mqtts://");
            }
            return null;
        }
        TlsConfig.Builder builder = TlsConfig.builder().verifyHostname(!insecure);
        List<Path> trusted = trusted();
        if (!trusted.isEmpty()) {
            if (osCertificates) {
                throw new IllegalArgumentException("--tls-use-os-certs cannot be combined with --cafile or --capath "
                        + "in tern: the JDK trusts either its own CAs or the ones given");
            }
            builder.trustedCertificates(trusted.toArray(Path[]::new));
        }
        if (certificate != null) {
            builder.clientCertificate(certificate, key);
        }
        if (version != null) {
            builder.protocols(protocol(version));
        }
        return builder.build();
    }

    private List<Path> trusted() {
        List<Path> files = new ArrayList<>();
        if (caFile != null) {
            files.add(caFile);
        }
        if (caPath != null) {
            try (Stream<Path> entries = Files.list(caPath)) {
                entries.filter(file -> file.toString().endsWith(".crt") || file.toString().endsWith(".pem"))
                        .sorted().forEach(files::add);
            } catch (IOException e) {
                throw new IllegalArgumentException("--capath " + caPath + " cannot be read: " + e.getMessage(), e);
            }
            if (files.size() == (caFile == null ? 0 : 1)) {
                throw new IllegalArgumentException("--capath " + caPath + " holds no .crt or .pem file");
            }
        }
        return files;
    }

    private static String protocol(String version) {
        return switch (version.toLowerCase(Locale.ROOT)) {
            case "tlsv1.3" -> "TLSv1.3";
            case "tlsv1.2" -> "TLSv1.2";
            case "tlsv1.1", "tlsv1" -> throw new IllegalArgumentException("--tls-version " + version
                    + " is too old to be safe and the JDK no longer speaks it: use tlsv1.2 or tlsv1.3");
            default -> throw new IllegalArgumentException("--tls-version must be tlsv1.3 or tlsv1.2, not '"
                    + version + "'");
        };
    }
}
