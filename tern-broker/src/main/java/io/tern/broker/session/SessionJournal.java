package io.tern.broker.session;

import io.tern.broker.routing.Message;
import io.tern.broker.routing.SharedGroup;
import io.tern.broker.storage.SessionStore;
import io.tern.broker.storage.StoredWill;
import io.tern.codec.QoS;
import io.tern.codec.packet.Subscription;

/**
 * Writes one session's changes to the {@link SessionStore} while the session is one that outlives
 * its connection; a session that ends with its connection writes nothing.
 */
final class SessionJournal {
    private final SessionStore store;
    private final String clientId;
    private boolean enabled;

    SessionJournal(SessionStore store, String clientId, boolean enabled) {
        this.store = store;
        this.clientId = clientId;
        this.enabled = enabled;
    }

    /** A connection attached with this expiry: the session is stored if it outlives it, forgotten if not. */
    void attached(long expirySeconds) {
        if (expirySeconds > 0) {
            enabled = true;
            store.saveSession(clientId, expirySeconds, 0);
        } else if (enabled) {
            enabled = false;
            store.deleteSession(clientId);
        }
    }

    /** A session taken back from the store: already stored, its changes are written from now on. */
    void restored() {
        enabled = true;
    }

    /** The connection ended at {@code atMillis} (epoch milliseconds): the expiry counts from then. */
    void detached(long expirySeconds, long atMillis) {
        if (enabled) {
            store.saveSession(clientId, expirySeconds, atMillis);
        }
    }

    void discarded() {
        if (enabled) {
            enabled = false;
            store.deleteSession(clientId);
        }
    }

    void subscribed(Subscription subscription, int identifier) {
        if (enabled) {
            store.saveSubscription(clientId, subscription, identifier);
        }
    }

    void unsubscribed(String topicFilter) {
        if (enabled) {
            store.deleteSubscription(clientId, topicFilter);
        }
    }

    void added(long sequence, Message message, QoS qos, boolean retain, int[] subscriptionIdentifiers,
               SharedGroup group) {
        if (enabled) {
            store.addMessage(clientId, sequence, message, qos, retain, subscriptionIdentifiers,
                    group == null ? null : group.filter());
        }
    }

    void sent(long sequence, int packetId) {
        if (enabled) {
            store.messageSent(clientId, sequence, packetId);
        }
    }

    void received(long sequence) {
        if (enabled) {
            store.messageReceived(clientId, sequence);
        }
    }

    void removed(long sequence) {
        if (enabled) {
            store.removeMessage(clientId, sequence);
        }
    }

    void inboundQos2(int packetId) {
        if (enabled) {
            store.saveInboundQos2(clientId, packetId);
        }
    }

    void willPending(StoredWill will) {
        if (enabled) {
            store.saveWill(clientId, will);
        }
    }

    void willGone() {
        if (enabled) {
            store.deleteWill(clientId);
        }
    }

    void inboundQos2Released(int packetId) {
        if (enabled) {
            store.deleteInboundQos2(clientId, packetId);
        }
    }
}
