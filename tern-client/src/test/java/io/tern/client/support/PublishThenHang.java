package io.tern.client.support;

import io.tern.client.Message;
import io.tern.client.MqttClient;
import io.tern.client.persistence.Persistence;
import io.tern.codec.QoS;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A client process for crash tests: connects to a server that never answers, publishes one QoS 1 message
 * (which waits in the offline buffer, persisted under the directory), prints "accepted" and waits to be
 * killed. Arguments: directory, port, client id, topic, payload.
 */
public final class PublishThenHang {
    /** The line printed once the publish returned. */
    public static final String ACCEPTED = "accepted";

    private PublishThenHang() {
    }

    public static void main(String[] args) throws InterruptedException {
        MqttClient client = MqttClient.builder().serverPort(Integer.parseInt(args[1])).clientId(args[2])
                .persistence(Persistence.directory(Path.of(args[0]))).connectTimeout(Duration.ofMinutes(10)).build();
        client.connect();
        client.publish(Message.builder().topic(args[3]).payload(args[4]).qos(QoS.AT_LEAST_ONCE).build());
        System.out.println(ACCEPTED);
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
