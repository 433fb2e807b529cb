package io.tern.broker.support;

import io.tern.broker.retained.MemoryRetainedStore;
import io.tern.broker.retained.RetainedStore;
import io.tern.broker.storage.MemorySessionStore;
import io.tern.broker.storage.SessionStore;
import io.tern.broker.storage.Storage;
import io.tern.broker.storage.StorageFailure;
import io.tern.broker.storage.StoredMessage;
import io.tern.broker.storage.StoredSession;
import io.tern.broker.storage.SyncPolicy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Storage} in memory whose syncs the test lets through one by one, and that can be made to
 * fail as a full disk would: to see what a broker does before, after and without a sync. At each
 * sync it notes how many messages each stored session holds, to check what a sync covered.
 */
public final class GatedStorage implements Storage {
    private final MemorySessionStore sessions = new MemorySessionStore();
    private final MemoryRetainedStore retained = new MemoryRetainedStore();
    private final SyncPolicy policy;
    private final Semaphore syncs = new Semaphore(0);
    private final AtomicInteger syncsStarted = new AtomicInteger();
    private final Map<String, Integer> messagesAtLastSync = new ConcurrentHashMap<>();
    private volatile StorageFailure failure;
    private volatile boolean failSyncs;

    /** A storage whose syncs wait for {@link #allowSyncs}. */
    public GatedStorage(SyncPolicy policy) {
        this.policy = policy;
    }

    /** Lets {@code count} more syncs complete. */
    public void allowSyncs(int count) {
        syncs.release(count);
    }

    /** Lets every sync complete from now on. */
    public void allowAllSyncs() {
        syncs.release(1_000_000);
    }

    /** How many syncs have begun. */
    public int syncsStarted() {
        return syncsStarted.get();
    }

    /** How many messages the stored session of {@code clientId} held when the latest sync began. */
    public Integer messagesAtLastSync(String clientId) {
        return messagesAtLastSync.get(clientId);
    }

    /** From now on the storage keeps nothing new, as after a write failed on a full disk. */
    public void failWrites() {
        failure = new StorageFailure("test: no space left on device", null);
    }

    /** From now on syncs fail, as a sync on a failing disk does, without a failure known before. */
    public void failSyncs() {
        failSyncs = true;
    }

    @Override
    public SessionStore sessions() {
        return sessions;
    }

    @Override
    public RetainedStore retained() {
        return retained;
    }

    @Override
    public SyncPolicy syncPolicy() {
        return policy;
    }

    @Override
    public void sync() throws StorageFailure {
        syncsStarted.incrementAndGet();
        List<StoredSession> stored = sessions.load();
        for (StoredSession session : stored) {
            messagesAtLastSync.put(session.clientId(), session.messages().size());
            for (StoredMessage message : session.messages()) {
                if (message.message() != null) {
                    message.message().release();
                }
            }
        }
        try {
            if (!syncs.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new StorageFailure("test: the sync was never allowed", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageFailure("test: interrupted", e);
        }
        if (failure != null) {
            throw failure;
        }
        if (failSyncs) {
            throw new StorageFailure("test: fsync failed", null);
        }
    }

    @Override
    public StorageFailure failure() {
        return failure;
    }

    @Override
    public void close() {
        syncs.release(1_000_000);
        sessions.close();
        retained.close();
    }
}
