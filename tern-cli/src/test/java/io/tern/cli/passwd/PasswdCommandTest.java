package io.tern.cli.passwd;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.auth.SecurityFileException;
import io.tern.broker.auth.password.PasswordFile;
import io.tern.broker.auth.password.Pbkdf2Sha512Hash;
import io.tern.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tern passwd}: the file it writes, its errors and exit codes. */
class PasswdCommandTest {
    @TempDir
    Path dir;
    private final StringWriter err = new StringWriter();

    @Test
    @DisplayName("-c -b creates an owner-only file whose hash checks the password, with SCRAM keys")
    void createsFile() throws Exception {
        Path file = dir.resolve("passwords");

        assertThat(run("passwd", "-c", "-b", "-I", "50", file.toString(), "alice", "s3cret")).isZero();

        PasswordFile passwords = PasswordFile.load(file);
        assertThat(passwords.get("alice").hash().matches(bytes("s3cret"))).isTrue();
        assertThat(((Pbkdf2Sha512Hash) passwords.get("alice").hash()).iterations()).isEqualTo(50);
        assertThat(passwords.get("alice").scram().iterations()).isEqualTo(4096);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    @DisplayName("-b adds and changes users, keeping the others; -D deletes one; --scram-iterations 0 writes no keys")
    void addsChangesDeletes() throws Exception {
        Path file = dir.resolve("passwords");
        run("passwd", "-c", "-b", "-I", "10", file.toString(), "alice", "a1");
        run("passwd", "-b", "-I", "10", "--scram-iterations", "0", file.toString(), "bob", "b1");
        run("passwd", "-b", "-I", "10", file.toString(), "alice", "a2");

        PasswordFile passwords = PasswordFile.load(file);
        assertThat(passwords.get("alice").hash().matches(bytes("a2"))).isTrue();
        assertThat(passwords.get("bob").hash().matches(bytes("b1"))).isTrue();
        assertThat(passwords.get("bob").scram()).isNull();
        assertThat(Files.readAllLines(file).get(0)).startsWith("alice:");

        assertThat(run("passwd", "-D", file.toString(), "alice")).isZero();
        assertThat(PasswordFile.load(file).get("alice")).isNull();
        assertThat(PasswordFile.load(file).size()).isEqualTo(1);
    }

    @Test
    @DisplayName("the password is asked twice; two different ones change nothing and exit with 1")
    void promptsTwice() throws IOException, SecurityFileException {
        Path file = dir.resolve("passwords");

        assertThat(runWithPrompt(() -> "typed", "-c", "-I", "10", file.toString(), "carol")).isZero();
        assertThat(PasswordFile.load(file).get("carol").hash().matches(bytes("typed"))).isTrue();

        String before = Files.readString(file);
        assertThat(runWithPrompt(() -> {
            throw new PasswdCommand.PasswdException("passwords do not match");
        }, file.toString(), "carol")).isEqualTo(1);
        assertThat(err.toString()).contains("tern passwd: passwords do not match");
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    @DisplayName("a missing file, an unknown user to delete, or a broken file exit with 1 and say why")
    void errors() throws IOException {
        Path missing = dir.resolve("none");
        assertThat(run("passwd", "-b", missing.toString(), "alice", "x")).isEqualTo(1);
        assertThat(err.toString()).contains(missing + ": no such file (-c creates it)");
        assertThat(missing).doesNotExist();

        Path file = dir.resolve("passwords");
        run("passwd", "-c", "-b", "-I", "10", file.toString(), "alice", "a1");
        assertThat(run("passwd", "-D", file.toString(), "bob")).isEqualTo(1);
        assertThat(err.toString()).contains("user bob not found in " + file);

        Path broken = dir.resolve("broken");
        Files.writeString(broken, "alice:plain\n");
        assertThat(run("passwd", "-b", broken.toString(), "bob", "x")).isEqualTo(1);
        assertThat(err.toString()).contains(broken + ":1: the hash must begin with $7$ or $6$");
    }

    @Test
    @DisplayName("-U hashes plain text passwords, keeps comments and hashed lines, and a second run changes nothing")
    void upgradesPlainText() throws Exception {
        Path file = dir.resolve("passwords");
        run("passwd", "-c", "-b", "-I", "10", file.toString(), "hashed", "h");
        String hashedLine = Files.readAllLines(file).get(0);
        Files.writeString(file, "# users\n" + hashedLine + "\nplain:pa:ss\n");

        assertThat(run("passwd", "-U", "-I", "10", file.toString())).isZero();
        String once = Files.readString(file);
        assertThat(run("passwd", "-U", "-I", "10", file.toString())).isZero();

        PasswordFile passwords = PasswordFile.load(file);
        assertThat(passwords.get("plain").hash().matches(bytes("pa:ss"))).isTrue();
        assertThat(passwords.get("hashed").hash().matches(bytes("h"))).isTrue();
        assertThat(Files.readAllLines(file)).startsWith("# users", hashedLine);
        assertThat(Files.readString(file)).isEqualTo(once);
        assertThat(run("passwd", "-U", file.toString(), "alice")).isEqualTo(2);
    }

    @Test
    @DisplayName("bad usage exits with 2 and names the problem")
    void badUsage() {
        Path file = dir.resolve("passwords");
        assertThat(run("passwd", "-c", "-D", file.toString(), "a")).isEqualTo(2);
        assertThat(run("passwd", "-c", file.toString(), "a", "pw")).isEqualTo(2);
        assertThat(err.toString()).contains("a password on the command line needs -b");
        assertThat(run("passwd", "-c", "-b", file.toString(), "a")).isEqualTo(2);
        assertThat(run("passwd", "-c", "-b", "--scram-iterations", "100", file.toString(), "a", "pw")).isEqualTo(2);
        assertThat(run("passwd", "-c", "-b", file.toString(), "a:b", "pw")).isEqualTo(2);
        assertThat(file).doesNotExist();
    }

    private int run(String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private int runWithPrompt(PasswordPrompt prompt, String... args) {
        CommandLine commandLine = new CommandLine(new PasswdCommand(prompt));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
