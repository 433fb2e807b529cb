package io.tern.broker.support;

import static io.tern.broker.support.Waits.TIMEOUT;

import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Third-party MQTT clients of an {@link EmbeddedBroker} in MQTT 3.1.1 mode (Eclipse Paho and the
 * HiveMQ MQTT Client), with {@link Waits#TIMEOUT} as their time limits, and quiet ends for finally
 * blocks.
 */
public final class Clients {
    private Clients() {
    }

    /** Connect options of Paho for MQTT 3.1.1, with generous timeouts and no automatic reconnect. */
    public static MqttConnectOptions pahoOptions(boolean cleanSession) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(cleanSession);
        options.setConnectionTimeout((int) TIMEOUT.toSeconds());
        options.setAutomaticReconnect(false);
        return options;
    }

    /** A Paho client of the broker, not connected, with in-memory persistence. */
    public static MqttClient paho(EmbeddedBroker broker, String clientId) throws MqttException {
        MqttClient client = new MqttClient(broker.uri(), clientId, new MemoryPersistence());
        client.setTimeToWait(TIMEOUT.toMillis());
        return client;
    }

    /**
     * A Paho client connected with {@link #pahoOptions(boolean)} and an in-flight window of 1000 (not
     * Paho's 10), so that a test may publish many messages without waiting for their acknowledgements.
     */
    public static MqttClient connectedPaho(EmbeddedBroker broker, String clientId, boolean cleanSession)
            throws MqttException {
        MqttClient client = paho(broker, clientId);
        MqttConnectOptions options = pahoOptions(cleanSession);
        options.setMaxInflight(1000);
        try {
            client.connect(options);
        } catch (MqttException e) {
            closeQuietly(client);
            throw e;
        }
        return client;
    }

    /**
     * Ends a Paho client whatever its state, for finally blocks: DISCONNECT if still connected
     * (without waiting for work in flight), then release its resources. Null and failures are ignored.
     */
    public static void closeQuietly(MqttClient client) {
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                // not disconnectForcibly with a DISCONNECT: Paho then waits out its whole timeout
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

    /** A HiveMQ MQTT Client in MQTT 3.1.1 mode for the broker, not connected. */
    public static Mqtt3BlockingClient hiveMq(EmbeddedBroker broker, String clientId) {
        return com.hivemq.client.mqtt.MqttClient.builder()
                .useMqttVersion3()
                .identifier(clientId)
                .serverHost("127.0.0.1")
                .serverPort(broker.port())
                .buildBlocking();
    }

    /** A HiveMQ MQTT Client in MQTT 3.1.1 mode, connected with clean session 1 and keep alive 60 s. */
    public static Mqtt3BlockingClient connectedHiveMq(EmbeddedBroker broker, String clientId) {
        Mqtt3BlockingClient client = hiveMq(broker, clientId);
        client.connectWith().cleanSession(true).keepAlive(60).send();
        return client;
    }

    /** Disconnects a HiveMQ client if it is still connected, for finally blocks; null and failures are ignored. */
    public static void closeQuietly(Mqtt3BlockingClient client) {
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
