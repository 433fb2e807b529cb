package io.tern.cli.sub;

import io.tern.cli.Signals;
import io.tern.cli.TernCommand;
import io.tern.cli.pubsub.ClientOptions;
import io.tern.cli.pubsub.ClientSettings;
import io.tern.cli.pubsub.Connection;
import io.tern.cli.pubsub.Failures;
import io.tern.cli.pubsub.PropertyOption.Packet;
import io.tern.client.SubscribeResult;
import io.tern.client.Subscription;
import io.tern.codec.UserProperty;
import io.tern.codec.QoS;
import io.tern.codec.topic.SharedSubscription;
import io.tern.codec.topic.Topics;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tern sub}: subscribes to topics and prints the messages that arrive, with the options of
 * mosquitto_sub(1), which it mirrors down to its output formats and exit codes.
 */
@Command(name = "sub",
        versionProvider = TernCommand.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        exitCodeOnInvalidInput = 1,
        description = {"Subscribes to topics and prints the messages that arrive, as mosquitto_sub does.", ""},
        footer = {
            "",
            "-F FORMAT, as mosquitto_sub(1): %%t topic, %%p payload, %%q QoS, %%r retained (0/1), %%l payload length,"
                    + " %%m packet id (0: not known to tern-client), %%x/%%X payload in hex, %%j/%%J the message as JSON"
                    + " (payload quoted / as JSON), %%I ISO 8601 time, %%U Unix time, %%C content type, %%D correlation"
                    + " data, %%E message expiry, %%F payload format, %%P user properties, %%R response topic,"
                    + " %%S subscription id, %%A topic alias, %%%% a %%. Flags: - (left), 0 (zeros), a width and .max"
                    + " (%%-10.5t). @X is strftime's %%X (@Y-@m-@d @H:@M:@S), @N nanoseconds, @@ an @."
                    + " Escapes: \\n \\t \\r \\0 \\a \\e \\v \\\\.",
            "",
            "Exit codes, as mosquitto_sub's: 0 done; 27 -W passed with too few messages; the CONNACK code when the"
                    + " broker refuses the connection (MQTT 5 reason code, e.g. 135 not authorized; MQTT 3.1.1"
                    + " return code, e.g. 5); 1 any other failure, or bad options.",
            "",
            "Examples:",
            "  tern sub -t test -v",
            "  tern sub -t 'sensors/#' -q 1 -C 10 -F '%%I %%t %%p'",
            "  tern sub -L mqtt://user:secret@broker.example:1883/alerts -V mqttv5 -F %%J --pretty"})
public final class SubCommand implements Callable<Integer> {
    /** mosquitto_sub's exit code when -W passes first. */
    static final int TIMED_OUT = 27;

    private final PrintStream out;
    private final Clock clock;

    @Spec
    private CommandSpec spec;

    @Option(names = "--help", usageHelp = true, order = 0, description = "show this help and exit")
    private boolean help;

    @Option(names = {"-t", "--topic"}, paramLabel = "FILTER", order = 20,
            description = "topic filter to subscribe to (+ and # wildcards, $share/GROUP/FILTER). Repeatable")
    private List<String> topics = new ArrayList<>();

    @Option(names = {"-q", "--qos"}, paramLabel = "QOS", defaultValue = "0", order = 21,
            description = "the highest QoS to receive messages with: 0, 1 or 2. Default: ${DEFAULT-VALUE}")
    private int qos;

    @Option(names = {"-T", "--filter-out"}, paramLabel = "FILTER", order = 22,
            description = "do not print messages whose topic matches FILTER. Repeatable")
    private List<String> filterOut = new ArrayList<>();

    @Option(names = {"-U", "--unsubscribe"}, paramLabel = "FILTER", order = 23,
            description = "unsubscribe from FILTER (after subscribing to -t), e.g. a session kept with -c. Repeatable")
    private List<String> unsubscribe = new ArrayList<>();

    @Option(names = {"-C", "--count"}, paramLabel = "N", order = 24, description = "exit after printing N messages")
    private long count;

    @Option(names = {"-W", "--timeout"}, paramLabel = "SECONDS", order = 25,
            description = "exit with 27 if still running SECONDS after connecting")
    private long timeout;

    @Option(names = {"-R", "--no-retained"}, order = 26, description = "do not print retained (stale) messages")
    private boolean skipRetained;

    @Option(names = "--retained-only", order = 27,
            description = "print only retained messages; exit at the first one that is not")
    private boolean retainedOnly;

    @Option(names = "--remove-retained", order = 28,
            description = "clear each retained message received (publish an empty retained one to its topic)")
    private boolean removeRetained;

    @Option(names = "--retain-as-published", order = 29,
            description = "MQTT 5: messages keep the retain flag they were published with")
    private boolean retainAsPublished;

    @Option(names = {"-E", "--exit-after-subscribe"}, order = 30,
            description = "exit once subscribed (with -c: set up a session for later)")
    private boolean exitAfterSubscribe;

    @Option(names = {"-v", "--verbose"}, order = 31, description = "print \"topic payload\" instead of the payload")
    private boolean verbose;

    @Option(names = {"-N", "--no-eol"}, order = 32, description = "no end of line after each message")
    private boolean noEndOfLine;

    @Option(names = {"-F", "--format"}, paramLabel = "FORMAT", order = 33,
            description = "print each message in FORMAT (see below); overrides -v")
    private String format;

    @Option(names = "--pretty", order = 34, description = "print %%j and %%J JSON on several lines")
    private boolean pretty;

    @Mixin
    private ClientOptions client;

