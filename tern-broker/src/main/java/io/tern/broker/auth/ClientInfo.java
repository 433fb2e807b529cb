package io.tern.broker.auth;

import java.net.SocketAddress;

/**
 * Who a connected client is, as authentication established it.
 *
 * @param clientId      the client identifier (assigned by the broker if the client sent none)
 * @param username      the user name, or {@code null}
 * @param remoteAddress the address the client connects from
 * @param certified     whether the user name is the common name of the client certificate that the TLS
 *                      handshake verified (a listener with use-identity-as-username), so that the
 *                      certificate, not a password, proves who the client is
 */
public record ClientInfo(String clientId, String username, SocketAddress remoteAddress, boolean certified) {
    /** A client whose user name is the one it sent. */
    public ClientInfo(String clientId, String username, SocketAddress remoteAddress) {
        this(clientId, username, remoteAddress, false);
    }
}
