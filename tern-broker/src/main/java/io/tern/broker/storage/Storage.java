package io.tern.broker.storage;

import io.tern.broker.retained.RetainedStore;

/**
 * Where a broker keeps what must outlive its process: the sessions and the retained messages, in
 * one place that syncs them together. The broker that is given a storage closes it.
 */
public interface Storage extends AutoCloseable {
    /** The sessions that outlive their connections. */
    SessionStore sessions();

    /** The retained messages. */
    RetainedStore retained();

    /** When writes are synced, and so when QoS 1 and 2 messages are acknowledged. */
    SyncPolicy syncPolicy();

    /**
     * Makes every write made so far, from any thread, durable (fsync). Called from one thread at a
     * time, never an event loop.
     *
     * @throws StorageFailure if a write or the sync failed: what was written may be lost
     */
    void sync() throws StorageFailure;

    /**
     * The failure that stops the storage from keeping new writes (a full disk, say), or {@code null}
     * while it keeps them. Safe from any thread.
     */
    StorageFailure failure();

    /** Releases what the storage holds; what it synced stays. */
    @Override
    void close();
}
