package io.tern.broker.auth;

import java.net.SocketAddress;

/**
 * Who a connected client is, as authentication established it.
 *
 * @param clientId      the client identifier (assigned by the broker if the client sent none)
 * @param username      the user name, or {@code null}
 * @param remoteAddress the address the client connects from
 */
public record ClientInfo(String clientId, String username, SocketAddress remoteAddress) {
}
