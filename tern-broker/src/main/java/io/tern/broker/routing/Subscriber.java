package io.tern.broker.routing;

import io.tern.broker.session.Session;
import io.tern.codec.packet.Subscription;

/**
 * A session's subscription to one topic filter, as the topic index holds it.
 *
 * @param session      the subscribing session
 * @param subscription the topic filter and its options
 * @param identifier   the MQTT 5 subscription identifier, or 0 for none
 */
public record Subscriber(Session session, Subscription subscription, int identifier) {
}
