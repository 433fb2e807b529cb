package io.tern.broker.storage;

import io.tern.broker.routing.Message;
import io.tern.codec.QoS;
import io.tern.codec.packet.Subscription;
import java.util.List;

/**
 * What the broker keeps of the sessions that outlive their connection (clean session 0, or an
 * MQTT 5 session expiry above 0), so that a broker started on the same store resumes them: the
 * session and its expiry, its subscriptions, the QoS 1/2 messages queued for it or in flight to
 * it, the packet identifiers of QoS 2 messages it sent that await PUBREL, and its will while it
 * waits for its delay.
 *
 * <p>A session is written by one event loop at a time, in the order of its changes; different
 * sessions are written from different loops at once. Sessions that end with their connection are
 * never written.
 */
public interface SessionStore extends AutoCloseable {
    /**
     * The stored sessions, to restore at start. Each message of the result holds a reference the
     * caller releases.
     */
    List<StoredSession> load();

    /**
     * Records a session and how long it outlives its connection.
     *
     * @param disconnectedAtMillis when its connection ended (epoch milliseconds), or 0 while connected
     */
    void saveSession(String clientId, long expirySeconds, long disconnectedAtMillis);

    /** Forgets a session and everything stored with it. */
    void deleteSession(String clientId);

    /** Records a subscription, replacing one to the same filter. */
    void saveSubscription(String clientId, Subscription subscription, int identifier);

    /** Forgets a subscription. */
    void deleteSubscription(String clientId, String topicFilter);

    /**
     * Records a message queued for the client; the store takes its own reference if it keeps the
     * message in memory.
     *
     * @param sequence                the message's place in the session's order, increasing
     * @param subscriptionIdentifiers the MQTT 5 subscription identifiers it is delivered for; not changed later
     * @param sharedFilter            the shared subscription it is delivered for, or {@code null}
     */
    void addMessage(String clientId, long sequence, Message message, QoS qos, boolean retain,
                    int[] subscriptionIdentifiers, String sharedFilter);

    /** The message was sent with this packet identifier and awaits PUBACK or PUBREC. */
    void messageSent(String clientId, long sequence, int packetId);

    /** PUBREC came for the message: only its packet identifier is needed now, for PUBREL. */
    void messageReceived(String clientId, long sequence);

    /** The message is delivered (PUBACK, PUBCOMP) or dropped. */
    void removeMessage(String clientId, long sequence);

    /** A QoS 2 PUBLISH from the client was routed; its packet identifier awaits PUBREL. */
    void saveInboundQos2(String clientId, int packetId);

    /** PUBREL came: the packet identifier is free. */
    void deleteInboundQos2(String clientId, int packetId);

    /**
     * Records the will of the session's ended connection, waiting for its delay, replacing any; the
     * store takes its own reference to the message if it keeps it in memory.
     */
    void saveWill(String clientId, StoredWill will);

    /** The will was published, or its session resumed before its delay: forgets it. */
    void deleteWill(String clientId);

    /** Releases what the store holds in memory; what it wrote stays. */
    @Override
    void close();
}
