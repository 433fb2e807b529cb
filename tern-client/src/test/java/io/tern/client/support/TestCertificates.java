package io.tern.client.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Throw-away certificates made once per test run by the broker tests' script
 * (tern-broker/src/test/scripts/make-test-certs.sh, openssl): ca.pem; server.pem and server.key for
 * localhost, 127.0.0.1 and ::1; client.pem and client.key (CN=alice); rogue-client.pem and .key of
 * another CA. The directory is under target/, which {@code mvn clean} removes.
 */
public final class TestCertificates {
    private static final Path SCRIPT = Path.of("..", "tern-broker", "src", "test", "scripts", "make-test-certs.sh");
    private static Path directory;

    private TestCertificates() {
    }

    /** The file {@code name} (ca.pem, server.key...), the certificates made on first use. */
    public static synchronized Path file(String name) {
        if (directory == null) {
            directory = make();
        }
        return directory.resolve(name);
    }

    private static Path make() {
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "test-certs").toAbsolutePath();
            Process process = new ProcessBuilder("bash", SCRIPT.toAbsolutePath().toString(), dir.toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(SCRIPT + " failed: " + output);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
