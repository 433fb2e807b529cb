package io.tern.broker.auth.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tern.broker.auth.SecurityFileException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Password files in mosquitto's formats, with and without SCRAM keys. */
class PasswordFileTest {
    /** Written by mosquitto_passwd 2.0.11: {@code mosquitto_passwd -c -b f alice secret}. */
    private static final String MOSQUITTO_2 = "alice:$7$101$qpdJub5+0v+T9Fou$IzogaNzHzEBks7CbDx7kYj+OBnY2FMHZiKmWSvqbs"
            + "e2p1r7N/8Nmo02Un5+Kv6ypHyyP4Lbk8nbVK9HuRPr6Wg==";
    /** Written by {@code mosquitto_passwd -c -H sha512 -b f olduser oldpass}: mosquitto 1.x's format. */
    private static final String MOSQUITTO_1 = "olduser:$6$vd70orhkPUNkEUb+$AVqbyrdNXjIN7WAtP/gUBUgx5xBMCpp+xXLVnCVNGd/"
            + "gGHTQ0t4B9w2mPPH/mSVYWvNZxFNZqcQ70/1BsI2eSQ==";

    @Test
    @DisplayName("a file written by mosquitto_passwd ($7$ and $6$) checks its passwords")
    void readsMosquittoFiles() throws SecurityFileException {
        PasswordFile file = PasswordFile.parse("passwords", "# users\n" + MOSQUITTO_2 + "\n\n" + MOSQUITTO_1 + "\n");

        assertThat(file.size()).isEqualTo(2);
        assertThat(file.get("alice").hash().matches(bytes("secret"))).isTrue();
        assertThat(file.get("alice").hash().matches(bytes("Secret"))).isFalse();
        assertThat(file.get("alice").scram()).isNull();
        assertThat(file.get("olduser").hash().matches(bytes("oldpass"))).isTrue();
        assertThat(file.get("olduser").hash().matches(bytes("oldpas"))).isFalse();
    }

    @Test
    @DisplayName("an entry written with SCRAM keys reads back the same, and its hash is mosquitto's $7$")
    void roundTrip() throws SecurityFileException {
        PasswordEntry entry = PasswordEntry.of("bob", bytes("hunter2"), 1000, 4096);

        PasswordEntry read = PasswordFile.parse("p", entry.line()).get("bob");

        assertThat(entry.line()).matches("bob:\\$7\\$1000\\$[A-Za-z0-9+/=]{16}\\$[A-Za-z0-9+/=]{88}"
                + ":scram-sha-256\\$4096\\$[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]{44}\\$[A-Za-z0-9+/=]{44}");
        assertThat(read.line()).isEqualTo(entry.line());
        assertThat(read.hash().matches(bytes("hunter2"))).isTrue();
        assertThat(read.scram().storedKey()).isEqualTo(entry.scram().storedKey());
    }

    @Test
    @DisplayName("adding, replacing and deleting users keeps the other lines as they were")
    void editsKeepOtherLines() throws SecurityFileException {
        PasswordFile file = PasswordFile.parse("p", "# keep me\n" + MOSQUITTO_2 + "\n" + MOSQUITTO_1 + "\n");

        PasswordFile edited = file.with(PasswordEntry.of("alice", bytes("new"), 10, 0))
                .with(PasswordEntry.of("carol", bytes("c"), 10, 0)).without("olduser");

        assertThat(edited.text().lines()).hasSize(3).first().isEqualTo("# keep me");
        assertThat(edited.text().lines().toList().get(1)).startsWith("alice:$7$10$");
        assertThat(edited.text().lines().toList().get(2)).startsWith("carol:$7$10$");
        assertThat(edited.get("olduser")).isNull();
        assertThat(file.get("alice").hash().matches(bytes("secret"))).as("the original is unchanged").isTrue();
    }

    @Test
    @DisplayName("a line that is not an entry is refused with its line number and why")
    void badLinesRefused() {
        assertThatThrownBy(() -> PasswordFile.parse("pw", "alice:secret\n"))
                .isInstanceOf(SecurityFileException.class).hasMessage("pw:1: the hash must begin with $7$ or $6$ "
                        + "(plain text passwords are not read: hash them with tern passwd or mosquitto_passwd -U)");
        assertThatThrownBy(() -> PasswordFile.parse("pw", "# c\nbob\n"))
                .isInstanceOf(SecurityFileException.class).hasMessageStartingWith("pw:2: a line is user:hash");
        assertThatThrownBy(() -> PasswordFile.parse("pw", MOSQUITTO_2 + "\n" + MOSQUITTO_2))
                .isInstanceOf(SecurityFileException.class).hasMessage("pw:2: user 'alice' is given twice");
        assertThatThrownBy(() -> PasswordFile.parse("pw", "a:$7$many$c2FsdA==$aGFzaA=="))
                .isInstanceOf(SecurityFileException.class).hasMessageContaining("must be a number, not 'many'");
        assertThatThrownBy(() -> PasswordFile.parse("pw", MOSQUITTO_2 + ":scram-sha-1$1$a$b$c"))
                .isInstanceOf(SecurityFileException.class).hasMessageContaining("third field");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
