package io.tern.broker.retained;

import io.tern.broker.routing.Message;
import java.util.function.Consumer;

/**
 * The retained messages of the broker, one per topic name, found by topic filter through an index.
 * Implementations are safe for use from every event loop.
 */
public interface RetainedStore extends AutoCloseable {
    /**
     * Keeps {@code message} as the retained message of its topic, replacing the previous one; the
     * store takes its own reference. A message with an empty payload clears the topic instead.
     */
    void retain(Message message);

    /**
     * Passes each retained message whose topic matches {@code topicFilter} to {@code consumer}; the
     * consumer must retain a message it keeps beyond the call.
     */
    void match(String topicFilter, Consumer<Message> consumer);

    /** The number of retained messages. */
    int size();

    /** Releases every retained message. */
    @Override
    void close();
}
