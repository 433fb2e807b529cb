package io.tern.cli.support;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.tern.cli.Main;
import io.tern.cli.pub.PubCommand;
import io.tern.cli.sub.SubCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.awaitility.core.ConditionTimeoutException;
import picocli.CommandLine;

/**
 * One {@code tern} command run in this JVM as the command line runs it, on a thread of its own: its
 * standard input is given, its standard output and error are kept.
 */
public final class TernRun {
    /** How long a command that should end soon may run. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StringWriter err = new StringWriter();
    private final CompletableFuture<Integer> exit;

    private TernRun(byte[] stdin, String... args) {
        PrintStream output = new PrintStream(out, true, StandardCharsets.UTF_8);
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == PubCommand.class) {
                    return type.cast(new PubCommand(new ByteArrayInputStream(stdin), output));
                }
                if (type == SubCommand.class) {
                    return type.cast(new SubCommand(output, Clock.systemDefaultZone()));
                }
                return CommandLine.defaultFactory().create(type);
            }
        };
        CommandLine commandLine = Main.commandLine(factory);
        commandLine.setOut(new PrintWriter(output, true));
        commandLine.setErr(new PrintWriter(err, true));
        exit = CompletableFuture.supplyAsync(() -> commandLine.execute(args), runnable -> {
            Thread thread = new Thread(runnable, "tern " + String.join(" ", args));
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** Starts {@code tern ARGS} with an empty standard input. */
    public static TernRun start(String... args) {
        return new TernRun(new byte[0], args);
    }

    /** Starts {@code tern ARGS} with {@code stdin} as its standard input. */
    public static TernRun start(byte[] stdin, String... args) {
        return new TernRun(stdin, args);
    }

    /** Runs {@code tern ARGS} to its end ({@link #TIMEOUT} at most). */
    public static TernRun run(String... args) {
        TernRun run = start(args);
        run.exitCode();
        return run;
    }

    /** Waits until it has ended and returns its exit code; fails with its output if it runs on. */
    public int exitCode() {
        try {
            return exit.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fail("still running after %s; its output:%n%s%nits errors:%n%s", TIMEOUT, out(), err());
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits until standard output contains {@code text}; fails with the output if it ends or times out first. */
    public TernRun awaitOutput(String text) {
        try {
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(10))
                    .until(() -> out().contains(text) || exit.isDone());
        } catch (ConditionTimeoutException e) {
            fail("no \"%s\" within %s; its output:%n%s%nits errors:%n%s", text, TIMEOUT, out(), err());
        }
        if (!out().contains(text)) {
            fail("ended with %s before \"%s\"; its output:%n%s%nits errors:%n%s", exit.join(), text, out(), err());
        }
        return this;
    }

    /** A subscriber run with -d: waits until it has its SUBACK. */
    public TernRun awaitSubscribed() {
        return awaitOutput("Subscribed (");
    }

    /** Standard output so far. */
    public String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Standard output so far, less the lines of -d. */
    public List<String> messages() {
        return out().lines().filter(line -> !line.startsWith("Client ") && !line.startsWith("Subscribed (")).toList();
    }

    /** Standard error so far. */
    public String err() {
        return err.toString();
    }
}
