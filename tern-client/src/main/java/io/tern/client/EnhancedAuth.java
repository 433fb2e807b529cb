package io.tern.client;

/**
 * MQTT 5 enhanced authentication: a challenge and response exchange (AUTH packets) with the server,
 * such as SCRAM. The client sends the method and initial data in CONNECT, then answers each challenge
 * of the server with {@link #respond(byte[])} until the server sends CONNACK.
 */
public interface EnhancedAuth {
    /** The authentication method, such as {@code SCRAM-SHA-256}. */
    String method();

    /** The authentication data sent in CONNECT, or {@code null} for none. */
    byte[] initialData();

    /**
     * The answer to a challenge of the server (AUTH with reason code Continue authentication).
     *
     * @param challenge the server's authentication data, possibly empty
     * @return the authentication data to send back, or {@code null} for none
     * @throws RuntimeException to give up: the client disconnects and the connect fails with it
     */
    byte[] respond(byte[] challenge);

    /**
     * The server accepted the authentication, with the authentication data of its CONNACK (possibly
     * empty), which a method may check, throwing to refuse the server.
     */
    default void succeeded(byte[] data) {
    }
}
