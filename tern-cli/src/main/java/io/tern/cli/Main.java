package io.tern.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** The entry point of the {@code tern} command (the Main-Class of {@code tern.jar}). */
public final class Main {
    private Main() {
    }

    /**
     * Runs {@code tern} with {@code args} and exits with its exit code; exits with 1 on an error that
     * escapes the command too, since the broker's event loop threads would otherwise keep the JVM up.
     */
    public static void main(String[] args) {
        int exitCode;
        try {
            exitCode = commandLine().execute(args);
        } catch (Throwable e) {
            e.printStackTrace();
            exitCode = 1;
        }
        System.exit(exitCode);
    }

    /**
     * The {@code tern} command line, ready to {@link CommandLine#execute(String...) execute}: exit code 0
     * when all went well, 2 for bad usage or configuration, 1 for a failure at run time.
     */
    public static CommandLine commandLine() {
        return commandLine(CommandLine.defaultFactory());
    }

    /** {@link #commandLine()} with its commands made by {@code factory}, e.g. to give them other streams. */
    public static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine commandLine = new CommandLine(new TernCommand(), factory);
        commandLine.setParameterExceptionHandler(Main::badUsage);
        return commandLine;
    }

    /** Says what is wrong and where help is, rather than the whole usage (unless nothing was given). */
    private static int badUsage(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        if (args.length == 0) {
            command.usage(err);
        } else {
            String name = command.getCommandSpec().qualifiedName();
            err.println(name + ": " + e.getMessage());
            UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Run '" + name + " --help' for usage.");
        }
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }
}
