package io.tern.broker.auth.acl;

import io.tern.broker.auth.SecurityFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An ACL file in mosquitto's syntax, read once into an immutable snapshot:
 * <pre>
 * # anonymous clients (no user name): the topic lines before the first user line
 * topic read public/#
 * user alice
 * topic readwrite alice/#
 * topic deny alice/secret/#
 * # every client, with %u the user name and %c the client identifier
 * pattern write devices/%c/status
 * </pre>
 * Access is {@code read}, {@code write}, {@code readwrite} (when left out) or {@code deny}; a deny rule
 * wins over any grant. What no rule grants is denied.
 */
public final class AclRules {
    private static final List<AclRule> NONE = List.of();

    private final List<AclRule> anonymous;
    private final Map<String, List<AclRule>> users;
    private final List<AclRule> patterns;

    private AclRules(List<AclRule> anonymous, Map<String, List<AclRule>> users, List<AclRule> patterns) {
        this.anonymous = List.copyOf(anonymous);
        Map<String, List<AclRule>> copied = new HashMap<>();
        users.forEach((user, rules) -> copied.put(user, List.copyOf(rules)));
        this.users = Map.copyOf(copied);
        this.patterns = List.copyOf(patterns);
    }

    /**
     * Reads an ACL file.
     *
     * @throws SecurityFileException if it cannot be read or a line is not a rule
     */
    public static AclRules load(Path file) throws SecurityFileException {
        return parse(file.toString(), SecurityFileException.readText(file));
    }

    /** Reads the text of an ACL file, {@code source} naming it in errors. */
    public static AclRules parse(String source, String text) throws SecurityFileException {
        List<AclRule> anonymous = new ArrayList<>();
        Map<String, List<AclRule>> users = new HashMap<>();
        List<AclRule> patterns = new ArrayList<>();
        List<AclRule> current = anonymous;
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+", 2);
            String rest = words.length > 1 ? words[1] : "";
            try {
                switch (words[0]) {
                    case "user" -> {
                        if (rest.isEmpty()) {
                            throw new IllegalArgumentException("user needs a user name");
                        }
                        current = users.computeIfAbsent(rest, user -> new ArrayList<>());
                    }
                    case "topic" -> current.add(rule(rest, false));
                    case "pattern" -> patterns.add(rule(rest, true));
                    default -> throw new IllegalArgumentException("unknown keyword '" + words[0]
                            + "' (known: user, topic, pattern)");
                }
            } catch (IllegalArgumentException e) {
                throw new SecurityFileException(source, i + 1, e.getMessage());
            }
        }
        return new AclRules(anonymous, users, patterns);
    }

    /** {@code [read|write|readwrite|deny] filter}: mosquitto takes the rest of the line as the filter. */
    private static AclRule rule(String rest, boolean template) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException((template ? "pattern" : "topic") + " needs a topic filter");
        }
        String[] words = rest.split("\\s+", 2);
        AclAccess access = AclAccess.ofWord(words[0]);
        String filter = rest;
        if (access == null) {
            access = AclAccess.READWRITE;
        } else if (words.length < 2) {
            throw new IllegalArgumentException(words[0] + " of which topic filter?");
        } else {
            filter = words[1];
        }
        return new AclRule(access, AclFilter.parse(filter, template));
    }

    /** The rules that apply to a client's user name (before the patterns): its user's, or the anonymous ones. */
    List<AclRule> rulesOf(String username) {
        return username == null ? anonymous : users.getOrDefault(username, NONE);
    }

    /** The pattern rules, which apply to every client. */
    List<AclRule> patterns() {
        return patterns;
    }
}
