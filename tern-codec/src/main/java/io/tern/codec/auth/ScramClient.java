package io.tern.codec.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The client's side of one SCRAM-SHA-256 authentication (RFC 5802, RFC 7677), such as over MQTT 5
 * enhanced authentication with the method {@value #METHOD}: {@link #clientFirst()} goes in CONNECT,
 * {@link #clientFinal(byte[])} answers the server's challenge, and {@link #verifyServerFinal(byte[])}
 * checks that the server knew the keys. The password never leaves the client. No channel binding, and
 * the password is taken as it is (no SASLprep): ASCII passwords are safe.
 */
public final class ScramClient {
    /** The name of the method in MQTT's Authentication Method. */
    public static final String METHOD = "SCRAM-SHA-256";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();

    private final byte[] password;
    private final String clientFirstBare;
    private final String clientNonce;
    private byte[] expectedServerSignature;

    /** A login of {@code username} with {@code password} (its bytes, usually UTF-8). */
    public ScramClient(String username, byte[] password) {
        this(username, password, nonce());
    }

    ScramClient(String username, byte[] password, String clientNonce) {
        this.password = password.clone();
        this.clientNonce = clientNonce;
        this.clientFirstBare = "n=" + ScramMessages.escape(username) + ",r=" + clientNonce;
    }

    /** A random nonce of 18 bytes in Base64: printable and without ','. */
    public static String nonce() {
        byte[] random = new byte[18];
        RANDOM.nextBytes(random);
        return BASE64.encodeToString(random);
    }

    /** The client-first-message: {@code n,,n=user,r=nonce}. */
    public byte[] clientFirst() {
        return ScramMessages.bytes(ScramMessages.GS2_HEADER + clientFirstBare);
    }

    /**
     * The client-final-message that answers the server-first-message, with the proof.
     *
     * @throws ScramException if the server's message is malformed, its nonce does not extend ours, or
     *                        its iteration count is below {@link ScramKeys#MIN_ITERATIONS}
     */
    public byte[] clientFinal(byte[] serverFirstMessage) throws ScramException {
        String serverFirst = ScramMessages.text(serverFirstMessage);
        Map<Character, String> attributes = ScramMessages.attributes(serverFirst);
        String nonce = ScramMessages.required(attributes, 'r');
        if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
            throw new ScramException("the server's nonce does not extend the client's");
        }
        byte[] salt;
        int iterations;
        try {
            salt = BASE64_DECODER.decode(ScramMessages.required(attributes, 's'));
            iterations = Integer.parseInt(ScramMessages.required(attributes, 'i'));
        } catch (IllegalArgumentException e) {
            throw new ScramException("malformed salt or iteration count in " + serverFirst);
        }
        if (iterations < ScramKeys.MIN_ITERATIONS) {
            throw new ScramException("iteration count " + iterations + " is below " + ScramKeys.MIN_ITERATIONS);
        }
        String withoutProof = "c=" + BASE64.encodeToString(ScramMessages.bytes(ScramMessages.GS2_HEADER))
                + ",r=" + nonce;
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] salted = ScramKeys.saltedPassword(password, salt, iterations);
        byte[] clientKey = ScramKeys.clientKey(salted);
        byte[] clientSignature = ScramKeys.hmac(ScramKeys.sha256(clientKey), authMessage);
        expectedServerSignature = ScramKeys.hmac(ScramKeys.hmac(salted, "Server Key"), authMessage);
        return ScramMessages.bytes(withoutProof + ",p=" + BASE64.encodeToString(ScramKeys.xor(clientKey, clientSignature)));
    }

    /**
     * Checks the server-final-message: the server proves it holds the keys of the password.
     *
     * @throws ScramException if it reports an error or its signature is wrong
     */
    public void verifyServerFinal(byte[] serverFinalMessage) throws ScramException {
        if (expectedServerSignature == null) {
            throw new ScramException("no client-final-message was sent");
        }
        Map<Character, String> attributes = ScramMessages.attributes(ScramMessages.text(serverFinalMessage));
        if (attributes.containsKey('e')) {
            throw new ScramException("the server refused: " + attributes.get('e'));
        }
        byte[] signature;
        try {
            signature = BASE64_DECODER.decode(ScramMessages.required(attributes, 'v'));
        } catch (IllegalArgumentException e) {
            throw new ScramException("malformed server signature");
        }
        if (!MessageDigest.isEqual(signature, expectedServerSignature)) {
            throw new ScramException("the server's signature is wrong: it does not know the password");
        }
    }
}
