package io.tern.cli.broker;

import io.tern.broker.TernBroker;
import io.tern.broker.auth.FileSecurity;
import io.tern.broker.auth.SecurityFileException;
import io.tern.broker.storage.DataDirectoryException;
import io.tern.broker.storage.RocksDbStorage;
import io.tern.broker.storage.SyncPolicy;
import io.tern.cli.Logging;
import io.tern.cli.Signals;
import io.tern.cli.TernCommand;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tern broker}: runs the MQTT broker until SIGTERM or Ctrl-C, then closes it and exits with 0.
 * Exits with 2 for bad options or configuration, and with 1 when the broker cannot start (a port in
 * use, say), each time with one line on standard error that says why.
 */
@Command(name = "broker",
        mixinStandardHelpOptions = true,
        versionProvider = TernCommand.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Runs the MQTT broker until stopped with Ctrl-C or SIGTERM.",
            "",
            "Without options it listens on 127.0.0.1:1883 only (loopback), and anyone who can reach it may "
                    + "connect: listening beyond loopback is your choice, with --bind or the configuration file.",
            ""},
        footer = {
            "",
            "Options override the configuration file: -p and --bind replace its listeners, -v its log level,",
            "--data, --memory and --sync its storage.",
            "Every key of the configuration file is described in tern.example.yaml.",
            "SIGHUP reloads the password and ACL files of its auth section without dropping connections.",
            "",
            "Examples:",
            "  tern broker                  127.0.0.1:1883",
            "  tern broker -p 1884 -v       127.0.0.1:1884, with debug messages",
            "  tern broker --bind 0.0.0.0   port 1883 on every IPv4 address",
            "  tern broker --bind 127.0.0.1 --bind ::1",
            "  tern broker --data /var/lib/tern",
            "  tern broker -c tern.yaml"})
