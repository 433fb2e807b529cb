package io.tern.codec.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** PBKDF2 on bytes, against RFC 6070's vector and the JDK's own PBKDF2. */
class Pbkdf2Test {
    @Test
    @DisplayName("PBKDF2-HMAC-SHA1 gives RFC 6070's vector")
    void rfc6070() {
        byte[] key = Pbkdf2.derive("HmacSHA1", "password".getBytes(StandardCharsets.US_ASCII),
                "salt".getBytes(StandardCharsets.US_ASCII), 4096, 20);

        assertThat(HexFormat.of().formatHex(key)).isEqualTo("4b007901b765489abead49d926f721d065a429c1");
    }

    @Property(tries = 30)
    @Label("PBKDF2-HMAC-SHA512 gives what the JDK gives for ASCII passwords, at any length")
    void sameAsJdk(@ForAll @StringLength(min = 1, max = 40) String password, @ForAll byte[] salt,
                   @ForAll @IntRange(min = 1, max = 50) int iterations, @ForAll @IntRange(min = 1, max = 150) int length)
            throws Exception {
        String ascii = password.chars().map(c -> 'a' + Math.floorMod(c, 26))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        byte[] salted = salt.length == 0 ? new byte[] {1} : salt;
        byte[] jdk = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                .generateSecret(new PBEKeySpec(ascii.toCharArray(), salted, iterations, length * 8)).getEncoded();

        assertThat(Pbkdf2.derive("HmacSHA512", ascii.getBytes(StandardCharsets.US_ASCII), salted, iterations, length))
                .isEqualTo(jdk);
    }
}
