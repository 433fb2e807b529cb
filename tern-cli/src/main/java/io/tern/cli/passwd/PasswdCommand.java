package io.tern.cli.passwd;

import io.tern.broker.auth.SecurityFileException;
import io.tern.broker.auth.password.PasswordEntry;
import io.tern.broker.auth.password.PasswordFile;
import io.tern.broker.auth.password.Pbkdf2Sha512Hash;
import io.tern.cli.TernCommand;
import io.tern.codec.auth.ScramKeys;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tern passwd}: manages a password file as mosquitto_passwd does, in the same format, with the
 * user's SCRAM-SHA-256 keys beside each hash. Exits with 0 when done, 1 when the file cannot be read
 * or written or the user is not there, 2 for bad usage.
 */
@Command(name = "passwd",
        mixinStandardHelpOptions = true,
        versionProvider = TernCommand.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Adds, changes or deletes a user of a password file (the format of mosquitto_passwd, which "
                    + "mosquitto reads too), for 'auth: password-file' of tern broker.",
            "Without -b it asks for the password twice, on the terminal or standard input.",
            ""},
        footer = {
            "",
            "Examples:",
            "  tern passwd -c passwords alice        new file, asks for alice's password",
            "  tern passwd -b passwords bob s3cret   adds bob, or changes his password",
            "  tern passwd -D passwords bob          deletes bob",
            "  tern passwd -U passwords              hashes the plain text passwords of the file",
            "",
            "Send SIGHUP to a running tern broker to reload the file."})
public final class PasswdCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "-c", order = 0, description = "create the file, replacing any that exists")
    private boolean create;

    @Option(names = "-D", order = 1, description = "delete the user")
    private boolean delete;

    @Option(names = "-b", order = 2, description = "batch mode: the password is the last argument")
    private boolean batch;

    @Option(names = "-U", order = 3, description = "hash the plain text passwords of FILE (user:password lines); "
            + "lines already hashed stay")
    private boolean upgrade;

    @Option(names = "-I", paramLabel = "N", order = 4,
            description = "PBKDF2-SHA512 iterations of the hash. Default: ${DEFAULT-VALUE}")
    private int iterations = Pbkdf2Sha512Hash.DEFAULT_ITERATIONS;

    @Option(names = "--scram-iterations", paramLabel = "N", order = 5,
            description = "iterations of the SCRAM-SHA-256 keys (at least 4096); 0 for no keys: the user then "
                    + "cannot log in with SCRAM-SHA-256. Default: ${DEFAULT-VALUE}")
    private int scramIterations = ScramKeys.MIN_ITERATIONS;

    @Parameters(index = "0", paramLabel = "FILE", description = "the password file")
    private Path file;

    @Parameters(index = "1", paramLabel = "USER", arity = "0..1", description = "the user name (not with -U)")
    private String username;

    @Parameters(index = "2", paramLabel = "PASSWORD", arity = "0..1", description = "the password, with -b only")
    private String password;

    private final PasswordPrompt prompt;

    /** Asks for passwords on the terminal, or on standard input without one. */
    public PasswdCommand() {
        this(PasswordPrompt.system());
    }

    PasswdCommand(PasswordPrompt prompt) {
        this.prompt = prompt;
    }

    @Override
    public Integer call() {
        checkUsage();
        PrintWriter err = spec.commandLine().getErr();
        try {
            PasswordFile passwords;
            if (upgrade) {
                passwords = PlainTextUpgrade.upgrade(file.toString(), existingText(), iterations, scramIterations);
            } else {
                passwords = edited(create ? PasswordFile.empty() : PasswordFile.parse(file.toString(), existingText()));
            }
            PasswordFiles.write(file, passwords);
            return ExitCode.OK;
        } catch (PasswdException | SecurityFileException e) {
            err.println("tern passwd: " + e.getMessage());
            err.flush();
            return ExitCode.SOFTWARE;
        }
    }

    /** The file with the user added, changed or deleted. */
    private PasswordFile edited(PasswordFile passwords) throws PasswdException {
        if (delete) {
            if (passwords.get(username) == null) {
                throw new PasswdException("user " + username + " not found in " + file);
            }
            return passwords.without(username);
        }
        byte[] secret = (batch ? password : prompt.askTwice()).getBytes(StandardCharsets.UTF_8);
        return passwords.with(PasswordEntry.of(username, secret, iterations, scramIterations));
    }

    private void checkUsage() {
        if (iterations < 1) {
            throw usage("-I must be at least 1, not " + iterations);
        }
        if (scramIterations != 0 && scramIterations < ScramKeys.MIN_ITERATIONS) {
            throw usage("--scram-iterations must be 0 or at least " + ScramKeys.MIN_ITERATIONS + ", not "
                    + scramIterations);
        }
        if (upgrade) {
            if (create || delete || batch || username != null) {
                throw usage("-U takes only the file");
            }
            return;
        }
        if (username == null) {
            throw usage("USER is missing");
        }
        if (create && delete) {
            throw usage("-c and -D cannot go together");
        }
        if (batch != (password != null) && !delete) {
            throw usage(batch ? "-b needs the password after the user name" : "a password on the command line needs -b");
        }
        if (delete && password != null) {
            throw usage("-D takes no password");
        }
        if (username.isEmpty() || username.indexOf(':') >= 0) {
            throw usage("a user name must not be empty or contain ':'");
        }
    }

    private String existingText() throws PasswdException, SecurityFileException {
        if (!Files.exists(file)) {
            throw new PasswdException(file + ": no such file" + (upgrade ? "" : " (-c creates it)"));
        }
        return SecurityFileException.readText(file);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** What stops the command, for one line on standard error. */
    static final class PasswdException extends Exception {
        private static final long serialVersionUID = 1L;

        PasswdException(String message) {
            super(message);
        }

        PasswdException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
