package io.tern.cli.interop;

import io.tern.cli.support.BrokerProcess;
import io.tern.cli.support.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code tern broker} from tern.jar for a test class, with a configuration file and, beside it in
 * {@code certs/}, the test certificates (ca.pem, server.pem, server.key, client.pem, ...), which the
 * file names relative to itself. Register with
 * {@code @RegisterExtension static final ConfiguredBroker BROKER = new ConfiguredBroker("""listeners: ...""");}.
 */
final class ConfiguredBroker implements BeforeAllCallback, AfterAllCallback {
    private final String configuration;
    private Path dir;
    private BrokerProcess process;
    private List<String> listeners;

    /** A broker that runs with the configuration file {@code configuration} (YAML). */
    ConfiguredBroker(String configuration) {
        this.configuration = configuration;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Peers.assumeAfterPackage();
        dir = Files.createTempDirectory("tern-configured-broker");
        TestCertificates.make(dir.resolve("certs"));
        Files.writeString(dir.resolve("tern.yaml"), configuration);
        process = BrokerProcess.startJar(dir, "broker", "-c", "tern.yaml");
        listeners = process.awaitListeners();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                // a temporary directory left behind
            }
        }
    }

    /** The broker process, or {@code null} before it starts. */
    BrokerProcess process() {
        return process;
    }

    /** A file of the test certificates: {@code ca.pem}, {@code client.pem}, {@code client.key}... */
    Path certificate(String name) {
        return dir.resolve("certs").resolve(name);
    }

    /** The listeners as the broker logged them, in the order of the configuration file. */
    List<String> listeners() {
        return listeners;
    }

    /** The port of listener {@code index}, in the order of the configuration file. */
    int port(int index) {
        return BrokerProcess.port(listeners.get(index));
    }
}
