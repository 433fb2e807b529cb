package io.tern.cli.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Throw-away certificates for the TLS tests, made by the script the broker's tests use
 * (tern-broker/src/test/scripts/make-test-certs.sh, openssl): ca.pem, server.pem and server.key for
 * localhost and 127.0.0.1, client.pem and client.key (CN=alice), rogue-client.pem and .key of another CA.
 */
public final class TestCertificates {
    private static final Path SCRIPT = Path.of("..", "tern-broker", "src", "test", "scripts", "make-test-certs.sh");

    private TestCertificates() {
    }

    /** Makes the certificates in {@code dir} (a test's temporary directory) and returns it. */
    public static Path make(Path dir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", SCRIPT.toAbsolutePath().toString(), dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(SCRIPT + " failed: " + output);
        }
        return dir;
    }
}
