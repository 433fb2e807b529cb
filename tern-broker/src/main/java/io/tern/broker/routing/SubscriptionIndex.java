package io.tern.broker.routing;

import io.tern.broker.session.Session;
import io.tern.codec.topic.SharedSubscription;
import io.tern.codec.topic.Topics;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The topic tree of all subscriptions: one node per topic level, the wildcards {@code +} and
 * {@code #} being levels of their own, so that finding the subscribers of a topic name walks as many
 * levels as the name has instead of scanning the subscriptions. A shared subscription,
 * {@code $share/{ShareName}/{filter}}, is a member of the {@link SharedGroup} of its share name at the
 * node of its {@code filter}.
 *
 * <p>Lookups take no lock: children are concurrent maps and each node's subscribers and groups arrays
 * that writers replace. Writers (subscribe, unsubscribe) are serialized by one lock, which lets them
 * prune empty nodes safely.
 */
public final class SubscriptionIndex {
    private static final SharedGroup[] NO_GROUPS = new SharedGroup[0];

    private final Node root = new Node();
    private final Object writeLock = new Object();
    private int count;

    /**
     * Adds a subscription, or replaces the session's subscription to the same filter. A shared
     * subscription filter must be valid ({@link SharedSubscription#isValid}).
     *
     * @return whether the session had no subscription to this filter before
     */
    public boolean subscribe(Subscriber subscriber) {
        String filter = subscriber.subscription().topicFilter();
        SharedSubscription shared = SharedSubscription.isShared(filter) ? SharedSubscription.parse(filter) : null;
        String matched = shared == null ? filter : shared.topicFilter();
        synchronized (writeLock) {
            Node node = root;
            int start = 0;
            while (true) {
                int end = matched.indexOf('/', start);
                String level = matched.substring(start, end < 0 ? matched.length() : end);
                node = node.children.computeIfAbsent(level, name -> new Node());
                if (end < 0) {
                    break;
                }
                start = end + 1;
            }
            boolean added = shared == null ? node.put(subscriber) : node.group(filter).put(subscriber);
            if (added) {
                count++;
            }
            return added;
        }
    }

    /**
     * Removes the session's subscription to {@code filter}, which may be a (valid) shared subscription
     * filter: the session leaves that group.
     *
     * @return whether there was one
     */
    public boolean unsubscribe(Session session, String filter) {
        boolean shared = SharedSubscription.isShared(filter);
        String matched = shared ? SharedSubscription.parse(filter).topicFilter() : filter;
        synchronized (writeLock) {
            Node[] path = new Node[Topics.levelCount(matched) + 1];
            path[0] = root;
            int start = 0;
            int depth = 0;
            while (true) {
                int end = matched.indexOf('/', start);
                String level = matched.substring(start, end < 0 ? matched.length() : end);
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
            if (!(shared ? path[depth].leave(filter, session) : path[depth].remove(session))) {
                return false;
            }
            count--;
            prune(path, depth, matched);
            return true;
        }
    }

    /**
     * The group of the shared subscription {@code sharedFilter} ({@code $share/{ShareName}/{filter}}), or
     * {@code null} if no session is a member.
     */
    public SharedGroup sharedGroup(String sharedFilter) {
        String matched = SharedSubscription.parse(sharedFilter).topicFilter();
        Node node = root;
        int start = 0;
        while (node != null) {
            int end = matched.indexOf('/', start);
            node = node.children.get(matched.substring(start, end < 0 ? matched.length() : end));
            if (end < 0) {
                break;
            }
            start = end + 1;
        }
        if (node != null) {
            for (SharedGroup group : node.groups) {
                if (group.filter().equals(sharedFilter)) {
                    return group;
                }
            }
        }
        return null;
    }

    /** The number of subscriptions held. */
    public int size() {
        synchronized (writeLock) {
            return count;
        }
    }

    /**
     * Adds to {@code out} every subscription whose filter matches {@code topic}, a session with several
     * matching filters once for each, and to {@code groups} every shared subscription group whose filter
     * matches it.
     */
    public void match(String topic, List<Subscriber> out, List<SharedGroup> groups) {
        matchLevels(root, topic, 0, out, groups, !topic.isEmpty() && topic.charAt(0) == '$');
    }

    private static void matchLevels(Node node, String topic, int start, List<Subscriber> out,
                                    List<SharedGroup> groups, boolean dollar) {
        boolean wildcardsApply = !(dollar && start == 0);
        if (wildcardsApply) {
            Node multi = node.children.get("#");
            if (multi != null) {
                multi.addTo(out, groups);
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
                matched(single, topic, end, last, out, groups, dollar);
            }
        }
        Node exact = node.children.get(LevelKey.of(topic, start, end));
        if (exact != null) {
            matched(exact, topic, end, last, out, groups, dollar);
        }
    }

    private static void matched(Node node, String topic, int end, boolean last, List<Subscriber> out,
                                List<SharedGroup> groups, boolean dollar) {
        if (last) {
            node.addTo(out, groups);
            Node multi = node.children.get("#");
            if (multi != null) {
                multi.addTo(out, groups); // "a/#" also matches "a"
            }
        } else {
            matchLevels(node, topic, end + 1, out, groups, dollar);
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

    private static final class Node {
        final ConcurrentHashMap<String, Node> children = new ConcurrentHashMap<>(4);
        volatile Subscriber[] subscribers = SubscriberArrays.NONE;
        volatile SharedGroup[] groups = NO_GROUPS;

        boolean put(Subscriber subscriber) {
            Subscriber[] current = subscribers;
            Subscriber[] next = SubscriberArrays.put(current, subscriber);
            subscribers = next;
            return next.length > current.length;
        }

        boolean remove(Session session) {
            Subscriber[] current = subscribers;
            Subscriber[] next = SubscriberArrays.remove(current, session);
            subscribers = next;
            return next != current;
        }

        /** The group of the shared subscription filter {@code filter}, created if there is none. */
        SharedGroup group(String filter) {
            SharedGroup[] current = groups;
            for (SharedGroup group : current) {
                if (group.filter().equals(filter)) {
                    return group;
                }
            }
            SharedGroup created = new SharedGroup(filter);
            SharedGroup[] grown = Arrays.copyOf(current, current.length + 1);
            grown[current.length] = created;
            groups = grown;
            return created;
        }

        /** The session leaves the group of {@code filter}, which goes when it has no member left. */
        boolean leave(String filter, Session session) {
            SharedGroup[] current = groups;
            for (int i = 0; i < current.length; i++) {
                SharedGroup group = current[i];
                if (group.filter().equals(filter)) {
                    if (!group.remove(session)) {
                        return false;
                    }
                    if (group.isEmpty()) {
                        SharedGroup[] shrunk = new SharedGroup[current.length - 1];
                        System.arraycopy(current, 0, shrunk, 0, i);
                        System.arraycopy(current, i + 1, shrunk, i, current.length - i - 1);
                        groups = shrunk;
                    }
                    return true;
                }
            }
            return false;
        }

        boolean isEmpty() {
            return subscribers.length == 0 && groups.length == 0 && children.isEmpty();
        }

        void addTo(List<Subscriber> out, List<SharedGroup> matchedGroups) {
            for (Subscriber subscriber : subscribers) {
                out.add(subscriber);
            }
            for (SharedGroup group : groups) {
                matchedGroups.add(group);
            }
        }
    }
}
