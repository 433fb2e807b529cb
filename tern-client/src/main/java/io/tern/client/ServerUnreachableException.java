package io.tern.client;

/**
 * The client could not open a network connection to the server, for example "cannot reach
 * 127.0.0.1:1883: connection refused — is a broker running?".
 */
public final class ServerUnreachableException extends MqttClientException {
    private static final long serialVersionUID = 1L;

    /**
     * An unreachable server.
     *
     * @param server "host:port"
     * @param cause  the network failure
     */
    public ServerUnreachableException(String server, Throwable cause) {
        super("cannot reach " + server + ": " + reason(cause), cause);
    }

    private static String reason(Throwable cause) {
        String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof java.net.ConnectException && text.toLowerCase(java.util.Locale.ROOT).contains("refused")) {
            return "connection refused — is a broker running?";
        }
        return text;
    }
}
