package io.tern.client.internal;

import io.tern.client.Message;
import io.tern.client.PublishResult;
import java.util.concurrent.CompletableFuture;

/**
 * A publish the client accepted: the message, its future, its key in the in-flight store, and where it
 * is in its QoS flow. Mutable on the event loop only.
 */
final class OutboundPublish {
    final Message message;
    final CompletableFuture<PublishResult> future;
    /** The key in the in-flight store; -1 for QoS 0, which is not stored. */
    final long key;
    /** Whether an earlier run of the program made it, so that its outcome goes to the listeners. */
    final boolean recovered;
    /** The packet identifier while in flight, 0 before. */
    int packetId;
    /** QoS 2: whether PUBREC came, so that only PUBREL is (re)sent. */
    boolean released;
    /** When the flow took it ({@link System#nanoTime()} scale), from which its message expiry counts down. */
    long acceptedAt;

    OutboundPublish(Message message, CompletableFuture<PublishResult> future, long key, boolean recovered) {
        this.message = message;
        this.future = future;
        this.key = key;
        this.recovered = recovered;
    }
}
