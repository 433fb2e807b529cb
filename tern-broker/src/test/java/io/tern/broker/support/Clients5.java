package io.tern.broker.support;

import static io.tern.broker.support.Waits.TIMEOUT;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Third-party MQTT 5 clients of an {@link EmbeddedBroker} (Eclipse Paho mqttv5 and the HiveMQ MQTT
 * Client), with {@link Waits#TIMEOUT} as their time limits, and quiet ends for finally blocks: the
 * MQTT 5 counterpart of {@link Clients}.
 */
public final class Clients5 {
    private Clients5() {
    }

    /** Connect options of Paho mqttv5: clean start, generous timeout, no automatic reconnect. */
    public static MqttConnectionOptions pahoOptions() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setConnectionTimeout((int) TIMEOUT.toSeconds());
        options.setAutomaticReconnect(false);
        return options;
    }

    /** A Paho mqttv5 client of the broker, not connected, with in-memory persistence. */
    public static org.eclipse.paho.mqttv5.client.MqttClient paho(EmbeddedBroker broker, String clientId)
            throws MqttException {
        org.eclipse.paho.mqttv5.client.MqttClient client =
                new org.eclipse.paho.mqttv5.client.MqttClient(broker.uri(), clientId, new MemoryPersistence());
        client.setTimeToWait(TIMEOUT.toMillis());
        return client;
    }

    /** Ends a Paho mqttv5 client whatever its state, for finally blocks; null and failures are ignored. */
    public static void closeQuietly(org.eclipse.paho.mqttv5.client.MqttClient client) {
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnect(TIMEOUT.toMillis());
            }
        } catch (MqttException | RuntimeException e) {
            try {
                client.disconnectForcibly(0, 1000, false);
            } catch (MqttException | RuntimeException ignored) {
                // closing anyway
            }
        }
        try {
            client.close(true);
        } catch (MqttException | RuntimeException ignored) {
            // nothing more to release
        }
    }

    /** A HiveMQ MQTT Client in MQTT 5 mode for the broker, not connected. */
    public static Mqtt5BlockingClient hiveMq(EmbeddedBroker broker, String clientId) {
        return MqttClient.builder()
                .useMqttVersion5()
                .identifier(clientId)
                .serverHost("127.0.0.1")
                .serverPort(broker.port())
                .buildBlocking();
    }

    /** Disconnects a HiveMQ MQTT 5 client if it is still connected, for finally blocks; null and failures are ignored. */
    public static void closeQuietly(Mqtt5BlockingClient client) {
        if (client == null) {
            return;
        }
        try {
            if (client.getState().isConnected()) {
                client.disconnect();
            }
        } catch (RuntimeException ignored) {
            // already gone
        }
    }
}
