package io.tern.codec.auth;

/** A SCRAM message that cannot be taken: malformed, or failing a check. */
public final class ScramException extends Exception {
    private static final long serialVersionUID = 1L;

    /** With what is wrong. */
    public ScramException(String message) {
        super(message);
    }
}
