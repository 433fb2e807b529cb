package io.tern.cli.broker;

import io.tern.broker.storage.SyncPolicy;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where {@code tern broker} keeps what outlives it: a RocksDB data directory, or memory only.
 *
 * @param dataDirectory the data directory (relative to the working directory unless absolute)
 * @param memory        whether to keep everything in memory instead, lost when the broker stops
 * @param sync          when writes to the data directory are synced
 */
public record StorageSettings(Path dataDirectory, boolean memory, SyncPolicy sync) {
    /** The data directory when none is given. */
    public static final Path DEFAULT_DATA_DIRECTORY = Path.of("./data");

    /** Checks that nothing is missing. */
    public StorageSettings {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(sync, "sync");
    }

    /** ./data, synced before every acknowledgement. */
    public static StorageSettings defaults() {
        return new StorageSettings(DEFAULT_DATA_DIRECTORY, false, SyncPolicy.always());
    }

    /** These settings with the data in {@code directory}, on disk. */
    public StorageSettings inDirectory(Path directory) {
        return new StorageSettings(directory, false, sync);
    }

    /** These settings keeping everything in memory. */
    public StorageSettings inMemory() {
        return new StorageSettings(dataDirectory, true, sync);
    }

    /** What the log says at start: {@code data/ (sync always)}, {@code memory only}. */
    public String describe() {
        return memory ? "memory only (nothing survives a restart)" : dataDirectory + " (sync " + sync + ")";
    }
}
