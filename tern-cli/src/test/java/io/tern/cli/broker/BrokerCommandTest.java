package io.tern.cli.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tern.broker.storage.RocksDbStorage;
import io.tern.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksDB;
import picocli.CommandLine;

/** {@code tern broker} run in this JVM, as the command line runs it, with listeners on free ports. */
class BrokerCommandTest {
    /** CONNACK, session not present, accepted. */
    private static final byte[] CONNACK_ACCEPTED = {0x20, 0x02, 0x00, 0x00};

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    void runsTheConfiguredListenersUntilStopped() throws Exception {
        Path config = Files.writeString(dir.resolve("tern.yaml"), """
                listeners:
                  - host: 127.0.0.1
                    port: 0
                  - host: "::1"
                    port: 0
                limits:
                  connect-timeout: 5s
                """);
        Running running = start("broker", "-c", config.toString(), "--data", dir.resolve("data").toString());

        List<InetSocketAddress> bound = running.command.boundAddresses();
        assertThat(bound).hasSize(2);
        assertThat(bound.get(0).getAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(bound.get(1).getAddress()).isEqualTo(InetAddress.getByName("::1"));
        assertThat(bound).allSatisfy(address -> assertThat(address.getPort()).isPositive());

        try (Socket ipv4 = connect(bound.get(0), "over-ipv4"); Socket ipv6 = connect(bound.get(1), "over-ipv6")) {
            running.command.stop();

            assertThat(running.exit.get(30, TimeUnit.SECONDS)).isZero();
            assertClosedByBroker(ipv4);
            assertClosedByBroker(ipv6);
        }
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void portAndBindOptionsReplaceTheListenersOfTheFile() throws Exception {
        Path config = Files.writeString(dir.resolve("tern.yaml"), """
                listeners:
                  - host: 127.0.0.1
                    port: 1
                """);
        Running running = start("broker", "-c", config.toString(), "--bind", "127.0.0.1", "-p", "0", "-v",
                "--memory");

        List<InetSocketAddress> bound = running.command.boundAddresses();
        assertThat(bound).hasSize(1);
        assertThat(bound.get(0).getPort()).isNotEqualTo(1);
        try (Socket socket = connect(bound.get(0), "by-options")) {
            running.command.stop();
            assertThat(running.exit.get(30, TimeUnit.SECONDS)).isZero();
            assertClosedByBroker(socket);
        }
    }

    @Test
    void aBadConfigurationExitsWith2AndSaysWhereAndWhy() throws Exception {
        Path config = Files.writeString(dir.resolve("tern.yaml"), """
                listeners:
                  - host: 127.0.0.1
                    port: 70000
                """);

        int exit = commandLine().execute("broker", "-c", config.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(config + ":3: port must be between 0 and 65535, not 70000\n");
    }

    @Test
    @Timeout(60) // a broker that took the file would run until stopped
    void aBadAclFileExitsWith2AndSaysWhereAndWhy() throws Exception {
        Path acl = Files.writeString(dir.resolve("acl"), "user alice\ntopic readwrite alice/#\ntopik read x\n");
        Path config = Files.writeString(dir.resolve("tern.yaml"), "auth:\n  acl-file: " + acl + "\n");

        int exit = commandLine().execute("broker", "-p", "0", "-c", config.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(acl + ":3: unknown keyword 'topik' (known: user, topic, pattern)\n");
    }

    @Test
    void aPortInUseExitsWith1AndOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int exit = commandLine().execute("broker", "-p", String.valueOf(taken.getLocalPort()), "--memory");

            assertThat(exit).isEqualTo(1);
            assertThat(err.toString()).isEqualTo("tern broker: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + ": Address already in use (another broker is running there? choose another port with -p)\n");
        }
    }

    @Test
    void aDataDirectoryInUseExitsWith1AndSaysSo() throws Exception {
        Path data = dir.resolve("data");
        Running running = start("broker", "-p", "0", "--data", data.toString());

        int exit = commandLine().execute("broker", "-p", "0", "--data", data.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("tern broker: data directory " + data
                + " is in use by another broker (its LOCK file is held)\n");
        running.command.stop();
        assertThat(running.exit.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void aDataDirectoryOfANewerFormatExitsWith1AndIsLeftAsItIs() throws Exception {
        Path data = dir.resolve("data");
        new RocksDbStorage(data).close();
        byte[] newer = {0, 0, 0, 99};
        try (RocksDB db = RocksDB.open(data.toString())) {
            db.put("\0format-version".getBytes(StandardCharsets.US_ASCII), newer);
        }

        int exit = commandLine().execute("broker", "-p", "0", "--data", data.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("tern broker: the data directory " + data + " has format version 99; "
                + "this broker reads format version " + RocksDbStorage.FORMAT_VERSION + " and leaves the directory "
                + "as it is (it was written by a newer Tern)\n");
        try (RocksDB db = RocksDB.open(data.toString())) {
            assertThat(db.get("\0format-version".getBytes(StandardCharsets.US_ASCII))).isEqualTo(newer);
        }
    }

    @Test
    void badStorageOptionsExitWith2AndSayWhy() {
        assertThat(commandLine().execute("broker", "--memory", "--data", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("tern broker: --memory and --data exclude each other");
        assertThat(commandLine().execute("broker", "--sync", "sometimes")).isEqualTo(2);
        assertThat(err.toString()).contains("--sync must be always, batch and a window from 1ms to 10s (batch 5ms), "
                + "or none, not 'sometimes'");
    }

    @Test
    void badOptionsExitWith2() {
        assertThat(commandLine().execute("broker", "-p", "70000")).isEqualTo(2);
        assertThat(err.toString()).startsWith("tern broker: --port must be between 0 and 65535, not 70000\n");

        assertThat(commandLine().execute("broker", "--bind", "no.such.host.invalid")).isEqualTo(2);
        assertThat(commandLine().execute("broker", "--no-such-option")).isEqualTo(2);
        assertThat(commandLine().execute("broker", "-c", dir.resolve("missing.yaml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains(dir.resolve("missing.yaml") + ": no such file");
    }

    @Test
    void helpAndVersionExitWith0() {
        assertThat(commandLine().execute("broker", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: tern broker", "-c, --config=FILE", "-p, --port=PORT", "--bind=ADDR",
                "-v, --verbose");
        assertThat(commandLine().execute("--version")).isZero();
        assertThat(out.toString()).contains("tern ");
        assertThat(commandLine().execute()).isEqualTo(2);
        assertThat(commandLine().execute("no-such-command")).isEqualTo(2);
    }

    private CommandLine commandLine() {
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine;
    }

    /** Runs {@code args} on another thread until the broker listens. */
    private Running start(String... args) {
        CommandLine commandLine = commandLine();
        BrokerCommand command = commandLine.getSubcommands().get("broker").getCommand();
        Future<Integer> exit = executor.submit(() -> commandLine.execute(args));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !command.boundAddresses().isEmpty() || exit.isDone());
        assertThat(exit).as("still running: " + err).isNotDone();
        return new Running(command, exit);
    }

    /** Connects with MQTT 3.1.1 (clean session, keep alive 60 s) and checks the CONNACK. */
    private static Socket connect(InetSocketAddress address, String clientId) throws IOException {
        Socket socket = new Socket();
        socket.connect(address, 10_000);
        socket.setSoTimeout(10_000);
        ByteArrayOutputStream connect = new ByteArrayOutputStream();
        connect.write(new byte[] {0x10, (byte) (12 + clientId.length()), 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60, 0,
            (byte) clientId.length()});
        connect.write(clientId.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(connect.toByteArray());
        socket.getOutputStream().flush();
        byte[] connack = socket.getInputStream().readNBytes(4);
        assertThat(connack).as("CONNACK from " + address).containsExactly(CONNACK_ACCEPTED);
        return socket;
    }

    private static void assertClosedByBroker(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            assertThat(in.read()).as("end of stream").isEqualTo(-1);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the broker left the connection open", e);
        } catch (IOException e) {
            assertThat(e).hasMessageContaining("reset"); // closed as well, more abruptly
        }
    }

    private record Running(BrokerCommand command, Future<Integer> exit) {
    }
}
