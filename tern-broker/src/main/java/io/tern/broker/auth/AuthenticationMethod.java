package io.tern.broker.auth;

/**
 * A method of MQTT 5 enhanced authentication, such as a challenge-response or SCRAM-SHA-256: a
 * client that names it in CONNECT (Authentication Method) authenticates through an exchange of AUTH
 * packets instead of a password, and may authenticate again later on the same connection.
 */
public interface AuthenticationMethod {
    /** The name clients give as Authentication Method, e.g. {@code SCRAM-SHA-256}; compared exactly. */
    String name();

    /**
     * Begins one authentication of a client: at CONNECT, or a re-authentication of a connected client.
     * The exchange holds the state of its steps and is used from one thread at a time.
     */
    AuthenticationExchange begin(ClientInfo client);
}
