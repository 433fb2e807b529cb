package io.tern.client;

/**
 * The server did not accept the WebSocket upgrade, for example "WebSocket upgrade at
 * ws://localhost:8080/mqtt refused: 404 Not Found (wrong path?)".
 */
public final class WebSocketUpgradeException extends MqttClientException {
    private static final long serialVersionUID = 1L;

    /**
     * A refused upgrade.
     *
     * @param message what the server answered, and what may be wrong
     * @param cause   Netty's handshake exception
     */
    public WebSocketUpgradeException(String message, Throwable cause) {
        super(message, cause);
    }
}
