package io.tern.cli.pub;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Where the payloads of {@code tern pub} come from, one of mosquitto_pub's: {@code -m} text, {@code -f}
 * a file, {@code -s} all of standard input, {@code -n} an empty payload, or {@code -l} each line of
 * standard input as a message of its own.
 */
sealed interface MessageSource {
    /** Hands each payload to {@code publish}, in order; reads standard input from {@code in}. */
    void forEach(InputStream in, Consumer<byte[]> publish) throws IOException;

    /** Whether this source is one message, which --repeat may send again. */
    default boolean isSingle() {
        return true;
    }

    /** {@code -m}: the text, in UTF-8. */
    record Text(String text) implements MessageSource {
        @Override
        public void forEach(InputStream in, Consumer<byte[]> publish) {
            publish.accept(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** {@code -f}: the file's bytes, read once. */
    record FileContent(Path file) implements MessageSource {
        @Override
        public void forEach(InputStream in, Consumer<byte[]> publish) throws IOException {
            publish.accept(Files.readAllBytes(file));
        }
    }

    /** {@code -s}: all of standard input, as one message. */
    record WholeInput() implements MessageSource {
        @Override
        public void forEach(InputStream in, Consumer<byte[]> publish) throws IOException {
            publish.accept(in.readAllBytes());
        }
    }

    /** {@code -n}: an empty payload (which, retained, clears the topic's retained message). */
    record Empty() implements MessageSource {
        @Override
        public void forEach(InputStream in, Consumer<byte[]> publish) {
            publish.accept(new byte[0]);
        }
    }

    /** {@code -l}: each line of standard input, its bytes without the '\n', as it comes (an empty line too). */
    record Lines() implements MessageSource {
        @Override
        public void forEach(InputStream in, Consumer<byte[]> publish) throws IOException {
            BufferedInputStream input = new BufferedInputStream(in);
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = input.read(); b != -1; b = input.read()) {
                if (b == '\n') {
                    publish.accept(line.toByteArray());
                    line.reset();
                } else {
                    line.write(b);
                }
            }
            if (line.size() > 0) {
                publish.accept(line.toByteArray());
            }
        }

        @Override
        public boolean isSingle() {
            return false;
        }
    }
}
