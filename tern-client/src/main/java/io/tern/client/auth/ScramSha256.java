package io.tern.client.auth;

import io.tern.client.EnhancedAuth;
import io.tern.codec.auth.ScramClient;
import io.tern.codec.auth.ScramException;

/**
 * SCRAM-SHA-256 (RFC 5802, RFC 7677) as MQTT 5 enhanced authentication: the client proves it knows
 * the password without sending it, and checks that the server knows the user's keys too. The user name
 * must also be given to the builder, without a password, since tern broker applies its ACL to the
 * CONNECT's user name:
 * <pre>{@code
 * MqttClient.builder().credentials("alice", (byte[]) null)
 *         .enhancedAuthentication(new ScramSha256("alice", password)).build();
 * }</pre>
 * Each connect, reconnects included, is a new login with a new nonce.
 */
public final class ScramSha256 implements EnhancedAuth {
    private final String username;
    private final byte[] password;
    private volatile ScramClient login;

    /** Logs in as {@code username} with {@code password} (its bytes, usually UTF-8); keeps a copy of it. */
    public ScramSha256(String username, byte[] password) {
        this.username = username;
        this.password = password.clone();
    }

    @Override
    public String method() {
        return ScramClient.METHOD;
    }

    @Override
    public byte[] initialData() {
        login = new ScramClient(username, password);
        return login.clientFirst();
    }

    @Override
    public byte[] respond(byte[] challenge) {
        try {
            return login.clientFinal(challenge);
        } catch (ScramException e) {
            throw new IllegalStateException("SCRAM-SHA-256: " + e.getMessage(), e);
        }
    }

    @Override
    public void succeeded(byte[] data) {
        try {
            login.verifyServerFinal(data);
        } catch (ScramException e) {
            throw new IllegalStateException("SCRAM-SHA-256: " + e.getMessage(), e);
        }
    }
}
