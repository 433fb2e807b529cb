package io.tern.broker.limits;

import io.netty.buffer.ByteBufUtil;
import io.tern.broker.BrokerConfig;
import io.tern.codec.topic.Topics;

/**
 * The longest topic names and filters the broker accepts: bytes and levels. The check scans the
 * topic once and allocates nothing.
 */
public final class TopicLimits {
    private static final int NO_LENGTH_LIMIT = 0xFFFF;

    private final int maxLength;
    private final int maxLevels;

    /** The topic limits of a broker's configuration. */
    public TopicLimits(BrokerConfig config) {
        this.maxLength = config.maxTopicLength();
        this.maxLevels = config.maxTopicLevels();
    }

    /** Why {@code topic} (a name or a filter) is beyond the limits, or {@code null} if it is within them. */
    public String check(String topic) {
        if (maxLength < NO_LENGTH_LIMIT && topic.length() > maxLength / 3
                && ByteBufUtil.utf8Bytes(topic) > maxLength) {
            return "topic longer than " + maxLength + " bytes";
        }
        if (maxLevels > 0 && topic.length() >= maxLevels && Topics.levelCount(topic) > maxLevels) {
            return "topic of more than " + maxLevels + " levels";
        }
        return null;
    }
}
