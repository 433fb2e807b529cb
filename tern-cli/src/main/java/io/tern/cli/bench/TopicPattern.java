package io.tern.cli.bench;

/**
 * The {@code -t} topic pattern: {@code %i} stands for a client's index, as in emqtt-bench
 * ({@code tern-bench/%i} gives {@code tern-bench/0}, {@code tern-bench/1}...).
 */
record TopicPattern(String pattern) {
    private static final String INDEX = "%i";

    /** Checks that the pattern is a topic name with no wildcard. */
    TopicPattern {
        if (pattern.isEmpty() || pattern.contains("+") || pattern.contains("#")) {
            throw new IllegalArgumentException("--topic must be a topic name without + or #, not '" + pattern + "'");
        }
    }

    /** The topic of client {@code index}. */
    String topic(int index) {
        return pattern.replace(INDEX, Integer.toString(index));
    }

    /** A filter matching the topic of every index: each level that holds {@code %i} becomes {@code +}. */
    String wildcard() {
        String[] levels = pattern.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            if (levels[i].contains(INDEX)) {
                levels[i] = "+";
            }
        }
        return String.join("/", levels);
    }
}
