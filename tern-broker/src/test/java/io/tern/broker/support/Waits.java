package io.tern.broker.support;

import io.tern.broker.TernBroker;
import io.tern.broker.session.Session;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** How long broker tests wait, and waits on the broker's session state. */
public final class Waits {
    /** How long a test waits for something that should happen; generous for loaded machines. */
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Waits() {
    }

    /**
     * Waits until the session of {@code clientId} exists with no connection attached, as seen on the
     * session's own event loop: the connection's end has been handled (its will handed to the
     * router) and later deliveries go to the session's queue.
     */
    public static void awaitDetached(TernBroker broker, String clientId) {
        Awaitility.await().atMost(TIMEOUT).until(() -> {
            Session session = broker.sessions().get(clientId);
            if (session == null) {
                return false;
            }
            CompletableFuture<Boolean> detached = new CompletableFuture<>();
            session.execute(() -> detached.complete(session.isAttachedTo(null)));
            return detached.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    /**
     * Waits until the broker holds no session for {@code clientId}: a clean session whose connection
     * ended has then been discarded, its will (if any) already handed to the router.
     */
    public static void awaitSessionGone(TernBroker broker, String clientId) {
        Awaitility.await().atMost(TIMEOUT).until(() -> broker.sessions().get(clientId) == null);
    }
}
