package io.tern.cli.sub;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Prints each message as mosquitto_sub does: its payload; with {@code -v} "topic payload" ("topic (null)"
 * for an empty one); with {@code -F} the format; each followed by an end of line unless {@code -N}.
 */
final class MessagePrinter {
    private final OutputFormat format;
    private final boolean verbose;
    private final boolean endOfLine;
    private final PrintStream out;
    private final PrintWriter err;

    /** A printer of {@code format} (null: none) to {@code out}, telling {@code err} of payloads %J cannot print. */
    MessagePrinter(OutputFormat format, boolean verbose, boolean endOfLine, PrintStream out, PrintWriter err) {
        this.format = format;
        this.verbose = verbose;
        this.endOfLine = endOfLine;
        this.out = out;
        this.err = err;
    }

    void print(Received message) {
        ByteArrayOutputStream line = new ByteArrayOutputStream(message.payload().length + 64);
        if (format != null) {
            for (String error : format.write(message, line)) {
                err.println("Error: " + error + ".");
                err.flush();
            }
        } else if (verbose) {
            if (message.payload().length == 0 && !endOfLine) {
                return; // mosquitto_sub's "topic (null)" comes only with its end of line
            }
            line.writeBytes(message.topic().getBytes(StandardCharsets.UTF_8));
            if (message.payload().length == 0) {
                line.writeBytes(" (null)".getBytes(StandardCharsets.US_ASCII));
            } else {
                line.write(' ');
                line.writeBytes(message.payload());
            }
        } else if (message.payload().length == 0) {
            return; // mosquitto_sub prints nothing at all for an empty payload
        } else {
            line.writeBytes(message.payload());
        }
        if (endOfLine) {
            line.write('\n');
        }
        synchronized (out) {
            out.write(line.toByteArray(), 0, line.size());
            out.flush();
        }
    }
}