public final class BrokerCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", order = 0,
            description = "YAML configuration file: listeners, limits, logging (see tern.example.yaml)")
    private Path config;

    private Integer port;

    @Option(names = "--bind", paramLabel = "ADDR", order = 2,
            description = "listen on this address (IPv4, IPv6 or host name); repeat to listen on several. "
                    + "Default: 127.0.0.1")
    private List<String> bind = new ArrayList<>();

    @Option(names = {"-v", "--verbose"}, order = 3, description = "log debug messages too")
    private boolean verbose;

    @Option(names = "--data", paramLabel = "DIR", order = 4,
            description = "keep sessions and retained messages in this directory. Default: ./data")
    private Path data;

    @Option(names = "--memory", order = 5,
            description = "keep sessions and retained messages in memory only: lost when the broker stops")
    private boolean memory;

    private SyncPolicy sync;

    @Option(names = "--sync", paramLabel = "MODE", order = 6,
            description = "when the data directory is synced: always (the default: before every acknowledgement, "
                    + "shared by those waiting at once), batch WINDOW (batch 5ms), or none (never: "
                    + "a power cut loses the latest acknowledged messages)")
    void setSync(String mode) {
        sync = SyncPolicies.parse(mode);
        if (sync == null) {
            throw new ParameterException(spec.commandLine(), "--sync must be " + SyncPolicies.FORM + ", not '"
                    + mode + "'");
        }
    }

    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile String stopReason = "stop requested";
    private volatile List<InetSocketAddress> bound = List.of();

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", order = 1,
            description = "listen on this port (0 for any free one). Default: 1883")
    void setPort(int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new ParameterException(spec.commandLine(),
                    "--port must be between 0 and 65535, not " + port);
        }
        this.port = port;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        BrokerSettings settings;
        try {
            settings = settings();
        } catch (ConfigException e) {
            err.println(e.getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
        Logging.setLevel(settings.logLevel());
        LOG.info("Tern {} starting", TernBroker.VERSION);
        LOG.info(config == null ? "No configuration file: using the defaults" : "Configuration loaded from {}", config);
        FileSecurity security;
        try {
            security = settings.auth().load();
        } catch (SecurityFileException e) {
            err.println(e.getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
        LOG.info("Security: {}", security.describe());
        TernBroker.Builder builder = security.applyTo(TernBroker.builder().config(settings.limits()));
        for (BrokerSettings.Listener listener : settings.listeners()) {
            builder.listen(listener.toBroker());
        }
        StorageSettings storage = settings.storage();
        LOG.info("Sessions and retained messages: {}", storage.describe());
        RocksDbStorage dataDirectory = null;
        TernBroker broker;
        try {
            if (!storage.memory()) {
                dataDirectory = new RocksDbStorage(storage.dataDirectory(), storage.sync());
                builder.storage(dataDirectory);
            }
            broker = builder.build(); // reads the retained messages of the data directory
        } catch (DataDirectoryException e) {
            if (dataDirectory != null) {
                dataDirectory.close();
            }
            err.println("tern broker: " + e.getMessage());
            err.flush();
            return ExitCode.SOFTWARE;
        }
        try {
            bound = broker.start();
        } catch (Exception e) { // IllegalStateException, or Netty's bind error thrown as it is (an IOException)
            broker.close();
            security.close();
            err.println("tern broker: " + (e instanceof DataDirectoryException unusable ? unusable.getMessage()
                    : bindError(e, settings.listeners())));
            err.flush();
            return ExitCode.SOFTWARE;
        }
        for (InetSocketAddress address : bound) {
            if (!address.getAddress().isLoopbackAddress() && security.allowsAnonymous()) {
                LOG.warn("Listening on {}, beyond loopback: any host that reaches it may connect, anonymously",
                        new BrokerSettings.Listener(address.getAddress().getHostAddress(), address.getPort()));
            }
        }
        Runnable restoreSignals = Signals.handle(this::stop, "TERM", "INT");
        Runnable restoreHangUp = Signals.handle(signal -> reload(security), "HUP");
        Thread hook = new Thread(() -> {
            if (stop.getCount() > 0) {
                LOG.info("Shutting down: the JVM is exiting");
            }
            broker.close();
        }, "tern-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stop.await();
        } catch (InterruptedException e) {
            stopReason = "interrupted";
            Thread.currentThread().interrupt();
        }
        LOG.info("Shutting down: {}", stopReason);
        broker.close();
        security.close();
        restoreSignals.run();
        restoreHangUp.run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down already; the hook finds the broker closed.
        }
        return ExitCode.OK;
    }

    /** SIGHUP: the password and ACL files again, without dropping a connection; broken ones leave the old in force. */
    private static void reload(FileSecurity security) {
        try {
            LOG.info("SIGHUP: security files reloaded: {}", security.reload());
        } catch (SecurityFileException e) {
            LOG.error("SIGHUP: security files not reloaded, the previous ones stay in force: {}", e.getMessage());
        }
    }

    /** The addresses the broker listens on, once started (port 0 resolved); empty before. */
    public List<InetSocketAddress> boundAddresses() {
        return bound;
    }

    /** Stops the broker that {@link #call()} runs, as SIGTERM does: {@code call()} then returns 0. */
    public void stop() {
        stop("stop requested");
    }

    private void stop(String reason) {
        if (stop.getCount() > 0) {
            stopReason = reason;
            stop.countDown();
        }
    }

    /** The configuration file or the defaults, then the options. */
    private BrokerSettings settings() throws ConfigException {
        BrokerSettings settings = config == null ? BrokerSettings.defaults() : ConfigFile.load(config);
        if (port != null || !bind.isEmpty()) {
            Set<String> hosts = new LinkedHashSet<>();
            for (String host : bind.isEmpty() ? List.of(BrokerSettings.DEFAULT_HOST) : bind) {
                String error = Hosts.check(host);
                if (error != null) {
                    throw new ParameterException(spec.commandLine(), "--bind: " + error);
                }
                hosts.add(Hosts.unbracket(host.trim()));
            }
            int listenPort = port == null ? BrokerSettings.DEFAULT_PORT : port;
            settings = settings.withListeners(
                    hosts.stream().map(host -> new BrokerSettings.Listener(host, listenPort)).toList());
        }
        if (memory && data != null) {
            throw new ParameterException(spec.commandLine(), "--memory and --data exclude each other: keep the data "
                    + "in memory or in a directory");
        }
        StorageSettings storage = settings.storage();
        if (data != null) {
            storage = storage.inDirectory(data);
        } else if (memory) {
            storage = storage.inMemory();
        }
        if (sync != null) {
            storage = new StorageSettings(storage.dataDirectory(), storage.memory(), sync);
        }
        settings = settings.withStorage(storage);
        return verbose ? settings.withLogLevel("debug") : settings;
    }

    /** "cannot listen on 127.0.0.1:1883: Address already in use ..." from what the broker says. */
    private static String bindError(Exception e, List<BrokerSettings.Listener> listeners) {
        String message = String.valueOf(e.getMessage())
                .replaceAll("bind\\(\\.\\.\\) failed( with error\\(-?\\d+\\))?: ", "")
                .replaceFirst("^cannot listen on [^/]*/", "cannot listen on ");
        if (!message.startsWith("cannot listen on ")) {
            message = "cannot listen on " + (listeners.size() == 1 ? listeners.get(0) : "one of " + listeners)
                    + ": " + message;
        }
        if (message.contains("Address already in use")) {
            message += " (another broker is running there? choose another port with -p)";
        } else if (message.contains("Cannot assign requested address")) {
            message += " (that address is not one of this machine's)";
        } else if (message.contains("Permission denied")) {
            message += " (ports below 1024 need privileges)";
        }
        return message;
    }
}
