package io.tern.broker.retained;

import io.netty.buffer.ByteBuf;
import io.tern.broker.routing.Message;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Retained messages in memory, in a tree of topic levels: a filter walks only the branches it can
 * match ({@code +} visits the children of one level, {@code #} a subtree), never every retained
 * message.
 *
 * <p>Each payload is copied once into a buffer of its own size when retained, so that a retained
 * message does not pin the larger read buffer it arrived in.
 */
public final class MemoryRetainedStore implements RetainedStore {
    private final Node root = new Node();
    private final AtomicInteger size = new AtomicInteger();

    @Override
    public void retain(Message message) {
        String topic = message.topic();
        if (!message.payload().isReadable()) {
            clear(topic);
            return;
        }
        ByteBuf payload = message.payload();
        ByteBuf compact = payload.alloc().directBuffer(payload.readableBytes())
                .writeBytes(payload, payload.readerIndex(), payload.readableBytes());
        Message kept = new Message(topic, message.qos(), true, compact, message.properties(), message.publisherId());
        Node node = root;
        int start = 0;
        while (true) {
            int end = topic.indexOf('/', start);
            node = node.children.computeIfAbsent(topic.substring(start, end < 0 ? topic.length() : end),
                    level -> new Node());
            if (end < 0) {
                break;
            }
            start = end + 1;
        }
        Message previous;
        synchronized (node) {
            previous = node.message;
            node.message = kept;
        }
        if (previous == null) {
            size.incrementAndGet();
        } else {
            previous.release();
        }
    }

    private void clear(String topic) {
        Node node = root;
        int start = 0;
        while (node != null) {
            int end = topic.indexOf('/', start);
            node = node.children.get(topic.substring(start, end < 0 ? topic.length() : end));
            if (end < 0) {
                break;
            }
            start = end + 1;
        }
        if (node == null) {
            return;
        }
        Message previous;
        synchronized (node) {
            previous = node.message;
            node.message = null;
        }
        if (previous != null) {
            size.decrementAndGet();
            previous.release();
        }
    }

    @Override
    public void match(String topicFilter, Consumer<Message> consumer) {
        match(root, topicFilter, 0, true, consumer);
    }

    private static void match(Node node, String filter, int start, boolean firstLevel, Consumer<Message> consumer) {
        int end = filter.indexOf('/', start);
        boolean last = end < 0;
        String level = filter.substring(start, last ? filter.length() : end);
        if (level.equals("#")) {
            if (!firstLevel) {
                visit(node, consumer); // "a/#" matches "a" itself
            }
            node.children.forEach((name, child) -> {
                if (!(firstLevel && name.startsWith("$"))) {
                    visitSubtree(child, consumer);
                }
            });
        } else if (level.equals("+")) {
            node.children.forEach((name, child) -> {
                if (!(firstLevel && name.startsWith("$"))) {
                    next(child, filter, end, last, consumer);
                }
            });
        } else {
            Node child = node.children.get(level);
            if (child != null) {
                next(child, filter, end, last, consumer);
            }
        }
    }

    private static void next(Node node, String filter, int end, boolean last, Consumer<Message> consumer) {
        if (last) {
            visit(node, consumer);
        } else {
            match(node, filter, end + 1, false, consumer);
        }
    }

    private static void visitSubtree(Node node, Consumer<Message> consumer) {
        visit(node, consumer);
        node.children.values().forEach(child -> visitSubtree(child, consumer));
    }

    private static void visit(Node node, Consumer<Message> consumer) {
        Message message;
        synchronized (node) {
            message = node.message;
            if (message == null) {
                return;
            }
            message.retain(); // a concurrent replacement must not free it under the consumer
        }
        try {
            consumer.accept(message);
        } finally {
            message.release();
        }
    }

    @Override
    public int size() {
        return size.get();
    }

    @Override
    public void close() {
        releaseSubtree(root);
    }

    private void releaseSubtree(Node node) {
        Message message;
        synchronized (node) {
            message = node.message;
            node.message = null;
        }
        if (message != null) {
            size.decrementAndGet();
            message.release();
        }
        node.children.values().forEach(this::releaseSubtree);
    }

    private static final class Node {
        final ConcurrentHashMap<String, Node> children = new ConcurrentHashMap<>(4);
        Message message;
    }
}
