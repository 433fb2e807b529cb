package io.tern.cli.support;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * {@code tern broker} as a process of its own, as users and service managers run it, with its log
 * (standard output and error) in a file. {@link #close()} kills it if it still runs.
 */
public final class BrokerProcess implements AutoCloseable {
    /** The line the broker logs once it listens: "Tern broker 0.1.0 listening on [127.0.0.1:1883] (EPOLL)". */
    public static final Pattern LISTENING = Pattern.compile("listening on \\[/?127\\.0\\.0\\.1:(\\d+)[],]");
    private static final Pattern LISTENERS = Pattern.compile("listening on \\[([^]]*)]");
    private static final Pattern PORT_OF_LISTENER = Pattern.compile(":(\\d+)(/|$)");
    /** How long a broker JVM may take to start (a loaded CI machine, a cold disk cache). */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;

    private BrokerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code java -jar tern.jar ARGS} (the runnable jar that {@code mvn package} builds), in
     * {@code dir}: its working directory (where a data directory would go) and the place of its log.
     * It runs a copy of the jar in {@code dir}: a JVM loads classes from its jar as it needs them, and a
     * build that rewrote target/tern.jar meanwhile would break it.
     */
    public static BrokerProcess startJar(Path dir, String... args) throws IOException {
        Path jar = Files.copy(ternJar(), dir.resolve("tern.jar"), StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        return start(dir, command);
    }

    /**
     * Starts the command from this module's classes, {@code java -cp <test class path> io.tern.cli.Main ARGS},
     * for tests that run before {@code package} has built tern.jar.
     */
    public static BrokerProcess startClasses(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(java(), "-cp", System.getProperty("java.class.path"), "io.tern.cli.Main"));
        command.addAll(List.of(args));
        return start(dir, command);
    }

    private static BrokerProcess start(Path dir, List<String> command) throws IOException {
        Path log = dir.resolve("broker.log");
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new BrokerProcess(process, log);
    }

    /**
     * tern-cli/target/tern.jar: the path in the system property {@code tern.jar} (set by the failsafe
     * configuration), else target/tern.jar from the working directory (the module's directory).
     */
    public static Path ternJar() {
        Path jar = Path.of(System.getProperty("tern.jar", "target/tern.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            fail(jar + " does not exist: it is built by the package phase, which runs before these tests in"
                    + " 'mvn verify' (run ./test, or mvn -pl tern-cli -am verify)");
        }
        return jar;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Waits until the broker logs the port it listens on, and returns that port. Fails with the log if
     * the broker exits first (a port in use, a bad option).
     */
    public int awaitPort() {
        int port;
        try {
            port = await("tern broker listening").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .until(this::loggedPort, found -> found > 0 || !process.isAlive());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("tern broker did not listen within " + START_TIMEOUT + "; its log:\n" + log(), e);
        }
        if (port == 0) {
            fail("tern broker exited with %d before it listened; its log:%n%s", process.exitValue(), log());
        }
        return port;
    }

    /**
     * Waits until the broker logs its listeners, and returns them in the order of its configuration:
     * {@code 127.0.0.1:1883}, {@code mqtts://127.0.0.1:8883}, {@code wss://127.0.0.1:8443/mqtt}.
     */
    public List<String> awaitListeners() {
        return List.of(awaitLog(LISTENERS, START_TIMEOUT).group(1).split(", "));
    }

    /** The port of a listener as {@link #awaitListeners()} returns it. */
    public static int port(String listener) {
        Matcher matcher = PORT_OF_LISTENER.matcher(listener);
        if (!matcher.find()) {
            throw new IllegalArgumentException("no port in " + listener);
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** The port of the first "listening on [127.0.0.1:PORT]" line of the log, or 0 if none yet. */
    private int loggedPort() {
        Matcher matcher = LISTENING.matcher(log());
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    /**
     * Waits until a line of the log matches {@code pattern} and returns its match; fails with the log
     * if the broker exits or {@code timeout} passes first.
     */
    public Matcher awaitLog(Pattern pattern, Duration timeout) {
        try {
            await("broker log line matching " + pattern).atMost(timeout).pollInterval(Duration.ofMillis(20))
                    .failFast("tern broker exited", () -> !process.isAlive())
                    .until(() -> pattern.matcher(log()).find());
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new AssertionError(e.getMessage() + "; the broker's log:\n" + log(), e);
        }
        Matcher matcher = pattern.matcher(log());
        matcher.find();
        return matcher;
    }

    /** Everything the broker has logged so far. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The broker's process, e.g. to stop it with SIGTERM ({@link Process#destroy()}). */
    public Process process() {
        return process;
    }

    /** Kills the broker (SIGKILL) if it still runs, and waits until it has exited. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
