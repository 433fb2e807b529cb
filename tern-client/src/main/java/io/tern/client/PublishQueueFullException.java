package io.tern.client;

/**
 * Back-pressure: the publish was not accepted because the queue of publishes waiting for the
 * server's receive maximum (or, while offline, the offline buffer) is full. The message was not sent;
 * retry when earlier publishes completed.
 */
public final class PublishQueueFullException extends MqttClientException {
    private static final long serialVersionUID = 1L;

    /** A full queue of the given capacity. */
    public PublishQueueFullException(String queue, int capacity) {
        super(queue + " is full (" + capacity + " messages): wait for earlier publishes to complete", null);
    }
}
