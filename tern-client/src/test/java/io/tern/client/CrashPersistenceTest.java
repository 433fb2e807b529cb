package io.tern.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.client.persistence.Persistence;
import io.tern.client.support.BrokerKind;
import io.tern.client.support.Inbox;
import io.tern.client.support.PublishThenHang;
import io.tern.client.support.Resources;
import io.tern.client.support.TestBroker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Directory persistence against a crash: the client process is killed (kill -9) with a publish not yet sent. */
class CrashPersistenceTest {
    @RegisterExtension
    final Resources resources = new Resources();

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    @DisplayName("a publish persisted before it was sent survives a kill -9 of the client process: a new client with "
            + "the same directory and client id sends it, and the subscriber gets it")
    void survivesKill(BrokerKind kind) throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), PublishThenHang.class.getName(), directory.toString(),
                    Integer.toString(silent.getLocalPort()), "crasher", "crash/test", "kept across kill -9")
                    .redirectErrorStream(true).start();
            try {
                BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8));
                CompletableFuture<List<String>> accepted = CompletableFuture.supplyAsync(() ->
                        output.lines().takeWhile(line -> !line.equals(PublishThenHang.ACCEPTED)).toList());
                accepted.get(60, TimeUnit.SECONDS);
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(child.exitValue()).as("killed, not exited").isNotZero();
        }

        TestBroker broker = resources.use(kind.start());
        MqttClient subscriber = resources.use(MqttClient.builder().serverPort(broker.port()).clientId("watcher").build());
        subscriber.connect().get(20, TimeUnit.SECONDS);
        BlockingQueue<Message> received = Inbox.of(subscriber, "crash/#");
        MqttClient restarted = resources.use(MqttClient.builder().serverPort(broker.port()).clientId("crasher")
                .persistence(Persistence.directory(directory)).build());
        restarted.connect().get(20, TimeUnit.SECONDS);

        Message message = received.poll(30, TimeUnit.SECONDS);
        assertThat(message).isNotNull();
        assertThat(message.topic()).isEqualTo("crash/test");
        assertThat(message.payloadAsString()).isEqualTo("kept across kill -9");
    }
}
