package io.tern.broker.session;

import io.tern.broker.auth.ClientInfo;
import io.tern.broker.routing.Message;

/** Publishes the will of a client whose session delayed it, if the client may publish there. */
@FunctionalInterface
public interface WillPublisher {
    /** Publishes {@code will} as the will of {@code client}; takes over the caller's reference. */
    void publishWill(ClientInfo client, Message will);
}
