package io.tern.codec.topic;

/**
 * Checks and matches MQTT topic names and topic filters (section 4.7 of MQTT 3.1.1 and of MQTT 5.0).
 *
 * <p>A topic is a sequence of levels separated by {@code '/'}. A level may be empty, so {@code "a//b"},
 * {@code "/a"} and {@code "a/"} are all topics of several levels. A topic filter may also use two wildcards,
 * each filling a whole level: {@code '+'} stands for exactly one level, and {@code '#'}, which may only be the
 * last level, for the level before it and any number of levels below. Characters are compared exactly, with no
 * normalization of case, Unicode forms or separators.
 *
 * <p>These methods run for every PUBLISH: they walk the strings by index and allocate nothing. They do not check
 * that a string is well-formed UTF-8 (no unpaired surrogate); the decoder does that.
 */
public final class Topics {
    /** The most bytes a topic name or topic filter may take in UTF-8. */
    static final int MAX_UTF8_BYTES = 65_535;

    private Topics() {
    }

    /**
     * Whether a string is a valid topic name, the topic of a PUBLISH: at least one character, no wildcard
     * ({@code '+'} or {@code '#'}), no U+0000, and at most 65,535 bytes in UTF-8. Levels may be empty.
     *
     * @param name the topic name to check
     * @return {@code true} if {@code name} is a valid topic name
     */
    public static boolean isValidTopicName(String name) {
        return isValid(name, false);
    }

    /**
     * Whether a string is a valid topic filter: at least one character, no U+0000, at most 65,535 bytes in UTF-8,
     * {@code '+'} only as a whole level and {@code '#'} only as the whole last level. {@code "#"}, {@code "a/#"},
     * {@code "+"} and {@code "+/a/+"} are valid; {@code "a#"}, {@code "a/#/b"}, {@code "a+"} and {@code "a/+b"}
     * are not. A shared subscription's {@code $share/{ShareName}/} prefix gets no special treatment here: see
     * {@link SharedSubscription}.
     *
     * @param filter the topic filter to check
     * @return {@code true} if {@code filter} is a valid topic filter
     */
    public static boolean isValidTopicFilter(String filter) {
        return isValid(filter, true);
    }

    /**
     * Whether a topic name matches a topic filter. {@code '+'} matches exactly one level, an empty one included
     * ({@code "a/+"} matches {@code "a/"} but not {@code "a"}); {@code '#'} matches the level before it and any
     * number of levels below ({@code "a/#"} matches {@code "a"}, {@code "a/"} and {@code "a/b/c"}). A topic name
     * that starts with {@code '$'} is never matched by a filter whose first level is a wildcard: {@code "$SYS/x"}
     * is matched by {@code "$SYS/#"} but not by {@code "#"} or {@code "+/x"}.
     *
     * <p>Both arguments must be valid (see {@link #isValidTopicName} and {@link #isValidTopicFilter}), and the
     * filter must not be a shared subscription: match against {@link SharedSubscription#topicFilter()} instead.
     * For other arguments the result is unspecified.
     *
     * @param topicName   the topic name of a message
     * @param topicFilter the topic filter of a subscription
     * @return {@code true} if the filter matches the name
     */
    public static boolean matches(String topicName, String topicFilter) {
        int nameLength = topicName.length();
        int filterLength = topicFilter.length();
        if (nameLength > 0 && topicName.charAt(0) == '$' && filterLength > 0 && isWildcard(topicFilter.charAt(0))) {
            return false;
        }
        int n = 0;
        for (int f = 0; f < filterLength; f++) {
            char c = topicFilter.charAt(f);
            if (c == '#') {
                return true;
            }
            if (c == '+') {
                while (n < nameLength && topicName.charAt(n) != '/') {
                    n++;
                }
            } else if (n < nameLength && topicName.charAt(n) == c) {
                n++;
            } else {
                // Only a name that ends where the filter goes on with a last "/#" can still match.
                return n == nameLength && f == filterLength - 2 && c == '/' && topicFilter.charAt(f + 1) == '#';
            }
        }
        return n == nameLength;
    }

    /**
     * The number of levels of a topic name or filter: one more than its number of {@code '/'}. Empty levels count,
     * so {@code "a"} has one level, {@code "/"} two and {@code "a//b"} three.
     *
     * @param topic a topic name or topic filter
     * @return the number of levels, at least 1
     */
    public static int levelCount(String topic) {
        int levels = 1;
        for (int i = 0, length = topic.length(); i < length; i++) {
            if (topic.charAt(i) == '/') {
                levels++;
            }
        }
        return levels;
    }

    private static boolean isValid(String topic, boolean wildcardsAllowed) {
        int length = topic.length();
        if (length == 0 || length > MAX_UTF8_BYTES) { // each char takes at least one byte
            return false;
        }
        int bytes = 0;
        for (int i = 0; i < length; i++) {
            char c = topic.charAt(i);
            if (!isAllowed(topic, i, c, wildcardsAllowed)) {
                return false;
            }
            bytes += utf8Length(c);
        }
        return bytes <= MAX_UTF8_BYTES;
    }

    private static boolean isAllowed(String topic, int index, char c, boolean wildcardsAllowed) {
        return switch (c) {
            case '\0' -> false;
            case '#' -> wildcardsAllowed && index == topic.length() - 1 && startsLevel(topic, index);
            case '+' -> wildcardsAllowed && startsLevel(topic, index) && endsLevel(topic, index);
            default -> true;
        };
    }

    private static boolean startsLevel(String topic, int index) {
        return index == 0 || topic.charAt(index - 1) == '/';
    }

    private static boolean endsLevel(String topic, int index) {
        return index == topic.length() - 1 || topic.charAt(index + 1) == '/';
    }

    private static boolean isWildcard(char c) {
        return c == '+' || c == '#';
    }

    /** The UTF-8 length of one char; each half of a surrogate pair counts two, the pair's four bytes. */
    private static int utf8Length(char c) {
        if (c < 0x80) {
            return 1;
        }
        return c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
    }
}
