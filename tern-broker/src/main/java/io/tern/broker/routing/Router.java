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
 * receives it once, at the highest QoS its matching subscriptions grant; sessions on other event
 * loops get it in one task per loop, not one per session.
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
        if (matches.isEmpty()) {
            return 0;
        }
        List<Subscriber> targets = matches.size() == 1 ? matches : onePerSession(matches);
        Map<EventLoop, List<Subscriber>> elsewhere = null;
        for (Subscriber subscriber : targets) {
            EventLoop loop = subscriber.session().loop();
            if (loop.inEventLoop()) {
                subscriber.session().offer(message, subscriber);
            } else {
                if (elsewhere == null) {
                    elsewhere = new IdentityHashMap<>(4);
                }
                elsewhere.computeIfAbsent(loop, l -> new ArrayList<>()).add(subscriber);
            }
        }
        if (elsewhere != null) {
            elsewhere.forEach((loop, batch) -> {
                message.retain();
                loop.execute(() -> {
                    try {
                        for (Subscriber subscriber : batch) {
                            subscriber.session().offer(message, subscriber);
                        }
                    } finally {
                        message.release();
                    }
                });
            });
        }
        int delivered = targets.size();
        matches.clear();
        return delivered;
    }

    /** Keeps, for each session, the matching subscription with the highest QoS [MQTT-3.3.5-1]. */
    private static List<Subscriber> onePerSession(List<Subscriber> matches) {
        Map<Session, Subscriber> best = new IdentityHashMap<>(matches.size() * 2);
        for (Subscriber subscriber : matches) {
            best.merge(subscriber.session(), subscriber, (a, b) ->
                    a.subscription().qos().value() >= b.subscription().qos().value() ? a : b);
        }
        return best.size() == matches.size() ? matches : new ArrayList<>(best.values());
    }
}
