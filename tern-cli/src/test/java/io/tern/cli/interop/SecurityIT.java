package io.tern.cli.interop;

import static io.tern.cli.interop.MosquittoClients.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.cli.Main;
import io.tern.cli.interop.Peers.Peer;
import io.tern.cli.support.BrokerProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password files shared with mosquitto both ways, and ACLs reloaded on SIGHUP, with real peers:
 * mosquitto_passwd, the mosquitto broker, mosquitto_pub and mosquitto_sub, and tern broker from tern.jar.
 */
@Timeout(120)
class SecurityIT {
    @TempDir
    Path dir;
    private Peers peers;
    private BrokerProcess tern;

    @BeforeEach
    void peers() {
        Peers.assumeAfterPackage();
        MosquittoClients.requireInstalled();
        peers = new Peers(dir);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (tern != null) {
            tern.close();
        }
        peers.close();
    }

    @Test
    @DisplayName("[MQTT-3.1.4-4] a file of mosquitto_passwd lets its users into tern broker, and no one with a wrong password")
    void mosquittoPasswdFileInTern() throws IOException {
        Path passwords = dir.resolve("passwords");
        peers.run("mosquitto_passwd", List.of(Peers.program("mosquitto_passwd"), "-c", "-b", passwords.toString(),
                "alice", "secret")).awaitSuccess(Peers.RUN_TIMEOUT);
        MosquittoClients clients = new MosquittoClients(peers, startTern("auth:\n  password-file: " + passwords + "\n"),
                "mqttv311");

        clients.publish("-u", "alice", "-P", "secret", "-t", "t", "-m", "m");
        Peer wrong = clients.tryPublish("wrong", "-u", "alice", "-P", "Secret", "-t", "t", "-m", "m");
        Peer anonymous = clients.tryPublish("anonymous", "-t", "t", "-m", "m");

        assertThat(wrong.process().exitValue()).isNotZero();
        assertThat(wrong.output()).contains("bad user name or password");
        assertThat(anonymous.process().exitValue()).isNotZero();
        assertThat(anonymous.output()).contains("not authorised");
    }

    @Test
    @DisplayName("a file of tern passwd, SCRAM keys and all, lets its users into mosquitto, and no one with a wrong password")
    void ternPasswdFileInMosquitto() throws IOException {
        Path passwords = dir.resolve("passwords");
        assertThat(Main.commandLine().execute("passwd", "-c", "-b", passwords.toString(), "bob", "hunter2")).isZero();
        assertThat(Files.readString(passwords)).contains(":scram-sha-256$");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        // user root: run as root, mosquitto would switch to user mosquitto, who cannot read an owner-only file
        Path config = Files.writeString(dir.resolve("mosquitto.conf"), "listener " + port + " 127.0.0.1\n"
                + "allow_anonymous false\npassword_file " + passwords + "\nuser root\n");
        Peer mosquitto = peers.start("mosquitto", List.of(Peers.program("mosquitto"), "-c", config.toString()));
        mosquitto.awaitOutput("running", Duration.ofSeconds(30));
        MosquittoClients clients = new MosquittoClients(peers, port, "mqttv311");

        clients.publish("-u", "bob", "-P", "hunter2", "-t", "t", "-m", "m");
        Peer wrong = clients.tryPublish("wrong", "-u", "bob", "-P", "hunter3", "-t", "t", "-m", "m");

        assertThat(wrong.process().exitValue()).isNotZero();
        assertThat(wrong.output()).contains("Connection Refused");
    }

    @Test
    @DisplayName("SIGHUP reloads the ACL: a connected subscriber keeps its connection and gets what it may now read")
    void sighupReloadsAcl() throws IOException, InterruptedException {
        Path passwords = dir.resolve("passwords");
        Main.commandLine().execute("passwd", "-c", "-b", "-I", "100", passwords.toString(), "alice", "a");
        Main.commandLine().execute("passwd", "-b", "-I", "100", passwords.toString(), "writer", "w");
        Path acl = Files.writeString(dir.resolve("acl"), "user alice\ntopic read a/#\nuser writer\ntopic write #\n");
        MosquittoClients clients = new MosquittoClients(peers, startTern("auth:\n  password-file: " + passwords
                + "\n  acl-file: " + acl + "\n"), "mqttv311");
        Peer alice = clients.subscribe("alice", "-i", "alice-sub", "-u", "alice", "-P", "a", "-t", "#", "-q", "1", "-C", "2", "-v");

        clients.publish("-u", "writer", "-P", "w", "-t", "b/1", "-m", "before", "-q", "1");
        clients.publish("-u", "writer", "-P", "w", "-t", "a/1", "-m", "allowed", "-q", "1");
        Files.writeString(acl, "user alice\ntopic read a/#\ntopic read b/#\nuser writer\ntopic write #\n");
        peers.run("sighup", List.of("kill", "-HUP", String.valueOf(tern.process().pid()))).awaitSuccess(Peers.RUN_TIMEOUT);
        tern.awaitLog(Pattern.compile("security files reloaded"), Duration.ofSeconds(30));
        clients.publish("-u", "writer", "-P", "w", "-t", "b/2", "-m", "after", "-q", "1");

        assertThat(messages(alice)).containsExactly("a/1 allowed", "b/2 after");
        assertThat(Pattern.compile(" as alice-sub ").matcher(tern.log()).results().count())
                .as("alice-sub connected once: the reload did not drop it").isEqualTo(1);
    }

    private int startTern(String config) throws IOException {
        Path file = Files.writeString(dir.resolve("tern.yaml"), config);
        tern = BrokerProcess.startJar(dir, "broker", "-p", "0", "-c", file.toString());
        return tern.awaitPort();
    }
}
