package io.tern.broker.storage;

import io.tern.broker.retained.MemoryRetainedStore;
import io.tern.broker.retained.RetainedStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rocksdb.CompressionType;
import org.rocksdb.Env;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.SstFileManager;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions and retained messages in one RocksDB directory, so that they survive the process, synced
 * together.
 *
 * <p>Writes go to RocksDB's write-ahead log without a sync, from whatever thread makes them (event
 * loops included: a write only appends to memory). {@link #sync()} then makes all of them durable
 * at once: with {@link SyncPolicy.Mode#ALWAYS} and {@link SyncPolicy.Mode#BATCH} the log is kept in
 * memory until then ({@code manual_wal_flush}) and written and fsynced in one go; with
 * {@link SyncPolicy.Mode#NONE} every write reaches the operating system at once and is never synced
 * by Tern.
 *
 * <p>Every key starts with one byte naming its kind; {@code 0x00 "format-version"} holds the format
 * version (4 bytes, big-endian). A directory of format 2 is upgraded at open; one with another
 * version, or with data and no version, is refused at open, never rewritten.
 *
 * <p>A write that fails (a full disk, or the quota reached) is logged once and makes
 * {@link #failure()} non-null: the broker then refuses what it cannot keep, until it is restarted; the
 * storage does not try to recover by itself, since what failed to be written is lost already.
 */
public final class RocksDbStorage implements Storage {
    /**
     * The format this class writes and reads; 2 added subscription identifiers to stored messages, 3
     * the shared subscription a stored message is delivered for.
     */
    public static final int FORMAT_VERSION = 3;
    /**
     * The oldest format this class upgrades at open: format 3 only adds a field that a flag announces,
     * so a format 2 store reads as it is, and taking it over is writing the new version.
     */
    static final int OLDEST_UPGRADED_FORMAT = 2;

    static final byte KIND_META = 0x00;
    private static final byte[] FORMAT_VERSION_KEY = ("\0format-version").getBytes(StandardCharsets.US_ASCII);
    /** RocksDB's default memtable size, the most a quota lets one take. */
    private static final long MEMTABLE_BYTES = 64L << 20;
    /** The least a quota lets a memtable take, for few and not tiny table files. */
    private static final long MIN_MEMTABLE_BYTES = 64L << 10;
    /** Read ahead this much when reading the whole store at start: recovery reads sequentially. */
    private static final long RECOVERY_READAHEAD = 4L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(RocksDbStorage.class);

    static {
        RocksDB.loadLibrary();
    }

    private final Path directory;
    private final SyncPolicy policy;
    private final Options options;
    /** Enforces the quota, or {@code null} without one. */
    private final SstFileManager quota;
    private final WriteOptions writeOptions;
    private final RocksDB db;
    private final RocksDbSessionStore sessions;
    private volatile RetainedStore retained;
    private volatile StorageFailure failure;
    private volatile boolean closed;

    /**
     * Opens the storage in {@code directory}, creating it if it does not exist.
     *
     * @throws IllegalStateException naming the directory if another process has it open, it holds a
     *                               store of another format version, or RocksDB cannot open it
     */
    public RocksDbStorage(Path directory, SyncPolicy policy) {
        this(directory, policy, 0);
    }

    /**
     * Opens the storage in {@code directory} as {@link #RocksDbStorage(Path, SyncPolicy)} does, with a
     * quota: once its table files take more than {@code quotaBytes}, writes fail as on a full disk (and
     * the broker refuses QoS 1 and 2 messages). The write-ahead log, which RocksDB bounds itself, is not
     * counted; memtables are made small enough that the quota is checked well before it is exceeded.
     *
     * @param quotaBytes the most the table files may take, 0 for no quota
     */
    public RocksDbStorage(Path directory, SyncPolicy policy, long quotaBytes) {
        if (quotaBytes < 0) {
            throw new IllegalArgumentException("quotaBytes must not be negative, not " + quotaBytes);
        }
        this.directory = directory;
        this.policy = policy;
        Options dbOptions = new Options().setCreateIfMissing(true)
                .setManualWalFlush(policy.mode() != SyncPolicy.Mode.NONE)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setKeepLogFileNum(3);
        SstFileManager sstFiles = null;
        RocksDB opened = null;
        try {
            Files.createDirectories(directory);
            if (quotaBytes > 0) {
                sstFiles = new SstFileManager(Env.getDefault());
                sstFiles.setMaxAllowedSpaceUsage(quotaBytes);
                dbOptions.setSstFileManager(sstFiles)
                        .setWriteBufferSize(Math.max(MIN_MEMTABLE_BYTES, Math.min(MEMTABLE_BYTES, quotaBytes / 4)));
            }
            opened = RocksDB.open(dbOptions, directory.toString());
            checkFormat(opened);
        } catch (Exception | Error e) {
            if (opened != null) {
                opened.close();
            }
            dbOptions.close();
            if (sstFiles != null) {
                sstFiles.close();
            }
            if (e instanceof DataDirectoryException refused) {
                throw refused;
            }
            String message = String.valueOf(e.getMessage());
            if (message.contains("lock") && message.contains("LOCK")) {
                throw new DataDirectoryException("data directory " + directory
                        + " is in use by another broker (its LOCK file is held)", e);
            }
            throw new DataDirectoryException("cannot open the data directory " + directory + ": " + message, e);
        }
        this.options = dbOptions;
        this.quota = sstFiles;
        this.db = opened;
        this.writeOptions = new WriteOptions().setSync(false);
        this.sessions = new RocksDbSessionStore(this);
    }

    /** Opens the storage in {@code directory}, syncing before every acknowledgement. */
    public RocksDbStorage(Path directory) {
        this(directory, SyncPolicy.always());
    }

    private void checkFormat(RocksDB opened) throws RocksDBException {
        byte[] version = opened.get(FORMAT_VERSION_KEY);
        if (version == null) {
            try (RocksIterator iterator = opened.newIterator()) {
                iterator.seekToFirst();
                if (iterator.isValid()) {
                    throw new DataDirectoryException("the data directory " + directory
                            + " holds data without a format version; this broker reads format version "
                            + FORMAT_VERSION + " and leaves the directory as it is", null);
                }
            }
            try (WriteOptions synced = new WriteOptions().setSync(true)) {
                opened.put(synced, FORMAT_VERSION_KEY, intBytes(FORMAT_VERSION));
            }
            return;
        }
        int found = version.length == 4
                ? (version[0] & 0xFF) << 24 | (version[1] & 0xFF) << 16 | (version[2] & 0xFF) << 8 | version[3] & 0xFF
                : -1;
        if (found >= OLDEST_UPGRADED_FORMAT && found < FORMAT_VERSION) {
            try (WriteOptions synced = new WriteOptions().setSync(true)) {
                opened.put(synced, FORMAT_VERSION_KEY, intBytes(FORMAT_VERSION));
            }
            LOG.info("Data directory {}: upgraded from format version {} to {}", directory, found, FORMAT_VERSION);
        } else if (found != FORMAT_VERSION) {
            throw new DataDirectoryException("the data directory " + directory + " has format version "
                    + (found == -1 ? "unreadable (" + version.length + " bytes)" : found)
                    + "; this broker reads format version " + FORMAT_VERSION
                    + " and leaves the directory as it is"
                    + (found > FORMAT_VERSION ? " (it was written by a newer Tern)" : ""), null);
        }
    }

    /** The directory of the storage. */
    public Path directory() {
        return directory;
    }

    @Override
    public RocksDbSessionStore sessions() {
        return sessions;
    }

    /** The retained messages: read into memory on first use, written through to RocksDB. */
    @Override
    public synchronized RetainedStore retained() {
        if (retained == null) {
            retained = RocksDbRetainedStore.load(this, new MemoryRetainedStore());
        }
        return retained;
    }

    @Override
    public SyncPolicy syncPolicy() {
        return policy;
    }

    @Override
    public void sync() throws StorageFailure {
        StorageFailure failed = failure;
        if (failed != null) {
            throw failed;
        }
        ensureOpen();
        try {
            db.flushWal(true);
        } catch (RocksDBException e) {
            throw failed("sync", e);
        }
    }

    @Override
    public StorageFailure failure() {
        return failure;
    }

    /** Closes RocksDB after a last sync; what was written stays in the directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        if (retained != null) {
            retained.close();
        }
        if (failure == null) {
            try {
                db.flushWal(true);
            } catch (RocksDBException e) {
                LOG.warn("Data directory {}: last sync failed: {}", directory, e.getMessage());
            }
        }
        closed = true;
        writeOptions.close();
        db.close();
        options.close();
        if (quota != null) {
            quota.close();
        }
    }

    // ---- for the stores of this storage ----

    void put(byte[] key, byte[] value) {
        ensureOpen();
        try {
            db.put(writeOptions, key, value);
        } catch (RocksDBException e) {
            failed("write", e);
        }
    }

    void delete(byte[] key) {
        ensureOpen();
        try {
            db.delete(writeOptions, key);
        } catch (RocksDBException e) {
            failed("delete", e);
        }
    }

    void write(WriteBatch batch) {
        ensureOpen();
        try {
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            failed("write", e);
        }
    }

    /** The value of {@code key}, or {@code null} if there is none or it cannot be read. */
    byte[] get(byte[] key) {
        ensureOpen();
        try {
            return db.get(key);
        } catch (RocksDBException e) {
            failed("read", e);
            return null;
        }
    }

    /** An iterator for reading much of the store in order, as at start; the caller closes both. */
    ReadOptions recoveryReads() {
        ensureOpen();
        return new ReadOptions().setReadaheadSize(RECOVERY_READAHEAD).setFillCache(false);
    }

    RocksIterator iterator(ReadOptions reads) {
        ensureOpen();
        return db.newIterator(reads);
    }

    /** The record at {@code key} cannot be read: the broker stops rather than drop it. */
    DataDirectoryException unreadable(byte[] key, RuntimeException e) {
        return new DataDirectoryException("the data directory " + directory + " holds a record that this broker "
                + "cannot read (key " + java.util.HexFormat.of().formatHex(key, 0, Math.min(key.length, 64))
                + "): " + e + "; the directory is left as it is", e);
    }

    /** A closed RocksDB handle must not reach native code, which would crash the process. */
    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the data directory " + directory + " is closed");
        }
    }

    /** Records the first failure, logging it once: the broker refuses what it cannot keep from now on. */
    private StorageFailure failed(String what, RocksDBException e) {
        StorageFailure failed = new StorageFailure("data directory " + directory + ": cannot " + what + ": "
                + e.getMessage(), e);
        synchronized (this) {
            if (failure != null) {
                return failure;
            }
            failure = failed;
        }
        LOG.error("{}; QoS 1 and 2 messages are refused from now on (restart the broker once the cause, a full "
                + "disk say, is fixed)", failed.getMessage());
        return failed;
    }

    static byte[] intBytes(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }
}
