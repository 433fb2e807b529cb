package io.tern.cli.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tern broker} as a process of its own, stopped with SIGTERM as a service manager stops it. */
class BrokerProcessTest {
    private static final Pattern LISTENING = Pattern.compile("listening on \\[/?127\\.0\\.0\\.1:(\\d+)]");

    @TempDir
    Path dir;

    private Process process;

    @AfterEach
    void killLeftovers() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void sigtermClosesTheBrokerAndExitsWith0() throws Exception {
        Path config = Files.writeString(dir.resolve("tern.yaml"), "listeners:\n  - port: 0\n");
        Path log = dir.resolve("stderr.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.tern.cli.Main",
                "broker", "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();

        int port = await().atMost(Duration.ofSeconds(60))
                .until(() -> port(log), found -> found > 0 || !process.isAlive());
        assertThat(process.isAlive()).as(Files.readString(log)).isTrue();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {0x10, 14, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60, 0, 2, 'p', '1'});
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(in.readNBytes(4)).containsExactly(0x20, 0x02, 0x00, 0x00);

            process.destroy(); // SIGTERM

            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited").isTrue();
            assertThat(in.read()).as("connection closed").isEqualTo(-1);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("INFO New client connected from /127.0.0.1:")
                .contains("INFO Shutting down: SIGTERM")
                .contains("INFO Tern broker stopped")
                .doesNotContain("Exception");
    }

    private static int port(Path log) throws IOException {
        Matcher matcher = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }
}
