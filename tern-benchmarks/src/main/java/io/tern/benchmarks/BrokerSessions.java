package io.tern.benchmarks;

import io.netty.channel.EventLoop;
import io.tern.broker.BrokerConfig;
import io.tern.broker.routing.SubscriptionIndex;
import io.tern.broker.session.ClientConnection;
import io.tern.broker.session.Session;
import io.tern.broker.session.SessionRegistry;
import io.tern.broker.storage.MemorySessionStore;
import io.tern.broker.sys.BrokerMetrics;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Real broker sessions built through the broker's public API, as a connection opens them: a
 * {@link SessionRegistry} with the default configuration and an in-memory store, on one event loop.
 */
final class BrokerSessions {
    private final SessionRegistry registry;
    private final EventLoop loop;
    private final BrokerMetrics metrics = new BrokerMetrics();

    BrokerSessions(SubscriptionIndex index, EventLoop loop) {
        this.registry = new SessionRegistry(index, BrokerConfig.defaults(), metrics, new MemorySessionStore());
        this.loop = loop;
    }

    BrokerMetrics metrics() {
        return metrics;
    }

    /**
     * Opens a session for {@code connection}, attached to it. Call on the loop (an embedded loop
     * is always current).
     *
     * @param expirySeconds 0 for a clean session (nothing stored), more for one that outlives its connection
     */
    Session open(String clientId, ClientConnection connection, long expirySeconds) {
        AtomicReference<Session> opened = new AtomicReference<>();
        registry.open(connection, loop, clientId, true, expirySeconds, (session, present) -> opened.set(session));
        Session session = opened.get();
        if (session == null) {
            throw new IllegalStateException("session of " + clientId + " was not opened at once on " + loop);
        }
        return session;
    }
}
