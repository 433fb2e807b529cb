package io.tern.client;

/**
 * The operation needs a connection and there is none: the client was never connected, was
 * disconnected, or is closed (automatic reconnect off).
 */
public final class NotConnectedException extends MqttClientException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message saying what to do. */
    public NotConnectedException(String message) {
        super(message, null);
    }
}
