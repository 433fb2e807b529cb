package io.tern.broker.auth.password;

import io.tern.broker.auth.AuthenticationExchange;
import io.tern.broker.auth.AuthenticationMethod;
import io.tern.broker.auth.AuthenticationStep;
import io.tern.broker.auth.ClientInfo;
import io.tern.codec.ReasonCode;
import io.tern.codec.auth.ScramClient;
import io.tern.codec.auth.ScramException;
import io.tern.codec.auth.ScramKeys;
import io.tern.codec.auth.ScramMessages;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SCRAM-SHA-256 (RFC 5802, RFC 7677) through MQTT 5 enhanced authentication: the client logs in without
 * sending its password, with the keys {@code tern passwd} keeps beside each user's hash. CONNECT
 * carries the client-first-message, the broker challenges with the server-first-message (nonce, salt,
 * iterations), the client answers with its proof, and the CONNACK carries the server's signature.
 * The SCRAM user name must be the CONNECT's, which the ACL then applies to.
 *
 * <p>An unknown user, or one without SCRAM keys, gets a challenge like any other (a salt derived from
 * its name) and is refused only at the proof, so that the exchange does not tell which users exist.
 * Every step is a few HMACs: it runs where it is called.
 */
public final class ScramSha256Method implements AuthenticationMethod {
    private static final Logger LOG = LoggerFactory.getLogger(ScramSha256Method.class);
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final Supplier<PasswordFile> passwords;
    /** Keys the decoy salts of unknown users: the same name gets the same salt, unguessable from outside. */
    private final byte[] decoySecret = new byte[32];

    /** Over the password file in force. */
    public ScramSha256Method(Supplier<PasswordFile> passwords) {
        this.passwords = passwords;
        new SecureRandom().nextBytes(decoySecret);
    }

    @Override
    public String name() {
        return ScramClient.METHOD;
    }

    @Override
    public AuthenticationExchange begin(ClientInfo client) {
        return new Exchange(client);
    }

    /** One login: the client-first-message, then the client-final-message. */
    private final class Exchange implements AuthenticationExchange {
        private final ClientInfo client;
        private ScramKeys keys;
        private boolean knownUser;
        private String clientFirstBare;
        private String serverFirst;
        private String nonce;

        Exchange(ClientInfo client) {
            this.client = client;
        }

        @Override
        public CompletionStage<AuthenticationStep> respond(byte[] clientData) {
            AuthenticationStep step;
            try {
                step = serverFirst == null ? challenge(ScramMessages.text(clientData))
                        : verify(ScramMessages.text(clientData));
            } catch (ScramException e) {
                LOG.info("SCRAM-SHA-256 login of client {} refused: {}", client.clientId(), e.getMessage());
                step = AuthenticationStep.failure(ReasonCode.NOT_AUTHORIZED);
            }
            return CompletableFuture.completedFuture(step);
        }

        private AuthenticationStep challenge(String clientFirst) throws ScramException {
            if (!clientFirst.startsWith(ScramMessages.GS2_HEADER)) {
                throw new ScramException("only the GS2 header n,, is supported (no channel binding, no authzid)");
            }
            clientFirstBare = clientFirst.substring(ScramMessages.GS2_HEADER.length());
            Map<Character, String> attributes = ScramMessages.attributes(clientFirstBare);
            String username = ScramMessages.unescape(ScramMessages.required(attributes, 'n'));
            if (!username.equals(client.username())) {
                throw new ScramException("SCRAM user " + username + " is not the CONNECT's user name "
                        + client.username());
            }
            PasswordEntry entry = passwords.get().get(username);
            knownUser = entry != null && entry.scram() != null;
            keys = knownUser ? entry.scram() : decoyKeys(username);
            nonce = ScramMessages.required(attributes, 'r') + ScramClient.nonce();
            serverFirst = "r=" + nonce + ",s=" + BASE64.encodeToString(keys.salt()) + ",i=" + keys.iterations();
            return AuthenticationStep.challenge(ScramMessages.bytes(serverFirst));
        }

        private AuthenticationStep verify(String clientFinal) throws ScramException {
            int proofAt = clientFinal.lastIndexOf(",p=");
            if (proofAt < 0) {
                throw new ScramException("no proof in the client-final-message");
            }
            String withoutProof = clientFinal.substring(0, proofAt);
            Map<Character, String> attributes = ScramMessages.attributes(withoutProof);
            String binding = BASE64.encodeToString(ScramMessages.bytes(ScramMessages.GS2_HEADER));
            if (!binding.equals(attributes.get('c')) || !nonce.equals(attributes.get('r'))) {
                throw new ScramException("the channel binding or the nonce is not the one of this exchange");
            }
            byte[] proof;
            try {
                proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
            } catch (IllegalArgumentException e) {
                throw new ScramException("the proof is not valid Base64");
            }
            String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
            byte[] clientSignature = ScramKeys.hmac(keys.storedKey(), authMessage);
            boolean proven = proof.length == clientSignature.length
                    && MessageDigest.isEqual(ScramKeys.sha256(ScramKeys.xor(proof, clientSignature)), keys.storedKey());
            if (!proven || !knownUser) {
                throw new ScramException("wrong proof for user " + client.username());
            }
            return AuthenticationStep.success(ScramMessages.bytes(
                    "v=" + BASE64.encodeToString(ScramKeys.hmac(keys.serverKey(), authMessage))));
        }

        private ScramKeys decoyKeys(String username) {
            byte[] salt = Arrays.copyOf(ScramKeys.hmac(decoySecret, username), 16);
            return new ScramKeys(salt, ScramKeys.MIN_ITERATIONS, new byte[32], new byte[32]);
        }
    }
}
