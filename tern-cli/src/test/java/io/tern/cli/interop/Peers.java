package io.tern.cli.interop;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * The third-party MQTT programs the interop tests run against {@code tern broker} (mosquitto_pub,
 * mosquitto_sub, Python with paho-mqtt), each as a process whose output goes to a file of its own.
 * {@link #close()} kills every process started here that still runs, each by its own handle.
 *
 * <p>A missing program fails the test, with a message that says how to install it: CI runs {@code ./test},
 * which installs them, so a skip would hide a broken CI machine.
 */
final class Peers implements AutoCloseable {
    /** What the message of a missing program tells to do. */
    static final String INSTALL = "run ./test at the repository root: it installs the Debian packages "
            + "mosquitto-clients and python3-paho-mqtt that the interop tests run (apt-get install -y "
            + "mosquitto-clients python3-paho-mqtt does the same)";
    /** Debian's Python, the one python3-paho-mqtt installs paho for (another python3 on PATH may lack it). */
    static final Path PYTHON = Path.of("/usr/bin/python3");
    /** The environment of Python processes: output unbuffered and in UTF-8, no __pycache__ written. */
    static final Map<String, String> PYTHON_ENV = Map.of(
            "PYTHONUNBUFFERED", "1",
            "PYTHONIOENCODING", "utf-8",
            "PYTHONDONTWRITEBYTECODE", "1");
    /** How long a program that should end soon may run. */
    static final Duration RUN_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final List<Process> started = new ArrayList<>();
    private int count;

    /** Peers whose output files go to {@code dir}. */
    Peers(Path dir) {
        this.dir = dir;
    }

    /** The directory of the output files, where a test may put input files too. */
    Path dir() {
        return dir;
    }

    /**
     * Skips the calling test when surefire runs it (with -Dtest=...), in the test phase: tern.jar is not
     * built yet, or is an old one. Failsafe runs it after package.
     */
    static void assumeAfterPackage() {
        Assumptions.assumeFalse(Boolean.getBoolean("tern.before.package"),
                "an interop test runs in the integration-test phase, after package builds tern.jar");
    }

    /** The path of program {@code name} (on PATH, else in /usr/bin); fails saying how to install it if missing. */
    static String program(String name) {
        List<String> places = new ArrayList<>(
                List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        places.add("/usr/bin");
        for (String place : places) {
            if (!place.isEmpty() && Files.isExecutable(Path.of(place, name))) {
                return Path.of(place, name).toString();
            }
        }
        return fail("%s is not installed (not on PATH, not in /usr/bin): %s", name, INSTALL);
    }

    /**
     * Fails, saying how to install it, unless /usr/bin/python3 imports paho-mqtt 1.x: the seed's scripts
     * call {@code mqtt.Client(client_id, transport='tcp')}, which paho-mqtt 2 refuses (its first
     * argument became the callback API version).
     */
    void requirePythonPaho() {
        if (!Files.isExecutable(PYTHON)) {
            fail("%s is not installed: %s", PYTHON, INSTALL);
        }
        Peer check = run("paho-version", List.of(PYTHON.toString(), "-c",
                "import paho.mqtt; print('paho-mqtt', paho.mqtt.__version__)"));
        String output = check.output();
        if (check.process().exitValue() != 0) {
            fail("%s cannot import paho.mqtt: %s%n%s", PYTHON, INSTALL, output);
        }
        if (!output.contains("paho-mqtt 1.")) {
            fail("the seed's scripts need paho-mqtt 1.x (Debian 12's python3-paho-mqtt is 1.6.1), found: %s", output);
        }
    }

    /** Starts {@code command}; its standard output and error go to one file. */
    Peer start(String name, List<String> command) {
        return start(name, command, Map.of(), null, null);
    }

    /**
     * Starts {@code command} with {@code env} added to this process's environment, in {@code workDir}
     * (null: this process's), its standard input from file {@code input} (null: empty), its standard
     * output and error to one file.
     */
    Peer start(String name, List<String> command, Map<String, String> env, Path workDir, Path input) {
        Path output = dir.resolve(String.format("%02d-%s.out", ++count, name));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(input == null
                        ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.from(input.toFile()));
        builder.environment().putAll(env);
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        try {
            Process process = builder.start();
            started.add(process);
            process.getOutputStream().close(); // standard input: the file, or empty
            return new Peer(name, command, process, output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Runs {@code command} to its end ({@link #RUN_TIMEOUT} at most, else fails); see its exit value on the result. */
    Peer run(String name, List<String> command) {
        return run(name, command, Map.of(), null, null);
    }

    /** {@link #run(String, List)} with an environment, a working directory and an input, as {@link #start} takes. */
    Peer run(String name, List<String> command, Map<String, String> env, Path workDir, Path input) {
        Peer peer = start(name, command, env, workDir, input);
        peer.awaitExit(RUN_TIMEOUT);
        return peer;
    }

    /** Kills (SIGKILL) every process started here that still runs, and waits until each has exited. */
    @Override
    public void close() throws InterruptedException {
        for (Process process : started) {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
        for (Process process : started) {
            process.waitFor(10, TimeUnit.SECONDS);
        }
        started.clear();
    }

    /** One started program and the file of its output. */
    record Peer(String name, List<String> command, Process process, Path outputFile) {
        /** What it has written so far, standard output and error together. */
        String output() {
            try {
                return Files.readString(outputFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Its output lines so far. */
        List<String> lines() {
            return output().lines().toList();
        }

        /** Waits until its output contains {@code text}; fails with the output if it exits or times out first. */
        void awaitOutput(String text, Duration timeout) {
            awaitOutput(output -> output.contains(text), "output containing \"" + text + "\"", timeout);
        }

        /** Waits until its output satisfies {@code condition}; fails with the output if it exits or times out first. */
        void awaitOutput(Predicate<String> condition, String what, Duration timeout) {
            try {
                await(name + ": " + what).atMost(timeout).pollInterval(Duration.ofMillis(20))
                        .until(() -> condition.test(output()) || !process.isAlive());
            } catch (ConditionTimeoutException e) {
                fail("%s: no %s within %s; its output:%n%s", name, what, timeout, output());
            }
            if (!condition.test(output())) {
                fail("%s exited with %d before its %s; its output:%n%s",
                        name, process.exitValue(), what, output());
            }
        }

        /** Waits until it exits and returns its exit value; fails with its output if it runs on past {@code timeout}. */
        int awaitExit(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    fail("%s did not exit within %s: %s; its output:%n%s", name, timeout, command, output());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            return process.exitValue();
        }

        /** Waits until it exits, and fails with its output unless its exit value is 0. */
        Peer awaitSuccess(Duration timeout) {
            int exit = awaitExit(timeout);
            if (exit != 0) {
                fail("%s exited with %d: %s; its output:%n%s", name, exit, command, output());
            }
            return this;
        }
    }
}
