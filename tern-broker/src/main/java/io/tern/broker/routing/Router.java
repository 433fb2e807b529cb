package io.tern.broker.routing;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import io.tern.broker.session.Session;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes a published message to the sessions whose subscriptions match its topic: each session
 * receives it once, at the highest QoS its matching subscriptions grant, except through the
 * subscriptions that asked not to receive their own client's messages (MQTT 5 no local); and each
 * matching shared subscription group gives it to one of its members, a delivery of its own besides
 * the session's other subscriptions. Sessions on other event loops get it through
 * {@link LoopHandoff}, in one task per loop and round.
 */
public final class Router {
    private static final FastThreadLocal<List<Subscriber>> MATCHES = new FastThreadLocal<>() {
        @Override
        protected List<Subscriber> initialValue() {
            return new ArrayList<>();
        }
    };
    private static final FastThreadLocal<List<SharedGroup>> GROUPS = new FastThreadLocal<>() {
        @Override
        protected List<SharedGroup> initialValue() {
            return new ArrayList<>();
        }
    };

    private final SubscriptionIndex index;

    /** A router over the subscriptions of {@code index}. */
    public Router(SubscriptionIndex index) {
        this.index = index;
    }

    /**
     * Delivers {@code message} to its subscribers. The caller keeps its own reference.
     *
     * @return the number of deliveries: sessions, and shared subscription groups
     */
    public int route(Message message) {
        List<Subscriber> matches = MATCHES.get();
        List<SharedGroup> groups = GROUPS.get();
        matches.clear();
        groups.clear();
        index.match(message.topic(), matches, groups);
        removeOwnMessages(matches, message.publisherId());
        List<Subscriber> targets = matches.size() <= 1 ? matches : onePerSession(matches);
        for (SharedGroup group : groups) {
            Subscriber chosen = group.choose();
            if (chosen != null) {
                targets.add(chosen); // not merged with the member's other subscriptions: a delivery of its own
            }
        }
        groups.clear();
        if (targets.isEmpty()) {
            return 0;
        }
        for (int i = 0; i < targets.size(); i++) {
            Subscriber subscriber = targets.get(i);
            EventLoop loop = subscriber.session().loop();
            if (loop.inEventLoop()) {
                subscriber.session().offer(message, subscriber);
            } else {
                LoopHandoff.deliver(loop, message, subscriber);
            }
        }
        int delivered = targets.size();
        matches.clear();
        return delivered;
    }

    /** Drops the subscriptions with no local of the publisher's own session [MQTT-3.8.3-3]. */
    private static void removeOwnMessages(List<Subscriber> matches, String publisherId) {
        for (int i = matches.size() - 1; i >= 0; i--) {
            Subscriber subscriber = matches.get(i);
            if (subscriber.subscription().noLocal() && subscriber.session().clientId().equals(publisherId)) {
                matches.remove(i);
            }
        }
    }

    /**
     * One delivery per session, merging the session's matching subscriptions: the highest QoS
     * [MQTT-3.3.5-1] and every subscription identifier.
     */
    private static List<Subscriber> onePerSession(List<Subscriber> matches) {
        Map<Session, Subscriber> merged = new IdentityHashMap<>(matches.size() * 2);
        for (Subscriber subscriber : matches) {
            merged.merge(subscriber.session(), subscriber, Subscriber::mergedWith);
        }
        return merged.size() == matches.size() ? matches : new ArrayList<>(merged.values());
    }
}
