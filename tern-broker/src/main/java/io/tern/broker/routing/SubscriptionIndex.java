package io.tern.broker.routing;

import io.tern.broker.session.Session;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The topic tree of all subscriptions: one node per topic level, the wildcards {@code +} and
 * {@code #} being levels of their own, so that finding the subscribers of a topic name walks as many
 * levels as the name has instead of scanning the subscriptions.
 *
 * <p>Lookups take no lock: children are concurrent maps and each node's subscribers an array that
 * writers replace. Writers (subscribe, unsubscribe) are serialized by one lock, which lets them prune
 * empty nodes safely.
 */
public final class SubscriptionIndex {
    private static final Subscriber[] NONE = new Subscriber[0];

    private final Node root = new Node();
    private final Object writeLock = new Object();
    private int count;

    /**
     * Adds a subscription, or replaces the session's subscription to the same filter.
     *
     * @return whether the session had no subscription to this filter before
     */
    public boolean subscribe(Subscriber subscriber) {
        String filter = subscriber.subscription().topicFilter();
        synchronized (writeLock) {
            Node node = root;
            int start = 0;
            while (true) {
                int end = filter.indexOf('/', start);
                String level = filter.substring(start, end < 0 ? filter.length() : end);
                node = node.children.computeIfAbsent(level, name -> new Node());
                if (end < 0) {
                    break;
                }
                start = end + 1;
            }
            boolean added = node.put(subscriber);
            if (added) {
                count++;
            }
            return added;
        }
    }

    /**
     * Removes the session's subscription to {@code filter}.
     *
     * @return whether there was one
     */
    public boolean unsubscribe(Session session, String filter) {
        synchronized (writeLock) {
            Node[] path = new Node[levelCount(filter) + 1];
            path[0] = root;
            int start = 0;
            int depth = 0;
            while (true) {
                int end = filter.indexOf('/', start);
                String level = filter.substring(start, end < 0 ? filter.length() : end);
                Node child = path[depth].children.get(level);
                if (child == null) {
                    return false;
                }
                path[++depth] = child;
                if (end < 0) {
                    break;
                }
                start = end + 1;
            }
            if (!path[depth].remove(session)) {
                return false;
            }
            count--;
            prune(path, depth, filter);
            return true;
        }
    }

    /** The number of subscriptions held. */
    public int size() {
        synchronized (writeLock) {
            return count;
        }
    }

    /**
     * Adds to {@code out} every subscription whose filter matches {@code topic}; a session with
     * several matching filters appears once for each.
     */
    public void match(String topic, List<Subscriber> out) {
        matchLevels(root, topic, 0, out, !topic.isEmpty() && topic.charAt(0) == '$');
    }

    private static void matchLevels(Node node, String topic, int start, List<Subscriber> out, boolean dollar) {
        boolean wildcardsApply = !(dollar && start == 0);
        if (wildcardsApply) {
            Node multi = node.children.get("#");
            if (multi != null) {
                multi.addTo(out);
            }
        }
        int end = topic.indexOf('/', start);
        boolean last = end < 0;
        if (last) {
            end = topic.length();
        }
        if (wildcardsApply) {
            Node single = node.children.get("+");
            if (single != null) {
                matched(single, topic, end, last, out, dollar);
            }
        }
        Node exact = node.children.get(topic.substring(start, end));
        if (exact != null) {
            matched(exact, topic, end, last, out, dollar);
        }
    }

    private static void matched(Node node, String topic, int end, boolean last, List<Subscriber> out,
                                boolean dollar) {
        if (last) {
            node.addTo(out);
            Node multi = node.children.get("#");
            if (multi != null) {
                multi.addTo(out); // "a/#" also matches "a"
            }
        } else {
            matchLevels(node, topic, end + 1, out, dollar);
        }
    }

    private static void prune(Node[] path, int depth, String filter) {
        int end = filter.length();
        for (int i = depth; i > 0 && path[i].isEmpty(); i--) {
            int start = filter.lastIndexOf('/', end - 1) + 1;
            path[i - 1].children.remove(filter.substring(start, end), path[i]);
            end = start - 1;
        }
    }

    private static int levelCount(String filter) {
        int levels = 1;
        for (int i = 0; i < filter.length(); i++) {
            if (filter.charAt(i) == '/') {
                levels++;
            }
        }
        return levels;
    }

    private static final class Node {
        final ConcurrentHashMap<String, Node> children = new ConcurrentHashMap<>(4);
        volatile Subscriber[] subscribers = NONE;

        boolean put(Subscriber subscriber) {
            Subscriber[] current = subscribers;
            for (int i = 0; i < current.length; i++) {
                if (current[i].session() == subscriber.session()) {
                    Subscriber[] copy = current.clone();
                    copy[i] = subscriber;
                    subscribers = copy;
                    return false;
                }
            }
            Subscriber[] grown = Arrays.copyOf(current, current.length + 1);
            grown[current.length] = subscriber;
            subscribers = grown;
            return true;
        }

        boolean remove(Session session) {
            Subscriber[] current = subscribers;
            for (int i = 0; i < current.length; i++) {
                if (current[i].session() == session) {
                    Subscriber[] shrunk = new Subscriber[current.length - 1];
                    System.arraycopy(current, 0, shrunk, 0, i);
                    System.arraycopy(current, i + 1, shrunk, i, current.length - i - 1);
                    subscribers = shrunk;
                    return true;
                }
            }
            return false;
        }

        boolean isEmpty() {
            return subscribers.length == 0 && children.isEmpty();
        }

        void addTo(List<Subscriber> out) {
            for (Subscriber subscriber : subscribers) {
                out.add(subscriber);
            }
        }
    }
}
