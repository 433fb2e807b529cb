package io.tern.examples;

import io.tern.client.Message;
import io.tern.client.MqttClient;
import io.tern.codec.MqttVersion;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The seed's publisher (clicentMqttTest.py) on tern-client: publishes one JSON message,
 * {@code {"msg": ..., "data": time}}, to topic {@code test} on the broker at HOST:PORT (default
 * 127.0.0.1:1883). {@code tern pub -t test -m '{"msg": "hello"}'} does the same from a shell.
 */
public final class SeedPublisher {
    private SeedPublisher() {
    }

    /** {@code SeedPublisher [HOST [PORT]]}. */
    public static void main(String[] args) {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 1883;
        String now = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH-mm-ss"));
        String payload = "{\"msg\": \"我是一条测试数据!\", \"data\": \"" + now + "\"}";

        try (MqttClient client = MqttClient.builder().serverHost(host).serverPort(port)
                .version(MqttVersion.V3_1_1).build()) {
            client.connect().join();
            client.publish(Message.of("test", payload)).join();
            client.disconnect().join();
        }
        System.out.println("Successful send message!");
    }
}
