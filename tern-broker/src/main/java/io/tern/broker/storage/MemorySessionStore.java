package io.tern.broker.storage;

import io.tern.broker.routing.Message;
import io.tern.codec.QoS;
import io.tern.codec.packet.Subscription;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions kept in memory: they survive a broker that stops and starts again on the same store in
 * the same process (an embedding program, a test), not the process. Messages are held by
 * reference, never copied.
 */
public final class MemorySessionStore implements SessionStore {
    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();

    @Override
    public List<StoredSession> load() {
        List<StoredSession> result = new ArrayList<>();
        sessions.forEach((clientId, entry) -> {
            synchronized (entry) {
                List<StoredMessage> messages = new ArrayList<>();
                entry.messages.values().forEach(stored -> {
                    if (stored.message() != null) {
                        stored.message().retain();
                    }
                    messages.add(stored);
                });
                if (entry.will != null) {
                    entry.will.message().retain();
                }
                result.add(new StoredSession(clientId, entry.expirySeconds, entry.disconnectedAtMillis,
                        new ArrayList<>(entry.subscriptions.values()), messages, new HashSet<>(entry.inboundQos2),
                        entry.will));
            }
        });
        return result;
    }

    @Override
    public void saveSession(String clientId, long expirySeconds, long disconnectedAtMillis) {
        Entry entry = sessions.computeIfAbsent(clientId, id -> new Entry());
        synchronized (entry) {
            entry.expirySeconds = expirySeconds;
            entry.disconnectedAtMillis = disconnectedAtMillis;
        }
    }

    @Override
    public void deleteSession(String clientId) {
        Entry entry = sessions.remove(clientId);
        if (entry != null) {
            synchronized (entry) {
                entry.releaseMessages();
            }
        }
    }

    @Override
    public void saveSubscription(String clientId, Subscription subscription, int identifier) {
        update(clientId, entry -> entry.subscriptions.put(subscription.topicFilter(),
                new StoredSubscription(subscription, identifier)));
    }

    @Override
    public void deleteSubscription(String clientId, String topicFilter) {
        update(clientId, entry -> entry.subscriptions.remove(topicFilter));
    }

    @Override
    public void addMessage(String clientId, long sequence, Message message, QoS qos, boolean retain,
                           int[] subscriptionIdentifiers, String sharedFilter) {
        message.retain();
        if (!update(clientId, entry -> entry.messages.put(sequence,
                new StoredMessage(sequence, message, qos, retain, 0, subscriptionIdentifiers, sharedFilter)))) {
            message.release();
        }
    }

    @Override
    public void messageSent(String clientId, long sequence, int packetId) {
        update(clientId, entry -> entry.messages.computeIfPresent(sequence, (key, stored) ->
                new StoredMessage(sequence, stored.message(), stored.qos(), stored.retain(), packetId,
                        stored.subscriptionIdentifiers(), stored.sharedFilter())));
    }

    @Override
    public void messageReceived(String clientId, long sequence) {
        update(clientId, entry -> entry.messages.computeIfPresent(sequence, (key, stored) -> {
            if (stored.message() != null) {
                stored.message().release();
            }
            return new StoredMessage(sequence, null, stored.qos(), stored.retain(), stored.packetId(),
                    stored.subscriptionIdentifiers(), stored.sharedFilter());
        }));
    }

    @Override
    public void removeMessage(String clientId, long sequence) {
        update(clientId, entry -> {
            StoredMessage stored = entry.messages.remove(sequence);
            if (stored != null && stored.message() != null) {
                stored.message().release();
            }
        });
    }

    @Override
    public void saveInboundQos2(String clientId, int packetId) {
        update(clientId, entry -> entry.inboundQos2.add(packetId));
    }

    @Override
    public void deleteInboundQos2(String clientId, int packetId) {
        update(clientId, entry -> entry.inboundQos2.remove(packetId));
    }

    @Override
    public void saveWill(String clientId, StoredWill will) {
        will.message().retain();
        if (!update(clientId, entry -> {
            entry.releaseWill();
            entry.will = will;
        })) {
            will.message().release();
        }
    }

    @Override
    public void deleteWill(String clientId) {
        update(clientId, Entry::releaseWill);
    }

    @Override
    public void close() {
        sessions.values().forEach(entry -> {
            synchronized (entry) {
                entry.releaseMessages();
            }
        });
        sessions.clear();
    }

    /** Applies a change to a stored session; returns false if the session is not stored. */
    private boolean update(String clientId, java.util.function.Consumer<Entry> change) {
        Entry entry = sessions.get(clientId);
        if (entry == null) {
            return false;
        }
        synchronized (entry) {
            change.accept(entry);
        }
        return true;
    }

    private static final class Entry {
        long expirySeconds;
        long disconnectedAtMillis;
        final Map<String, StoredSubscription> subscriptions = new LinkedHashMap<>();
        final TreeMap<Long, StoredMessage> messages = new TreeMap<>();
        final Set<Integer> inboundQos2 = new HashSet<>();
        StoredWill will;

        void releaseWill() {
            if (will != null) {
                will.message().release();
                will = null;
            }
        }

        void releaseMessages() {
            releaseWill();
            messages.values().forEach(stored -> {
                if (stored.message() != null) {
                    stored.message().release();
                }
            });
            messages.clear();
        }
    }
}
