package io.tern.client.internal;

import io.tern.client.Message;
import io.tern.client.MessageHandler;
import io.tern.client.Subscription;
import io.tern.codec.topic.SharedSubscription;
import io.tern.codec.topic.Topics;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Routes received messages to handlers: to each distinct handler whose subscription's filter matches,
 * else to the global handler. Each handler has a lane of its own on the callback executor, so a slow
 * handler holds back only its own messages. Also remembers the subscriptions to make again when a
 * reconnect finds no session. Used on the event loop, except {@link #global} and {@link #callback}.
 */
final class Dispatcher {
    private record Route(Subscription subscription, String matchFilter, MessageHandler handler, SerialExecutor lane) {
    }

    private final Executor executor;
    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final Map<MessageHandler, SerialExecutor> lanes = new IdentityHashMap<>();
    private final SerialExecutor globalLane;
    private final SerialExecutor listenerLane;
    private volatile MessageHandler global;

    Dispatcher(Executor executor) {
        this.executor = executor;
        this.globalLane = new SerialExecutor(executor);
        this.listenerLane = new SerialExecutor(executor);
    }

    /** Sets the handler of messages no subscription handler takes; {@code null} drops them. */
    void global(MessageHandler handler) {
        this.global = handler;
    }

    /** Routes the messages of a subscription to a handler ({@code null}: the global one). */
    void add(Subscription subscription, MessageHandler handler) {
        String filter = subscription.filter();
        String matchFilter = SharedSubscription.isValid(filter) ? SharedSubscription.parse(filter).topicFilter() : filter;
        Route previous = routes.put(filter,
                new Route(subscription, matchFilter, handler, handler == null ? null : laneOf(handler)));
        if (previous != null) {
            forgetLaneIfUnused(previous.handler());
        }
    }

    /** Forgets the subscription to a filter, and its handler's lane if no other subscription uses it. */
    void remove(String filter) {
        Route removed = routes.remove(filter);
        if (removed != null) {
            forgetLaneIfUnused(removed.handler());
        }
    }

    private void forgetLaneIfUnused(MessageHandler handler) {
        if (handler != null && routes.values().stream().noneMatch(route -> route.handler() == handler)) {
            lanes.remove(handler);
        }
    }

    /** The subscriptions made and not removed, to make again on a new session. */
    List<Subscription> subscriptions() {
        List<Subscription> result = new ArrayList<>();
        for (Route route : routes.values()) {
            result.add(route.subscription());
        }
        return result;
    }

    /** Hands a message to its handlers' lanes; returns at once. */
    void dispatch(Message message) {
        String topic = message.topic();
        SerialExecutor firstLane = null;
        List<SerialExecutor> moreLanes = null;
        boolean matched = false;
        for (Route route : routes.values()) {
            if (!Topics.matches(topic, route.matchFilter())) {
                continue;
            }
            SerialExecutor lane = route.lane();
            if (lane == null) {
                continue;
            }
            if (firstLane == null) {
                firstLane = lane;
            } else if (lane != firstLane && (moreLanes == null || !moreLanes.contains(lane))) {
                moreLanes = moreLanes == null ? new ArrayList<>(2) : moreLanes;
                moreLanes.add(lane);
            } else {
                continue;
            }
            MessageHandler handler = route.handler();
            lane.execute(() -> handler.onMessage(message));
            matched = true;
        }
        MessageHandler fallback = global;
        if (!matched && fallback != null) {
            globalLane.execute(() -> fallback.onMessage(message));
        }
    }

    /** Runs a listener callback, in order with the other listener callbacks. */
    void callback(Runnable callback) {
        listenerLane.execute(callback);
    }

    private SerialExecutor laneOf(MessageHandler handler) {
        return lanes.computeIfAbsent(handler, h -> new SerialExecutor(executor));
    }
}
