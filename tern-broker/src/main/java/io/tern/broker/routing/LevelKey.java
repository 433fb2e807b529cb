package io.tern.broker.routing;

import io.netty.util.concurrent.FastThreadLocal;

/**
 * A level of a topic name, {@code topic[start, end)}, looked up in a map of {@code String} keys
 * without making a string of it: it hashes like the equal string and equals it. A PUBLISH that
 * walks the topic tree would otherwise allocate a string per level.
 *
 * <p>Only for {@code get} on maps of strings ({@link java.util.concurrent.ConcurrentHashMap} calls
 * {@code equals} on the key given to {@code get}); never stored. One per thread, reused.
 */
final class LevelKey {
    private static final FastThreadLocal<LevelKey> OF_THREAD = new FastThreadLocal<>() {
        @Override
        protected LevelKey initialValue() {
            return new LevelKey();
        }
    };

    private String topic;
    private int start;
    private int length;
    private int hash;

    private LevelKey() {
    }

    /** This thread's key, set to {@code topic[start, end)}. */
    static LevelKey of(String topic, int start, int end) {
        LevelKey key = OF_THREAD.get();
        key.topic = topic;
        key.start = start;
        key.length = end - start;
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + topic.charAt(i);
        }
        key.hash = h;
        return key;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof String level && level.length() == length
                && level.regionMatches(0, topic, start, length);
    }

    @Override
    public String toString() {
        return topic.substring(start, start + length);
    }
}
