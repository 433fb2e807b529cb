package io.tern.client.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real mosquitto broker started by the test on a free loopback port with a configuration file of its
 * own ({@code /usr/sbin/mosquitto -c conf}), anonymous and without persistence.
 */
public final class MosquittoBroker implements TestBroker {
    private static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");

    private final Process process;
    private final int port;
    private final Path directory;

    private MosquittoBroker(Process process, int port, Path directory) {
        this.process = process;
        this.port = port;
        this.directory = directory;
    }

    /** Starts mosquitto with these configuration lines added to the defaults. */
    public static MosquittoBroker start(String extraConfig) {
        if (!Files.isExecutable(MOSQUITTO)) {
            throw new IllegalStateException(MOSQUITTO + " is missing: install the Debian package mosquitto (./test does)");
        }
        try {
            Path directory = Files.createTempDirectory("tern-client-mosquitto");
            int port = freePort();
            Path config = directory.resolve("mosquitto.conf");
            Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                    + "log_dest file " + directory.resolve("mosquitto.log") + "\n" + extraConfig);
            Process process = new ProcessBuilder(MOSQUITTO.toString(), "-c", config.toString())
                    .redirectErrorStream(true).redirectOutput(directory.resolve("stdout.log").toFile()).start();
            MosquittoBroker broker = new MosquittoBroker(process, port, directory);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(broker::accepts);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean accepts() {
        if (!process.isAlive()) {
            throw new IllegalStateException("mosquitto exited with " + process.exitValue() + "; see " + directory);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return "mosquitto on " + port;
    }
}
