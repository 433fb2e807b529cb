package io.tern.client.persistence;

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
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public String toString() {
        return "directory " + directory;
    }
}
