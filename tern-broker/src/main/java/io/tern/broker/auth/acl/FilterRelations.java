package io.tern.broker.auth.acl;

/**
 * How two topic filters relate, for deciding a SUBSCRIBE: whether some topic matches both, and whether
 * every topic one matches the other matches too. Both follow the matching of MQTT, where {@code #}
 * matches its parent level too and a leading wildcard matches no {@code $} topic.
 */
final class FilterRelations {
    private FilterRelations() {
    }

    /** Whether some topic name matches both filters. */
    static boolean intersect(String a, String b) {
        String[] x = a.split("/", -1);
        String[] y = b.split("/", -1);
        if (dollarMismatch(x[0], y[0]) || dollarMismatch(y[0], x[0])) {
            return false;
        }
        for (int i = 0; ; i++) {
            boolean xEnds = i == x.length;
            boolean yEnds = i == y.length;
            if (xEnds || yEnds) {
                // both end here, or the longer goes on with its last level "#" (which matches the parent)
                return xEnds && yEnds || xEnds && i == y.length - 1 && y[i].equals("#")
                        || yEnds && i == x.length - 1 && x[i].equals("#");
            }
            if (x[i].equals("#") || y[i].equals("#")) {
                return true;
            }
            if (!x[i].equals("+") && !y[i].equals("+") && !x[i].equals(y[i])) {
                return false;
            }
        }
    }

    /** Whether every topic name that {@code inner} matches, {@code outer} matches too. */
    static boolean covers(String outer, String inner) {
        String[] o = outer.split("/", -1);
        String[] in = inner.split("/", -1);
        if (isWildcard(o[0]) && in[0].startsWith("$")) {
            return false;
        }
        for (int i = 0; ; i++) {
            if (i == o.length) {
                return i == in.length;
            }
            if (o[i].equals("#")) {
                return true;
            }
            if (i == in.length || in[i].equals("#")) {
                return false;
            }
            if (!o[i].equals("+") && (in[i].equals("+") || !o[i].equals(in[i]))) {
                return false;
            }
        }
    }

    /** A filter whose first level is a wildcard cannot meet one whose first level is a {@code $} name. */
    private static boolean dollarMismatch(String first, String otherFirst) {
        return isWildcard(first) && otherFirst.startsWith("$");
    }

    private static boolean isWildcard(String level) {
        return level.equals("+") || level.equals("#");
    }
}
