package io.tern.broker.auth;

/** A password or ACL file that cannot be used, with where and why: {@code acl:7: unknown keyword 'topik'}. */
public final class SecurityFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String reason;

    /**
     * @param source the file as the user named it
     * @param line   the line, 1 for the first; 0 for the whole file
     * @param reason what is wrong, for a person
     */
    public SecurityFileException(String source, int line, String reason) {
        super(source + (line > 0 ? ":" + line : "") + ": " + reason);
        this.source = source;
        this.line = line;
        this.reason = reason;
    }

    /** The file as the user named it. */
    public String source() {
        return source;
    }

    /** The line (1 for the first), or 0 for the whole file. */
    public int line() {
        return line;
    }

    /** What is wrong, without where. */
    public String reason() {
        return reason;
    }
}
