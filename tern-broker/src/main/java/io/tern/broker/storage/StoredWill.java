package io.tern.broker.storage;

import io.tern.broker.routing.Message;

/**
 * A will waiting for its MQTT 5 will delay interval, as a session keeps it after its connection ended.
 *
 * @param message         the will message
 * @param username        the user name its client connected with, or {@code null}, to authorize it
 * @param publishAtMillis when it is due, in {@link System#currentTimeMillis()} time
 */
public record StoredWill(Message message, String username, long publishAtMillis) {
}
