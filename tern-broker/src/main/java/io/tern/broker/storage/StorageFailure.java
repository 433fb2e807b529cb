package io.tern.broker.storage;

/** A durable store could not write or sync: what was to be stored may not be. */
public final class StorageFailure extends Exception {
    /** A failure with what went wrong and its cause. */
    public StorageFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
