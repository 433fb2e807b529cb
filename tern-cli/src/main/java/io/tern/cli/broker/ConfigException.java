package io.tern.cli.broker;

/** A configuration that cannot be used, with where and why: {@code tern.yaml:7: unknown key ...}. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String reason;

    /**
     * @param source the file as the user named it, or the option that was given
     * @param line   the line in the file, 1 for the first; 0 when not known or not a file
     * @param reason what is wrong, for a person
     */
    public ConfigException(String source, int line, String reason) {
        super(source + (line > 0 ? ":" + line : "") + ": " + reason);
        this.source = source;
        this.line = line;
        this.reason = reason;
    }

    /** The file as the user named it, or the option that was given. */
    public String source() {
        return source;
    }

    /** The line in the file (1 for the first), or 0 when not known. */
    public int line() {
        return line;
    }

    /** What is wrong, without where. */
    public String reason() {
        return reason;
    }
}
