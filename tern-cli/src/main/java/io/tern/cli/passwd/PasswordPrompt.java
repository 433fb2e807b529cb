package io.tern.cli.passwd;

import io.tern.cli.passwd.PasswdCommand.PasswdException;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Asks for a new password twice, as mosquitto_passwd does. */
@FunctionalInterface
interface PasswordPrompt {
    /** The password typed twice the same. */
    String askTwice() throws PasswdException;

    /** On the terminal without echo; on standard input (two lines) when there is no terminal. */
    static PasswordPrompt system() {
        return () -> {
            Console console = System.console();
            if (console != null) {
                char[] first = console.readPassword("Password: ");
                char[] second = console.readPassword("Reenter password: ");
                return confirmed(first == null ? null : new String(first), second == null ? null : new String(second));
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            PrintStream out = System.err;
            try {
                out.print("Password: ");
                String first = in.readLine();
                out.print("Reenter password: ");
                return confirmed(first, in.readLine());
            } catch (IOException e) {
                throw new PasswdException("cannot read the password: " + e.getMessage(), e);
            }
        };
    }

    private static String confirmed(String first, String second) throws PasswdException {
        if (first == null || second == null) {
            throw new PasswdException("no password given");
        }
        if (!first.equals(second)) {
            throw new PasswdException("passwords do not match");
        }
        if (first.isEmpty()) {
            throw new PasswdException("empty password");
        }
        return first;
    }
}
