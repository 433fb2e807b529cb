package io.tern.broker.auth;

/**
 * Decides what a connected client may publish, subscribe to and receive. It is called on the event
 * loops: for each PUBLISH and each topic filter of a SUBSCRIBE on the client's, and for each message
 * delivered to the client on its session's; so it must answer from memory, and quickly.
 */
public interface Authorizer {
    /** Allows everything. */
    Authorizer ALLOW_ALL = new Authorizer() {
        @Override
        public boolean canPublish(ClientInfo client, String topic) {
            return true;
        }

        @Override
        public boolean canSubscribe(ClientInfo client, String topicFilter) {
            return true;
        }
    };

    /** Whether the client may publish to the topic name. */
    boolean canPublish(ClientInfo client, String topic);

    /** Whether the client may subscribe to the topic filter. */
    boolean canSubscribe(ClientInfo client, String topicFilter);

    /**
     * Whether a message published to the topic name may be delivered to the client, which subscribed to
     * a filter that matches it. Everything, unless overridden.
     */
    default boolean canReceive(ClientInfo client, String topic) {
        return true;
    }
}
