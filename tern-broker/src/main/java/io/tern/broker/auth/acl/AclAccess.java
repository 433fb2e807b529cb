package io.tern.broker.auth.acl;

import java.util.Locale;

/** What an ACL rule grants on the topics its filter matches; {@link #DENY} takes precedence over any grant. */
public enum AclAccess {
    /** Receive messages (and subscribe). */
    READ,
    /** Publish. */
    WRITE,
    /** Both. */
    READWRITE,
    /** Neither, whatever other rules grant. */
    DENY;

    /** Whether this access includes reading. */
    boolean reads() {
        return this == READ || this == READWRITE;
    }

    /** Whether this access includes writing. */
    boolean writes() {
        return this == WRITE || this == READWRITE;
    }

    /** The access a word of an ACL file names ({@code read}, ...), or {@code null}. */
    static AclAccess ofWord(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "read" -> READ;
            case "write" -> WRITE;
            case "readwrite" -> READWRITE;
            case "deny" -> DENY;
            default -> null;
        };
    }
}
