package io.tern.client;

import io.tern.codec.ReasonCode;

/**
 * The connection ended without the client asking: the network failed, the keep alive expired, or the
 * server sent DISCONNECT (whose reason code and string this carries). Operations waiting for an answer
 * fail with it unless automatic reconnect resends them.
 */
public final class ConnectionLostException extends MqttClientException {
    private static final long serialVersionUID = 1L;

    /** A loss from the network, with the cause. */
    public ConnectionLostException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A DISCONNECT from the server. */
    public ConnectionLostException(ReasonCode reasonCode, String reasonString) {
        super("disconnected by the server: " + describe(reasonCode, reasonString), reasonCode, reasonString, null);
    }
}
