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
     * Keeps in-flight publishes in files under a directory, one subdirectory per client id. A message's
     * file is written (not synced) by the thread that publishes it, before it can be sent, so it survives
     * the end of the process, not a power failure; its later state changes are renames on the network
     * thread, and its file goes when the publish completes.
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
