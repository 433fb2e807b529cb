package io.tern.broker.storage;

import java.util.List;
import java.util.Set;

/**
 * A session as a {@link SessionStore} gives it back.
 *
 * @param clientId             the client identifier
 * @param expirySeconds        how long it outlives its connection
 * @param disconnectedAtMillis when its connection ended (epoch milliseconds), 0 if it was connected
 *                             when the broker stopped
 * @param subscriptions        its subscriptions
 * @param messages             its queued and in-flight messages in their order
 * @param inboundQos2          packet identifiers of QoS 2 messages from the client awaiting PUBREL
 * @param will                 its will waiting for its delay, or {@code null}
 */
public record StoredSession(String clientId, long expirySeconds, long disconnectedAtMillis,
                            List<StoredSubscription> subscriptions, List<StoredMessage> messages,
                            Set<Integer> inboundQos2, StoredWill will) {
}
