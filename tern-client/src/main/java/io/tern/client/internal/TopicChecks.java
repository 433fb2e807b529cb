package io.tern.client.internal;

import io.tern.codec.topic.SharedSubscription;
import io.tern.codec.topic.Topics;

/** Checks of topic names and filters before they reach the network, so that a typo fails where it is made. */
public final class TopicChecks {
    private TopicChecks() {
    }

    /**
     * Returns {@code name} if it is a valid topic name.
     *
     * @param what what the name is, for the message, such as "response topic"
     * @throws IllegalArgumentException if it is empty, holds a wildcard or U+0000, or is longer than 65,535 bytes
     */
    public static String requireTopicName(String name, String what) {
        if (!Topics.isValidTopicName(name)) {
            throw new IllegalArgumentException(what + " \"" + name + "\" is not a valid topic name: it must not be "
                    + "empty, hold + or #, or be longer than 65535 bytes");
        }
        return name;
    }

    /**
     * Returns {@code filter} if it is a valid topic filter or shared subscription {@code $share/group/filter}.
     *
     * @throws IllegalArgumentException if it is neither
     */
    public static String requireFilter(String filter) {
        boolean valid = SharedSubscription.isShared(filter) ? SharedSubscription.isValid(filter)
                : Topics.isValidTopicFilter(filter);
        if (!valid) {
            throw new IllegalArgumentException("\"" + filter + "\" is not a valid topic filter: + must be a whole "
                    + "level, # the whole last level, and a shared subscription $share/group/filter");
        }
        return filter;
    }
}
