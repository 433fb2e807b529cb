package io.tern.broker.routing;

import io.tern.broker.session.Session;
import java.util.Arrays;

/**
 * Copy-on-write arrays of subscribers, at most one per session, as the topic index and shared
 * subscription groups hold them: readers take the array they see without a lock; writers, serialized
 * by the index's lock, publish a new array.
 */
final class SubscriberArrays {
    static final Subscriber[] NONE = new Subscriber[0];

    private SubscriberArrays() {
    }

    /**
     * {@code current} with {@code subscriber} in place of the session's element, or added at the end if
     * the session has none: a new array, longer than {@code current} only if it was added.
     */
    static Subscriber[] put(Subscriber[] current, Subscriber subscriber) {
        for (int i = 0; i < current.length; i++) {
            if (current[i].session() == subscriber.session()) {
                Subscriber[] copy = current.clone();
                copy[i] = subscriber;
                return copy;
            }
        }
        Subscriber[] grown = Arrays.copyOf(current, current.length + 1);
        grown[current.length] = subscriber;
        return grown;
    }

    /** {@code current} without the session's element: a new, shorter array, or {@code current} if it has none. */
    static Subscriber[] remove(Subscriber[] current, Session session) {
        for (int i = 0; i < current.length; i++) {
            if (current[i].session() == session) {
                Subscriber[] shrunk = new Subscriber[current.length - 1];
                System.arraycopy(current, 0, shrunk, 0, i);
                System.arraycopy(current, i + 1, shrunk, i, current.length - i - 1);
                return shrunk;
            }
        }
        return current;
    }
}
