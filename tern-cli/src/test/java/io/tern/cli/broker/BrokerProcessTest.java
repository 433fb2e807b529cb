package io.tern.cli.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.cli.support.BrokerProcess;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tern broker} as a process of its own, stopped with SIGTERM as a service manager stops it. */
class BrokerProcessTest {
    @TempDir
    Path dir;

    private BrokerProcess broker;

    @AfterEach
    void killLeftovers() throws InterruptedException {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void sigtermClosesTheBrokerAndExitsWith0() throws Exception {
        Path config = Files.writeString(dir.resolve("tern.yaml"), "listeners:\n  - port: 0\n");
        broker = BrokerProcess.startClasses(dir, "broker", "-c", config.toString());
        Process process = broker.process();

        int port = broker.awaitPort();
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
        String output = broker.log();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("INFO New client connected from /127.0.0.1:")
                .contains("INFO Shutting down: SIGTERM")
                .contains("INFO Tern broker stopped")
                .doesNotContain("Exception");
    }
}
