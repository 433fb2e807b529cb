package io.tern.client;

import java.time.Duration;

/** The server did not answer in time: CONNACK, an acknowledgement, a PINGRESP or a response. */
public final class MqttTimeoutException extends MqttClientException {
    private static final long serialVersionUID = 1L;

    /**
     * A timeout.
     *
     * @param what    what was waited for, such as "CONNACK from 127.0.0.1:1883"
     * @param timeout how long it was waited for
     */
    public MqttTimeoutException(String what, Duration timeout) {
        super("no " + what + " within " + timeout.toMillis() + " ms", null);
    }
}
