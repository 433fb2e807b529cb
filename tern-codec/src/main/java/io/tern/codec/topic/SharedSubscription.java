package io.tern.codec.topic;

import io.netty.buffer.ByteBufUtil;
import java.util.Objects;

/**
 * An MQTT 5 shared subscription, subscribed to with the filter {@code $share/{ShareName}/{filter}} (MQTT 5.0
 * section 4.8.2). Each message matching {@code filter} goes to one of the sessions subscribed with the same share
 * name; the {@code $share/{ShareName}/} part plays no role in matching.
 *
 * @param shareName   the share name: at least one character, and no {@code '/'}, {@code '+'}, {@code '#'} or
 *                    U+0000
 * @param topicFilter the topic filter that messages are matched against, a valid topic filter
 */
public record SharedSubscription(String shareName, String topicFilter) {
    /** The start of every shared subscription filter. */
    public static final String PREFIX = "$share/";

    private static final String NO_TOPIC_FILTER = "there is no topic filter after the share name";

    /**
     * Checks the components.
     *
     * @param shareName   the share name
     * @param topicFilter the topic filter
     * @throws NullPointerException     if a component is {@code null}
     * @throws IllegalArgumentException if the share name is empty or contains {@code '/'}, {@code '+'},
     *                                  {@code '#'} or U+0000, if the topic filter is empty or not valid, or if
     *                                  the whole filter ({@link #toFilter()}) would take more than 65,535 bytes in
     *                                  UTF-8
     */
    public SharedSubscription {
        Objects.requireNonNull(shareName, "shareName");
        Objects.requireNonNull(topicFilter, "topicFilter");
        String problem = problem(shareName, topicFilter);
        if (problem != null) {
            throw invalid(PREFIX + shareName + '/' + topicFilter, problem);
        }
    }

    /**
     * Whether a topic filter is meant as a shared subscription, that is starts with {@value #PREFIX}. Such a
     * filter may still be invalid: see {@link #isValid}.
     *
     * @param filter a topic filter
     * @return {@code true} if {@code filter} starts with {@value #PREFIX}
     */
    public static boolean isShared(String filter) {
        return filter.startsWith(PREFIX);
    }

    /**
     * Splits a shared subscription filter, {@code $share/{ShareName}/{filter}}, into its share name and topic
     * filter.
     *
     * @param filter a shared subscription filter, such as {@code "$share/group/sensors/+"}
     * @return the share name and the topic filter
     * @throws IllegalArgumentException if {@code filter} does not start with {@value #PREFIX}, if the share name
     *                                  is empty or contains {@code '+'}, {@code '#'} or U+0000, if no topic filter
     *                                  follows the share name, or if that topic filter is not valid
     */
    public static SharedSubscription parse(String filter) {
        if (!isShared(filter)) {
            throw new IllegalArgumentException(
                    "\"" + filter + "\" is not a shared subscription: it does not start with \"" + PREFIX + '"');
        }
        int end = shareNameEnd(filter);
        if (end < 0) {
            throw invalid(filter, NO_TOPIC_FILTER);
        }
        return new SharedSubscription(filter.substring(PREFIX.length(), end), filter.substring(end + 1));
    }

    /**
     * Whether a topic filter is a valid shared subscription, that is whether {@link #parse} would accept it.
     *
     * @param filter a topic filter
     * @return {@code true} if {@code filter} is a valid shared subscription filter
     */
    public static boolean isValid(String filter) {
        if (!isShared(filter)) {
            return false;
        }
        int end = shareNameEnd(filter);
        return end >= 0 && problem(filter.substring(PREFIX.length(), end), filter.substring(end + 1)) == null;
    }

    /**
     * The filter a client subscribes with: {@code $share/{ShareName}/{filter}}.
     *
     * @return the shared subscription filter, which {@link #parse} turns back into this subscription
     */
    public String toFilter() {
        return PREFIX + shareName + '/' + topicFilter;
    }

    /** The index of the {@code '/'} that ends the share name of a filter starting with the prefix, or -1. */
    private static int shareNameEnd(String filter) {
        return filter.indexOf('/', PREFIX.length());
    }

    /** What makes the parts an invalid shared subscription, or {@code null} if they make a valid one. */
    private static String problem(String shareName, String topicFilter) {
        if (shareName.isEmpty()) {
            return "the share name is empty";
        }
        for (int i = 0; i < shareName.length(); i++) {
            char c = shareName.charAt(i);
            if (c == '/' || c == '+' || c == '#') {
                return "the share name contains '" + c + "'";
            }
            if (c == '\0') {
                return "the share name contains U+0000";
            }
        }
        if (topicFilter.isEmpty()) {
            return NO_TOPIC_FILTER;
        }
        if (!Topics.isValidTopicFilter(topicFilter)) {
            return "the topic filter after the share name is not a valid topic filter";
        }
        if (PREFIX.length() + ByteBufUtil.utf8Bytes(shareName) + 1 + ByteBufUtil.utf8Bytes(topicFilter)
                > Topics.MAX_UTF8_BYTES) {
            return "it takes more than " + Topics.MAX_UTF8_BYTES + " bytes in UTF-8";
        }
        return null;
    }

    private static IllegalArgumentException invalid(String filter, String problem) {
        return new IllegalArgumentException("invalid shared subscription \"" + filter + "\": " + problem);
    }
}
