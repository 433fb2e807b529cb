package io.tern.cli;

import io.tern.broker.TernBroker;
import io.tern.cli.bench.BenchCommand;
import io.tern.cli.broker.BrokerCommand;
import io.tern.cli.passwd.PasswdCommand;
import io.tern.cli.pub.PubCommand;
import io.tern.cli.sub.SubCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;

/** {@code tern}: the one command-line tool of Tern; its work is done by its subcommands. */
@Command(name = "tern",
        mixinStandardHelpOptions = true,
        versionProvider = TernCommand.Version.class,
        description = "Tern: an MQTT broker and command-line tool.",
        subcommands = {BrokerCommand.class, PubCommand.class, SubCommand.class, BenchCommand.class, PasswdCommand.class,
                HelpCommand.class},
        commandListHeading = "%nCommands:%n",
        footer = {"", "Run 'tern COMMAND --help' for the options of a command."})
public final class TernCommand {

    /** The version of Tern, from the jar's manifest, and of the Java runtime it runs on. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "tern " + TernBroker.VERSION,
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch"),
            };
        }
    }
}
