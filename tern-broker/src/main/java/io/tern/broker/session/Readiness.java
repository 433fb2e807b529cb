package io.tern.broker.session;

/**
 * How ready a session is to take one more message at once, as its event loop last saw it: what a
 * shared subscription group reads from other threads to choose a member. A hint only, which may be
 * stale by the time the message arrives; the session queues what it cannot send.
 */
public enum Readiness {
    /** No connection: a message waits in the session's queue. */
    OFFLINE,
    /** Connected, but the in-flight window is full, messages queue behind it, or its socket takes no more. */
    BUSY,
    /** Connected with room in the in-flight window: a message is sent at once. */
    READY
}
