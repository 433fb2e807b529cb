package io.tern.client.persistence;

import io.tern.client.Message;
import java.util.List;

/** In-memory persistence: the client's own queues hold the messages, so the store keeps nothing. */
final class MemoryPersistence implements Persistence, InFlightStore {
    static final MemoryPersistence INSTANCE = new MemoryPersistence();

    private MemoryPersistence() {
    }

    @Override
    public boolean isDurable() {
        return false;
    }

    @Override
    public InFlightStore open(String clientId) {
        return this;
    }

    @Override
    public List<StoredPublish> load() {
        return List.of();
    }

    @Override
    public void add(long key, Message message) {
        // the client's in-flight window and queues are the memory store
    }

    @Override
    public void sent(long key, int packetId) {
        // nothing kept
    }

    @Override
    public void released(long key) {
        // nothing kept
    }

    @Override
    public void remove(long key) {
        // nothing kept
    }

    @Override
    public void close() {
        // nothing held
    }

    @Override
    public String toString() {
        return "memory";
    }
}
