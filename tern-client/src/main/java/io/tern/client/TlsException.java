package io.tern.client;

/**
 * TLS with the server failed, for example "TLS handshake with localhost:8883 failed: the server's
 * certificate is not trusted (trust its CA: --cafile)": the message says what to change.
 */
public final class TlsException extends MqttClientException {
    private static final long serialVersionUID = 1L;

    /**
     * A TLS failure.
     *
     * @param message what failed and what to do about it
     * @param cause   the JDK's TLS exception
     */
    public TlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
