package io.tern.broker.auth.acl;

import io.tern.codec.topic.Topics;
import java.util.ArrayList;
import java.util.List;

/**
 * The topic filter of an ACL rule, split into levels once when the file is read, so that checking a
 * topic allocates nothing. In a {@code pattern} rule, {@code %u} and {@code %c} stand for the client's
 * user name and client identifier, anywhere in a level; they are compared in place, not substituted.
 * As for subscriptions, a filter that begins with a wildcard matches no topic that begins with
 * {@code $} [MQTT-4.7.2-1]: {@code $SYS} is granted only by rules that name it.
 */
final class AclFilter {
    private static final String PLUS = "+";
    private static final String HASH = "#";
    /** Marks a part of a level that stands for the user name or the client identifier. */
    @SuppressWarnings("StringOperationCanBeSimplified") // distinct objects: compared by identity
    private static final String USERNAME = new String("%u");
    @SuppressWarnings("StringOperationCanBeSimplified")
    private static final String CLIENT_ID = new String("%c");

    private final String text;
    /** Each level's parts: literal texts and the markers above, or a lone {@link #PLUS} or {@link #HASH}. */
    private final String[][] levels;
    private final boolean usesUsername;
    private final boolean usesClientId;

    private AclFilter(String text, String[][] levels) {
        this.text = text;
        this.levels = levels;
        this.usesUsername = uses(levels, USERNAME);
        this.usesClientId = uses(levels, CLIENT_ID);
    }

    @SuppressWarnings("StringEquality")
    private static boolean uses(String[][] levels, String marker) {
        for (String[] level : levels) {
            for (String part : level) {
                if (part == marker) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Reads a filter.
     *
     * @param template whether {@code %u} and {@code %c} are placeholders (in {@code pattern} rules)
     * @throws IllegalArgumentException if it is not a valid topic filter
     */
    static AclFilter parse(String filter, boolean template) {
        if (!Topics.isValidTopicFilter(filter)) {
            throw new IllegalArgumentException("'" + filter + "' is not a valid topic filter");
        }
        String[] split = filter.split("/", -1);
        String[][] levels = new String[split.length][];
        for (int i = 0; i < split.length; i++) {
            levels[i] = template ? parts(split[i]) : new String[] {split[i]};
        }
        return new AclFilter(filter, levels);
    }

    private static String[] parts(String level) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int at = level.indexOf('%'); at >= 0 && at + 1 < level.length(); at = level.indexOf('%', at + 1)) {
            char kind = level.charAt(at + 1);
            if (kind == 'u' || kind == 'c') {
                if (at > start) {
                    parts.add(level.substring(start, at));
                }
                parts.add(kind == 'u' ? USERNAME : CLIENT_ID);
                start = at + 2;
                at++;
            }
        }
        if (start < level.length() || parts.isEmpty()) {
            parts.add(level.substring(start));
        }
        return parts.toArray(String[]::new);
    }

    /**
     * Whether this filter matches {@code topic} for the client; a filter with {@code %u} matches nothing
     * for a client without a user name, and one with {@code %u} or {@code %c} nothing when that value
     * holds a {@code /}, {@code +} or {@code #} (which would widen the rule).
     */
    boolean matches(String topic, String username, String clientId) {
        if (!applies(username, clientId)) {
            return false;
        }
        int length = topic.length();
        if (length > 0 && topic.charAt(0) == '$' && levels[0].length == 1
                && (levels[0][0].equals(PLUS) || levels[0][0].equals(HASH))) {
            return false;
        }
        int at = 0;
        for (int i = 0; i < levels.length; i++) {
            String[] level = levels[i];
            if (level.length == 1 && level[0].equals(HASH)) {
                return true;
            }
            if (at > length) { // the topic ended before this level: only a last "/#" still matches ("a" by "a/#")
                return false;
            }
            int end = topic.indexOf('/', at);
            if (end < 0) {
                end = length;
            }
            if (!(level.length == 1 && level[0].equals(PLUS)) && !levelMatches(level, topic, at, end, username,
                    clientId)) {
                return false;
            }
            at = end + 1;
            if (at > length && i + 2 == levels.length && levels[i + 1].length == 1 && levels[i + 1][0].equals(HASH)) {
                return true;
            }
        }
        return at > length;
    }

    private static boolean levelMatches(String[] parts, String topic, int start, int end, String username,
                                        String clientId) {
        int at = start;
        for (String part : parts) {
            @SuppressWarnings("StringEquality")
            String expected = part == USERNAME ? username : part == CLIENT_ID ? clientId : part;
            if (!topic.regionMatches(at, expected, 0, expected.length()) || at + expected.length() > end) {
                return false;
            }
            at += expected.length();
        }
        return at == end;
    }

    private boolean applies(String username, String clientId) {
        return (!usesUsername || usable(username)) && (!usesClientId || usable(clientId));
    }

    private static boolean usable(String value) {
        return value != null && value.indexOf('/') < 0 && value.indexOf('+') < 0 && value.indexOf('#') < 0;
    }

    /** The filter with {@code %u} and {@code %c} replaced for the client, or {@code null} where it matches nothing. */
    String forClient(String username, String clientId) {
        if (!usesUsername && !usesClientId) {
            return text;
        }
        if (!applies(username, clientId)) {
            return null;
        }
        StringBuilder filter = new StringBuilder();
        for (int i = 0; i < levels.length; i++) {
            if (i > 0) {
                filter.append('/');
            }
            for (String part : levels[i]) {
                @SuppressWarnings("StringEquality")
                String value = part == USERNAME ? username : part == CLIENT_ID ? clientId : part;
                filter.append(value);
            }
        }
        return filter.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
