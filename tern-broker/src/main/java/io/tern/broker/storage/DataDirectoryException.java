package io.tern.broker.storage;

/**
 * A data directory that the broker cannot use: in use by another broker, of another format version,
 * or holding what it cannot read. The message names the directory; the directory is left as it is.
 */
public final class DataDirectoryException extends IllegalStateException {
    /** An exception with a message that names the directory. */
    public DataDirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
