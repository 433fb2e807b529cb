package io.tern.cli.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.cli.interop.Peers.Peer;
import io.tern.cli.support.BrokerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * mosquitto_pub and mosquitto_sub of one MQTT version ({@code -V mqttv311}, {@code -V mqttv5}) run as
 * {@link Peers} against a broker on 127.0.0.1:{@code port}: what MosquittoClientsIT and
 * MosquittoClientsV5IT share.
 *
 * <p>A subscriber runs with {@code -d}, which prints the packets it sends and receives, through
 * {@code stdbuf -oL} so that its output reaches the file line by line: {@link #subscribe} returns only
 * once the subscriber has printed its SUBACK ("Subscribed"), so a test publishes after that. Every
 * subscriber has {@code -W} (give up after so many seconds) and a test gives it {@code -C} (exit after so
 * many messages), so that none outlives its test; {@link Peers#close()} kills what still runs.
 */
final class MosquittoClients {
    static final Duration SUBSCRIBED_TIMEOUT = Duration.ofSeconds(15);
    /** What a subscriber that never gets its messages waits before exiting by itself (-W). */
    static final int GIVE_UP_SECONDS = 10;

    private final Peers peers;
    private final int port;
    private final String version;
    private final String mosquittoPub;
    private final String mosquittoSub;
    private final String stdbuf;

    /** Clients of MQTT {@code version} (a value of -V: mqttv311, mqttv5) that {@code peers} starts. */
    MosquittoClients(Peers peers, int port, String version) {
        this.peers = peers;
        this.port = port;
        this.version = version;
        this.mosquittoSub = Peers.program("mosquitto_sub");
        this.mosquittoPub = Peers.program("mosquitto_pub");
        this.stdbuf = Peers.program("stdbuf");
    }

    /** Fails, saying how to install them, unless mosquitto_pub, mosquitto_sub and stdbuf are installed. */
    static void requireInstalled() {
        for (String program : List.of("mosquitto_sub", "mosquitto_pub", "stdbuf")) {
            Peers.program(program);
        }
    }

    /** The same clients, speaking MQTT {@code otherVersion}. */
    MosquittoClients version(String otherVersion) {
        return new MosquittoClients(peers, port, otherVersion);
    }

    /** Starts mosquitto_sub with {@code args} and waits until it has its SUBACK. */
    Peer subscribe(String name, String... args) {
        return subscribe(name, List.of(args));
    }

    /** Starts mosquitto_sub with {@code args} and waits until it has its SUBACK. */
    Peer subscribe(String name, List<String> args) {
        Peer subscriber = startSubscriber(name, args);
        subscriber.awaitOutput("Subscribed (mid:", SUBSCRIBED_TIMEOUT);
        return subscriber;
    }

    /** Starts mosquitto_sub with {@code args}, and returns at once. */
    Peer startSubscriber(String name, List<String> args) {
        return peers.start(name, subCommand(args));
    }

    /** {@code stdbuf -oL mosquitto_sub -V VERSION -h 127.0.0.1 -p PORT -d -W 10 ARGS}. */
    List<String> subCommand(List<String> args) {
        List<String> command = new ArrayList<>(List.of(stdbuf, "-oL", mosquittoSub, "-V", version,
                "-h", "127.0.0.1", "-p", String.valueOf(port), "-d", "-W", String.valueOf(GIVE_UP_SECONDS)));
        command.addAll(args);
        return command;
    }

    /** Runs mosquitto_pub with {@code args} to its end, fails unless it exits with 0, and returns its output (-d). */
    String publish(String... args) {
        return peers.run("pub", pubCommand(args)).awaitSuccess(Peers.RUN_TIMEOUT).output();
    }

    /**
     * Runs mosquitto_pub with {@code -l} and {@code args} to its end: it publishes each of {@code lines} as
     * a message, on one connection. Fails unless it exits with 0; returns its output (-d).
     */
    String publishLines(String name, List<String> lines, String... args) {
        Path input = peers.dir().resolve(name + ".lines");
        try {
            Files.write(input, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return peers.run(name, pubCommand(concat(List.of(args), "-l").toArray(String[]::new)), Map.of(), null,
                input).awaitSuccess(Peers.RUN_TIMEOUT).output();
    }

    /** Runs mosquitto_pub with {@code args} to its end and returns it, whatever its exit value. */
    Peer tryPublish(String name, String... args) {
        return peers.run(name, pubCommand(args));
    }

    /** {@code mosquitto_pub -V VERSION -h 127.0.0.1 -p PORT -d ARGS}. */
    List<String> pubCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(mosquittoPub, "-V", version,
                "-h", "127.0.0.1", "-p", String.valueOf(port), "-d"));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Waits until subscriber exits (after its -C messages, or its -W timeout) and returns the messages it
     * printed: its output less the lines of -d. Fails unless it exited with 0, i.e. got its -C messages.
     */
    static List<String> messages(Peer subscriber) {
        int exit = subscriber.awaitExit(Duration.ofSeconds(GIVE_UP_SECONDS + 10));
        List<String> messages = subscriber.lines().stream()
                .filter(line -> !line.startsWith("Client ") && !line.startsWith("Subscribed (mid:"))
                .toList();
        assertThat(exit).as("%s exited with 0 after its -C messages (27: -W timeout); it printed:%n%s",
                subscriber.name(), subscriber.output()).isZero();
        return messages;
    }

    static List<String> concat(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    /**
     * A watcher that, when a test fails, prints the log so far of each broker that {@code brokers} give
     * (null: none).
     */
    @SafeVarargs
    static TestWatcher brokerLogOnFailure(Supplier<BrokerProcess>... brokers) {
        return new TestWatcher() {
            @Override
            public void testFailed(ExtensionContext context, Throwable cause) {
                for (Supplier<BrokerProcess> supplier : brokers) {
                    BrokerProcess broker = supplier.get();
                    if (broker != null) {
                        System.out.printf("%s failed; the broker's log so far:%n%s%n", context.getDisplayName(),
                                broker.log());
                    }
                }
            }
        };
    }
}
