package io.tern.client.persistence;

import io.tern.client.Message;
import java.util.Objects;

/**
 * A publish found in an {@link InFlightStore}.
 *
 * @param key      its key, in order of acceptance
 * @param message  the message
 * @param packetId the packet identifier it was sent with, 0 if it was never sent
 * @param released whether the server answered PUBREC, so that only PUBREL is to be sent again
 */
public record StoredPublish(long key, Message message, int packetId, boolean released) {
    /** Checks the components. */
    public StoredPublish {
        Objects.requireNonNull(message, "message");
    }
}
