package io.tern.broker.storage;

import io.tern.codec.packet.Subscription;

/**
 * A stored subscription.
 *
 * @param subscription the filter and its options
 * @param identifier   the MQTT 5 subscription identifier, or 0
 */
public record StoredSubscription(Subscription subscription, int identifier) {
}
