package io.tern.broker.routing;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands deliveries to sessions on other event loops in one task per loop per round of the routing
 * loop, instead of one task per message: the deliveries of every message routed while the loop
 * handles its reads are gathered per target loop, and handed over once the loop has finished them.
 * Fewer tasks mean fewer wake-ups of the target loops and fewer allocations.
 *
 * <p>Each gatherer belongs to one thread. A thread that is not an event loop hands over at once.
 */
final class LoopHandoff {
    private static final FastThreadLocal<LoopHandoff> CURRENT = new FastThreadLocal<>() {
        @Override
        protected LoopHandoff initialValue() {
            return new LoopHandoff();
        }
    };

    private final Map<EventLoop, Batch> batches = new IdentityHashMap<>();
    private final List<Batch> filled = new ArrayList<>();
    private final Runnable handOver = this::handOver;
    private boolean scheduled;

    private LoopHandoff() {
    }

    /**
     * Delivers {@code message} to {@code subscriber}, whose session lives on {@code target}, after the
     * current round of this thread's event loop. Holds a reference to the message until then. Call
     * for all subscribers of one message before routing the next.
     */
    static void deliver(EventLoop target, Message message, Subscriber subscriber) {
        EventExecutor current = ThreadExecutorMap.currentExecutor();
        if (current == null) {
            message.retain();
            target.execute(() -> {
                try {
                    subscriber.session().offer(message, subscriber);
                } finally {
                    message.release();
                }
            });
            return;
        }
        CURRENT.get().add(current, target, message, subscriber);
    }

    private void add(EventExecutor current, EventLoop target, Message message, Subscriber subscriber) {
        Batch batch = batches.get(target);
        if (batch == null) {
            batch = new Batch();
            batches.put(target, batch);
            filled.add(batch);
            batch.target = target;
        }
        batch.add(message, subscriber);
        if (!scheduled) {
            scheduled = true;
            current.execute(handOver);
        }
    }

    private void handOver() {
        scheduled = false;
        for (int i = 0; i < filled.size(); i++) {
            Batch batch = filled.get(i);
            batch.target.execute(batch);
        }
        filled.clear();
        batches.clear();
    }

    /**
     * The deliveries for one target loop: pairs of message and subscriber, those of one message next
     * to each other, holding one reference per message.
     */
    private static final class Batch implements Runnable {
        EventLoop target;
        private Message[] messages = new Message[16];
        private Subscriber[] subscribers = new Subscriber[16];
        private int size;

        void add(Message message, Subscriber subscriber) {
            if (size == messages.length) {
                messages = Arrays.copyOf(messages, size * 2);
                subscribers = Arrays.copyOf(subscribers, size * 2);
            }
            if (size == 0 || messages[size - 1] != message) {
                message.retain();
            }
            messages[size] = message;
            subscribers[size] = subscriber;
            size++;
        }

        @Override
        public void run() {
            for (int i = 0; i < size; i++) {
                Message message = messages[i];
                try {
                    subscribers[i].session().offer(message, subscribers[i]);
                } finally {
                    if (i == size - 1 || messages[i + 1] != message) {
                        message.release();
                    }
                }
            }
        }
    }
}
