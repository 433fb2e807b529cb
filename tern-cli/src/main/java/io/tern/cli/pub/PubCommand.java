package io.tern.cli.pub;

import io.tern.cli.TernCommand;
import io.tern.cli.pubsub.ClientOptions;
import io.tern.cli.pubsub.ClientSettings;
import io.tern.cli.pubsub.Connection;
import io.tern.cli.pubsub.PropertyOption.Packet;
import io.tern.client.PublishResult;
import io.tern.codec.QoS;
import io.tern.codec.topic.Topics;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tern pub}: publishes a message, a file, standard input or each of its lines, with the options of
 * mosquitto_pub(1), which it mirrors down to its exit codes.
 */
@Command(name = "pub",
        versionProvider = TernCommand.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        exitCodeOnInvalidInput = 1,
        description = {"Publishes messages, as mosquitto_pub does.", ""},
        footer = {
            "",
            "Exit codes, as mosquitto_pub's: 0 published (QoS 1 and 2: acknowledged); the CONNACK code when the"
                    + " broker refuses the connection (MQTT 5 reason code, e.g. 135 not authorized; MQTT 3.1.1"
                    + " return code, e.g. 5); 1 any other failure, or bad options.",
            "",
            "Examples:",
            "  tern pub -t test -m hello",
            "  tern pub -t sensors/temperature -m 21.5 -q 1 -r",
            "  tail -f app.log | tern pub -t logs/app -l",
            "  tern pub -t test -m '{\"a\":1}' -V mqttv5 -D publish content-type application/json"})
public final class PubCommand implements Callable<Integer> {
    /** How many QoS 1 and 2 publishes of -l may wait for their acknowledgement at once. */
    private static final int IN_FLIGHT = 1000;

    private final InputStream in;
    private final PrintStream out;

    @Spec
    private CommandSpec spec;

    @Option(names = "--help", usageHelp = true, order = 0, description = "show this help and exit")
    private boolean help;

    @Option(names = {"-t", "--topic"}, paramLabel = "TOPIC", order = 20, description = "the topic to publish to")
    private String topic;

    @Mixin
    private Source source;

    @Option(names = {"-q", "--qos"}, paramLabel = "QOS", defaultValue = "0", order = 30,
            description = "QoS of the messages: 0, 1 or 2. Default: ${DEFAULT-VALUE}")
    private int qos;

    @Option(names = {"-r", "--retain"}, order = 31,
            description = "the broker keeps the message for later subscribers (an empty one clears it)")
    private boolean retain;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1", order = 32,
            description = "publish the message (-m, -f, -s, -n) N times. Default: ${DEFAULT-VALUE}")
    private long repeat;

    @Option(names = "--repeat-delay", paramLabel = "SECONDS", defaultValue = "0", order = 33,
            description = "with --repeat, wait SECONDS (e.g. 0.5) after each message is delivered. "
                    + "Default: ${DEFAULT-VALUE}")
    private double repeatDelay;

    @Mixin
    private ClientOptions client;

    /** The payload options, of which one is to be given. */
    static final class Source {
        @Option(names = {"-m", "--message"}, paramLabel = "TEXT", order = 22, description = "the message's payload")
        String message;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", order = 23, description = "a file as the payload")
        Path file;

        @Option(names = {"-s", "--stdin-file"}, order = 24, description = "all of standard input as one message")
        boolean stdin;

        @Option(names = {"-l", "--stdin-line"}, order = 25, description = "each line of standard input as a message")
        boolean lines;

        @Option(names = {"-n", "--null-message"}, order = 26, description = "an empty payload")
        boolean empty;

        MessageSource source(ClientOptions client) {
            long given = Stream.of(message != null, file != null, stdin, lines, empty).filter(b -> b).count();
            if (given == 0) {
                throw client.usage("give the message: -m TEXT, -f FILE, -s, -l or -n");
            }
            if (given > 1) {
                throw client.usage("give only one of -m, -f, -s, -l and -n");
            }
            if (message != null) {
                return new MessageSource.Text(message);
            }
            if (file != null) {
                return new MessageSource.FileContent(file);
            }
            if (stdin) {
                return new MessageSource.WholeInput();
            }
            return lines ? new MessageSource.Lines() : new MessageSource.Empty();
        }
    }

    /** The command as {@code tern pub} runs it, reading standard input. */
    public PubCommand() {
        this(System.in, System.out);
    }

    /** The command reading -s and -l input from {@code in}, printing -d lines to {@code out}. */
    public PubCommand(InputStream in, PrintStream out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public Integer call() {
        ClientSettings settings = client.settings();
        String to = topic(settings);
        QoS messageQos = client.qos("-q", qos);
        MessageSource payloads = source.source(client);
        for (Packet packet : List.of(Packet.SUBSCRIBE, Packet.UNSUBSCRIBE)) {
            if (settings.hasProperties(packet)) {
                throw client.usage("-D " + packet.label() + ": tern pub sends no " + packet.name());
            }
        }
        if (source.file != null && !Files.isReadable(source.file)) {
            throw client.usage("-f " + source.file + ": no such file, or not readable");
        }
        if (repeat < 1) {
            throw client.usage("--repeat must be at least 1, not " + repeat);
        }
        if (repeatDelay < 0) {
            throw client.usage("--repeat-delay must not be negative, not " + repeatDelay);
        }
        if (repeat > 1 && !payloads.isSingle()) {
            throw client.usage("--repeat repeats one message (-m, -f, -s or -n), not the lines of -l");
        }
        return Connection.of(settings, out).run("tern pub", spec.commandLine().getErr(), connection -> {
            Deque<CompletableFuture<PublishResult>> inFlight = new ArrayDeque<>();
            for (long i = 0; i < repeat; i++) {
                if (i > 0 && repeatDelay > 0) {
                    awaitAll(inFlight);
                    Thread.sleep((long) (repeatDelay * 1000));
                }
                payloads.forEach(in, payload -> {
                    if (inFlight.size() >= IN_FLIGHT) {
                        inFlight.poll().join();
                    }
                    inFlight.add(connection.publish(settings.message(to, payload, messageQos, retain)));
                });
            }
            awaitAll(inFlight);
            return 0;
        });
    }

    private String topic(ClientSettings settings) {
        String urlTopic = settings.urlTopic();
        if (topic != null && urlTopic != null) {
            throw client.usage("-L names the topic: leave out -t");
        }
        String to = topic != null ? topic : urlTopic;
        if (to == null) {
            throw client.usage("give a topic to publish to: -t TOPIC (or -L mqtt://HOST/TOPIC)");
        }
        if (!Topics.isValidTopicName(to)) {
            throw client.usage("-t '" + to + "' is not a topic to publish to: it is empty, or has a + or # wildcard");
        }
        return to;
    }

    private static void awaitAll(Deque<CompletableFuture<PublishResult>> inFlight) {
        while (!inFlight.isEmpty()) {
            inFlight.poll().join();
        }
    }
}