    /** The command as {@code tern sub} runs it, printing to standard output. */
    public SubCommand() {
        this(System.out, Clock.systemDefaultZone());
    }

    /** The command printing messages to {@code out}, timing them with {@code clock}. */
    public SubCommand(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        ClientSettings settings = client.settings();
        List<String> filters = new ArrayList<>(topics);
        if (settings.urlTopic() != null) {
            filters.add(settings.urlTopic());
        }
        Subscription[] subscriptions = subscriptions(filters, settings);
        check();
        PrintWriter err = spec.commandLine().getErr();
        MessagePrinter printer = new MessagePrinter(outputFormat(), verbose, !noEndOfLine, out, err);
        Subscriber.Rules rules = new Subscriber.Rules(List.copyOf(filterOut), removeRetained, retainedOnly,
                skipRetained, count);
        CompletableFuture<Integer> stopped = new CompletableFuture<>();
        Runnable restoreSignals = Signals.handle(signal -> stopped.complete(0), "INT", "TERM");
        Connection connection = Connection.reconnecting(settings, out);
        Subscriber subscriber = new Subscriber(rules, printer, connection, clock);
        connection.onMessage(subscriber::accept); // messages of a session the broker kept (-c)
        try {
            return connection.run("tern sub", err, open -> {
                subscribe(open, subscriber, subscriptions, err);
                if (!unsubscribe.isEmpty()) {
                    open.unsubscribe(settings.properties(Packet.UNSUBSCRIBE).userProperties(),
                            unsubscribe.toArray(String[]::new));
                }
                return exitAfterSubscribe ? 0 : awaitEnd(subscriber, stopped, open, err);
            });
        } finally {
            restoreSignals.run();
        }
    }

    /**
     * Subscribes, and names each subscription the broker refused; when it refuses them all, subscribe
     * fails instead ("SUBACK refused: ...").
     */
    private static void subscribe(Connection open, Subscriber subscriber, Subscription[] subscriptions,
                                  PrintWriter err) {
        if (subscriptions.length == 0) {
            return;
        }
        SubscribeResult result = open.subscribe(subscriber::accept, subscriptions);
        for (int i = 0; i < subscriptions.length; i++) {
            if (!result.isGranted(i)) {
                err.println("tern sub: the broker refused " + subscriptions[i].filter() + ": "
                        + Failures.describe(result.reasonCodes().get(i)));
            }
        }
        err.flush();
    }

    /**
     * Waits until the subscriber is done (-C, --retained-only), a signal stops it, or -W passes; returns
     * the exit code. A lost connection comes back by itself, subscribed again.
     */
    private int awaitEnd(Subscriber subscriber, CompletableFuture<Integer> stopped, Connection open,
                         PrintWriter err) {
        CompletableFuture<Integer> end = CompletableFuture.anyOf(subscriber.done(), stopped, open.lost())
                .thenApply(code -> (Integer) code);
        if (timeout > 0) {
            end = end.completeOnTimeout(TIMED_OUT, timeout, TimeUnit.SECONDS);
        }
        int exitCode = end.join();
        if (exitCode == TIMED_OUT) {
            err.println("Timed out");
            err.flush();
        }
        subscriber.removed().join();
        return exitCode;
    }

    private Subscription[] subscriptions(List<String> filters, ClientSettings settings) {
        if (filters.isEmpty() && unsubscribe.isEmpty()) {
            throw client.usage("give a topic to subscribe to: -t FILTER (or -L mqtt://HOST/FILTER)");
        }
        QoS granted = client.qos("-q", qos);
        if (retainAsPublished && !settings.version().isV5()) {
            throw client.usage("--retain-as-published needs MQTT 5 (-V mqttv5)");
        }
        List<UserProperty> userProperties = settings.properties(Packet.SUBSCRIBE).userProperties();
        List<Subscription> subscriptions = new ArrayList<>();
        for (String filter : filters) {
            requireFilter("-t", filter);
            Subscription.Builder subscription = Subscription.builder(filter).qos(granted)
                    .retainAsPublished(retainAsPublished);
            userProperties.forEach(property -> subscription.userProperty(property.name(), property.value()));
            subscriptions.add(subscription.build());
        }
        filterOut.forEach(filter -> requireFilter("-T", filter));
        unsubscribe.forEach(filter -> requireFilter("-U", filter));
        if (settings.hasProperties(Packet.PUBLISH)) {
            throw client.usage("-D publish: tern sub sends no PUBLISH");
        }
        return subscriptions.toArray(Subscription[]::new);
    }

    private void requireFilter(String option, String filter) {
        boolean valid = SharedSubscription.isShared(filter) ? SharedSubscription.isValid(filter)
                : Topics.isValidTopicFilter(filter);
        if (!valid) {
            throw client.usage(option + " '" + filter + "' is not a valid topic filter: + and # stand for whole"
                    + " levels, # only last (a/+/c, a/#)");
        }
    }

    private void check() {
        if (count < 0) {
            throw client.usage("-C must be a positive number of messages, not " + count);
        }
        if (timeout < 0) {
            throw client.usage("-W must be a positive number of seconds, not " + timeout);
        }
        if (skipRetained && retainedOnly) {
            throw client.usage("-R (no retained messages) and --retained-only (only retained messages) contradict");
        }
    }

    private OutputFormat outputFormat() {
        if (format == null) {
            return null;
        }
        try {
            return OutputFormat.compile(format, pretty, ZoneId.systemDefault());
        } catch (IllegalArgumentException e) {
            throw client.usage("-F: " + e.getMessage());
        }
    }
}
