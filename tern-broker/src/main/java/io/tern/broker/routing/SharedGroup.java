package io.tern.broker.routing;

import io.tern.broker.session.Readiness;
import io.tern.broker.session.Session;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sessions subscribed to one shared subscription, {@code $share/{ShareName}/{filter}} (MQTT 5.0
 * section 4.8.2, accepted from MQTT 3.1.1 clients too): each matching message goes to one of them.
 *
 * <p>The member is chosen round robin, skipping members that cannot take the message at once (offline,
 * or a full in-flight window) when another can: the first {@link Readiness#READY} member from the turn
 * on, else the first {@link Readiness#BUSY} one, else the member whose turn it is, which queues the
 * message while offline. Readiness is a hint each session publishes from its own event loop; choosing
 * takes no lock and allocates nothing.
 *
 * <p>Members change under the lock of the {@link SubscriptionIndex} that holds the group.
 */
public final class SharedGroup {
    private final String filter;
    private volatile Subscriber[] members = SubscriberArrays.NONE;
    private final AtomicInteger turn = new AtomicInteger();

    /** An empty group for the shared subscription filter {@code filter}, {@code $share/{ShareName}/{filter}}. */
    SharedGroup(String filter) {
        this.filter = filter;
    }

    /** The shared subscription filter, {@code $share/{ShareName}/{filter}}, as members subscribe with it. */
    public String filter() {
        return filter;
    }

    /**
     * Adds a member, or replaces the session's membership (new options).
     *
     * @return whether the session was not a member before
     */
    boolean put(Subscriber subscriber) {
        Subscriber[] current = members;
        Subscriber[] next = SubscriberArrays.put(current, subscriber.inGroup(this));
        members = next;
        return next.length > current.length;
    }

    /** Removes the session's membership; returns whether it was a member. */
    boolean remove(Session session) {
        Subscriber[] current = members;
        Subscriber[] next = SubscriberArrays.remove(current, session);
        members = next;
        return next != current;
    }

    /** Whether no session is a member. */
    boolean isEmpty() {
        return members.length == 0;
    }

    /**
     * The member to deliver the next message to, or {@code null} if the group has none. Safe from any
     * thread.
     */
    Subscriber choose() {
        Subscriber[] current = members;
        int count = current.length;
        if (count == 0) {
            return null;
        }
        int i = Math.floorMod(turn.getAndIncrement(), count);
        Subscriber chosen = current[i];
        Readiness best = chosen.session().readiness();
        for (int seen = 1; seen < count && best != Readiness.READY; seen++) {
            i = i + 1 == count ? 0 : i + 1;
            Readiness readiness = current[i].session().readiness();
            if (readiness.compareTo(best) > 0) {
                chosen = current[i];
                best = readiness;
            }
        }
        return chosen;
    }

    /**
     * Gives a message to one member, from any thread: one that a member could not take because it left
     * the group (unsubscribed, or its session ended) before delivering it. Dropped if no member is left.
     * The caller keeps its own reference.
     *
     * @return whether a member took it
     */
    public boolean deliver(Message message) {
        Subscriber chosen = choose();
        if (chosen == null) {
            return false;
        }
        chosen.session().offer(message, chosen);
        return true;
    }

    @Override
    public String toString() {
        return "SharedGroup[" + filter + ", " + members.length + " members]";
    }
}
