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
 * subscriptions that asked not to receive their own client's messages (MQTT 5 no local); sessions
 * on other event loops get it through {@link LoopHandoff}, in one task per loop and round.
 */
public final class Router {
    private static final FastThreadLocal<List<Subscriber>> MATCHES = new FastThreadLocal<>() {
        @Override
        protected List<Subscriber> initialValue() {
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
     * @return the number of sessions it is delivered to
     */
    public int route(Message message) {
        List<Subscriber> matches = MATCHES.get();
        matches.clear();
        index.match(message.topic(), matches);
        removeOwnMessages(matches, message.publisherId());
        if (matches.isEmpty()) {
            return 0;
        }
        List<Subscriber> targets = matches.size() == 1 ? matches : onePerSession(matches);
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
