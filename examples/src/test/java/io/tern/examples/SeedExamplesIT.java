package io.tern.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SeedSubscriber and SeedPublisher, each run from tern-examples.jar as a process, as the README shows,
 * against {@code tern broker} run from tern-cli's tern.jar on a free loopback port.
 */
@Timeout(120)
class SeedExamplesIT {
    private static final Pattern LISTENING = Pattern.compile("listening on \\[/?127\\.0\\.0\\.1:(\\d+)[],]");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process process : started) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("SeedSubscriber prints the JSON message SeedPublisher sends through tern broker")
    void subscriberPrintsWhatPublisherSends() {
        Path broker = start("broker", "-jar", jar("tern.jar"), "broker", "--bind", "127.0.0.1", "-p", "0");
        String port = awaitOutput(broker, LISTENING).group(1);
        Path subscriber = start("subscriber", "-cp", jar("examples.jar"), SeedSubscriber.class.getName(),
                "127.0.0.1", port);
        awaitOutput(subscriber, Pattern.compile("subscribed to test"));

        Path publisher = start("publisher", "-cp", jar("examples.jar"), SeedPublisher.class.getName(), "127.0.0.1",
                port);
        awaitOutput(publisher, Pattern.compile("Successful send message!"));

        assertThat(awaitOutput(subscriber, Pattern.compile("Start server!\\R(.*)\\R")).group(1))
                .matches("\\{\"msg\": \"我是一条测试数据!\", "
                        + "\"data\": \"\\d{4}-\\d\\d-\\d\\d \\d\\d-\\d\\d-\\d\\d\"}");
        assertThat(read(subscriber)).startsWith("connected to mqtt with result code 0");
    }

    /** Starts {@code java ARGS}, its output to a file of its own, and returns the file. */
    private Path start(String name, String... args) {
        Path output = dir.resolve(name + ".out");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(List.of(args));
        try {
            started.add(new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return output;
    }

    private static Matcher awaitOutput(Path output, Pattern pattern) {
        await(output.getFileName() + " printing " + pattern).atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> pattern.matcher(read(output)).find());
        Matcher matcher = pattern.matcher(read(output));
        assertThat(matcher.find()).isTrue();
        return matcher;
    }

    private static String read(Path output) {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jar the failsafe configuration names in system property {@code key}: tern.jar or examples.jar. */
    private static String jar(String key) {
        Path jar = Path.of(System.getProperty(key, "missing " + key));
        assertThat(jar).as("built by mvn package (run ./test, or mvn -pl examples -am verify)").isRegularFile();
        return jar.toString();
    }
}
