package io.tern.broker.storage;

import io.tern.broker.routing.Message;
import io.tern.codec.QoS;

/**
 * A stored message of a session.
 *
 * @param sequence its place in the session's order
 * @param message  the message, or {@code null} once PUBREC came for it
 * @param qos      the QoS of its delivery to this client
 * @param retain   the RETAIN flag of its delivery
 * @param packetId the packet identifier it was sent with, or 0 if it is still queued
 * @param subscriptionIdentifiers the MQTT 5 subscription identifiers it is delivered for
 * @param sharedFilter the shared subscription ({@code $share/{ShareName}/{filter}}) it is delivered for, to go
 *                     back to that group if the session leaves it before delivering it; {@code null} for none
 */
public record StoredMessage(long sequence, Message message, QoS qos, boolean retain, int packetId,
                            int[] subscriptionIdentifiers, String sharedFilter) {
}
