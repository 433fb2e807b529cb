package io.tern.client.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** File persistence under a directory, one subdirectory per client id. */
final class DirectoryPersistence implements Persistence {
    private final Path directory;

    DirectoryPersistence(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    @Override
    public boolean isDurable() {
        return true;
    }

    @Override
    public InFlightStore open(String clientId) {
        Path clientDirectory = directory.resolve(fileName(clientId));
        try {
            Files.createDirectories(clientDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the persistence directory " + clientDirectory, e);
        }
        return new DirectoryStore(clientDirectory);
    }

    /** The client id with every character that is not safe in a file name as %XX of its UTF-8 bytes. */
    private static String fileName(String clientId) {
        StringBuilder name = new StringBuilder();
        for (byte b : clientId.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                name.append(c);
            } else {
                name.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return name.toString();
    }

    @Override
    public String toString() {
        return "directory " + directory;
    }
}
