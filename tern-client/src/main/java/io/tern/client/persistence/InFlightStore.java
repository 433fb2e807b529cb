package io.tern.client.persistence;

import io.tern.client.Message;
import java.util.List;

/**
 * The in-flight publishes of one client, each under a key the client gives in order of acceptance. The
 * client calls {@link #add} before a message may reach the network, {@link #sent} when it gets a packet
 * identifier, {@link #released} when the server answered PUBREC, and {@link #remove} when it completed.
 * Methods may be called from several threads, but never twice at once for one key. Failures are
 * thrown as {@link java.io.UncheckedIOException}.
 */
public interface InFlightStore extends AutoCloseable {
    /** The messages a previous run left, in order of their keys. */
    List<StoredPublish> load();

    /** Keeps a message accepted for publishing. */
    void add(long key, Message message);

    /** Records the packet identifier the message is sent with. */
    void sent(long key, int packetId);

    /** Records that the server received the QoS 2 message (PUBREC): only PUBREL is to be resent. */
    void released(long key);

    /** Forgets a completed (or failed) message. */
    void remove(long key);

    /** Releases the store's resources. */
    @Override
    void close();
}
