package io.tern.broker.session;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.tern.broker.BrokerConfig;
import io.tern.broker.routing.SubscriptionIndex;
import io.tern.broker.storage.DeliveriesInTransit;
import io.tern.broker.storage.SessionStore;
import io.tern.broker.storage.StoredSession;
import io.tern.broker.sys.BrokerMetrics;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/** All sessions of the broker by client identifier, and the rules for opening one. */
public final class SessionRegistry {
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final SubscriptionIndex index;
    private final BrokerConfig config;
    private final BrokerMetrics metrics;
    private final SessionStore store;
    private final DeliveriesInTransit transit = new DeliveriesInTransit();
    private volatile WillPublisher wills = (client, will) -> will.release();

    /**
     * A registry whose sessions subscribe in {@code index}, count their drops in {@code metrics} and
     * keep what outlives their connections in {@code store}.
     */
    public SessionRegistry(SubscriptionIndex index, BrokerConfig config, BrokerMetrics metrics, SessionStore store) {
        this.index = index;
        this.config = config;
        this.metrics = metrics;
        this.store = store;
    }

    /** Sets who publishes the wills that sessions delayed; call before {@link #restore}. */
    public void publishWillsWith(WillPublisher publisher) {
        this.wills = publisher;
    }

    /** The deliveries that follow their sessions to another loop, for the broker's {@code GroupCommit}. */
    public DeliveriesInTransit transit() {
        return transit;
    }

    WillPublisher wills() {
        return wills;
    }

    /**
     * Takes back the sessions of the store, offline, spread over {@code loops}; call before the
     * broker accepts connections.
     *
     * @return the number of sessions restored
     */
    public int restore(EventLoopGroup loops) {
        int count = 0;
        for (StoredSession stored : store.load()) {
            Session session = new Session(stored.clientId(), loops.next(), this, index, config, metrics, store);
            sessions.put(stored.clientId(), session);
            session.restore(stored);
            count++;
        }
        return count;
    }

    /**
     * Opens the session of a client that connects: resumes the existing one unless a clean start is
     * asked for, after closing the connection that holds it; or creates one. Call on the
     * connection's loop; {@code attached} is called there with the session and whether it existed.
     *
     * @param expirySeconds how long the session outlives this connection: 0 for not at all,
     *                      {@link BrokerConfig#NEVER_EXPIRE} for ever
     */
    public void open(ClientConnection connection, EventLoop loop, String clientId, boolean cleanStart,
                     long expirySeconds, BiConsumer<Session, Boolean> attached) {
        Session fresh = new Session(clientId, loop, this, index, config, metrics, store);
        Session existing = sessions.putIfAbsent(clientId, fresh);
        if (existing == null) {
            fresh.attach(connection, expirySeconds);
            attached.accept(fresh, false);
            return;
        }
        existing.execute(() -> existing.takeOver(connection, loop, cleanStart, expirySeconds, attached));
    }

    /** The session of a client identifier, or {@code null}. */
    public Session get(String clientId) {
        return sessions.get(clientId);
    }

    /** The number of sessions, connected or not. */
    public int size() {
        return sessions.size();
    }

    /**
     * Releases the messages every session holds in memory, each on its own event loop, for a broker
     * that stops; the store keeps what it stored. Call before the event loops shut down (they run
     * these tasks first).
     */
    public void releaseAll() {
        sessions.values().forEach(session -> session.execute(session::release));
    }

    void remove(Session session) {
        sessions.remove(session.clientId(), session);
    }
}
