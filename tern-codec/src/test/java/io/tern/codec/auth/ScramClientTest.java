package io.tern.codec.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The client's side of SCRAM-SHA-256, checked against the example exchange of RFC 7677 section 3. */
class ScramClientTest {
    private static final String CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";

    private final ScramClient client = new ScramClient("user", bytes("pencil"), CLIENT_NONCE);

    @Test
    @DisplayName("the messages and the proof are those of RFC 7677's example")
    void matchesRfc7677() throws ScramException {
        assertThat(text(client.clientFirst())).isEqualTo("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
        assertThat(text(client.clientFinal(bytes(SERVER_FIRST)))).isEqualTo(
                "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                        + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        client.verifyServerFinal(bytes("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="));
    }

    @Test
    @DisplayName("a server signature that is not the password's is refused")
    void wrongServerSignatureRefused() throws ScramException {
        client.clientFinal(bytes(SERVER_FIRST));

        assertThatThrownBy(() -> client.verifyServerFinal(bytes("v=" + Base64.getEncoder().encodeToString(new byte[32]))))
                .isInstanceOf(ScramException.class).hasMessageContaining("signature is wrong");
    }

    @Test
    @DisplayName("a server nonce that does not extend the client's, or too few iterations, are refused")
    void badServerFirstRefused() {
        assertThatThrownBy(() -> client.clientFinal(bytes("r=other,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")))
                .isInstanceOf(ScramException.class).hasMessageContaining("nonce");
        assertThatThrownBy(() -> client.clientFinal(bytes("r=" + CLIENT_NONCE + "x,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=100")))
                .isInstanceOf(ScramException.class).hasMessageContaining("below 4096");
    }

    @Test
    @DisplayName("the keys derived for the server are those the RFC 7677 exchange proves")
    void serverKeysCheckTheProof() throws ScramException {
        ScramKeys keys = ScramKeys.derive(bytes("pencil"), Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
        String authMessage = "n=user,r=" + CLIENT_NONCE + "," + SERVER_FIRST + ",c=biws,r="
                + "rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
        byte[] proof = Base64.getDecoder().decode("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");

        byte[] clientKey = ScramKeys.xor(proof, ScramKeys.hmac(keys.storedKey(), authMessage));

        assertThat(ScramKeys.sha256(clientKey)).isEqualTo(keys.storedKey());
        assertThat(Base64.getEncoder().encodeToString(ScramKeys.hmac(keys.serverKey(), authMessage)))
                .isEqualTo("6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
    }

    @Test
    @DisplayName("user names with ',' and '=' are escaped, and come back")
    void userNamesEscaped() throws ScramException {
        assertThat(ScramMessages.escape("a,b=c")).isEqualTo("a=2Cb=3Dc");
        assertThat(ScramMessages.unescape("a=2Cb=3Dc")).isEqualTo("a,b=c");
        assertThatThrownBy(() -> ScramMessages.unescape("a=b")).isInstanceOf(ScramException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
