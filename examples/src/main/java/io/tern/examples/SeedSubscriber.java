package io.tern.examples;

import io.tern.client.MqttClient;
import io.tern.codec.MqttVersion;
import io.tern.codec.QoS;
import java.util.concurrent.CountDownLatch;

/**
 * The seed's subscriber (serverMqttTest.py) on tern-client: subscribes to topic {@code test} on the broker
 * at HOST:PORT (default 127.0.0.1:1883) and prints each message until stopped (Ctrl-C).
 * {@code tern sub -t test -v} does the same from a shell.
 */
public final class SeedSubscriber {
    private SeedSubscriber() {
    }

    /** {@code SeedSubscriber [HOST [PORT]]}. */
    public static void main(String[] args) throws InterruptedException {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 1883;

        MqttClient client = MqttClient.builder().serverHost(host).serverPort(port)
                .version(MqttVersion.V3_1_1).build();
        System.out.println("connected to mqtt with result code " + client.connect().join().reasonCode().value());
        client.subscribe("test", QoS.AT_MOST_ONCE, message -> {
            System.out.println("Start server!");
            System.out.println(message.payloadAsString());
        }).join();
        System.out.println("subscribed to test");
        new CountDownLatch(1).await(); // runs until the process is stopped, as the seed's loop_forever()
    }
}
