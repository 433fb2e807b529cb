package io.tern.client.persistence;

import java.nio.file.Path;

/**
 * Where a client keeps the QoS 1 and 2 publishes it accepted and has not completed yet, so that they
 * are not lost: in memory ({@link #memory()}, the default: they survive a reconnect but not the end
 * of the process) or in a directory ({@link #directory(Path)}: they also survive a restart of the
 * process; a new client with the same directory and client id sends them on its first connect).
 */
public interface Persistence {
    /** Keeps in-flight publishes in memory only. */
    static Persistence memory() {
        return MemoryPersistence.INSTANCE;
    }

    /**
     * Keeps in-flight publishes in files under a directory, one subdirectory per client id. The files
     * are written (not synced) before a message is sent, so they survive the end of the process, not a
     * power failure.
     */
    static Persistence directory(Path directory) {
        return new DirectoryPersistence(directory);
    }

    /** Whether the store survives the process, so that a client needs a fixed client id to use it. */
    boolean isDurable();

    /**
     * Opens the store of one client.
     *
     * @throws java.io.UncheckedIOException if the store cannot be read or created
     */
    InFlightStore open(String clientId);
}
