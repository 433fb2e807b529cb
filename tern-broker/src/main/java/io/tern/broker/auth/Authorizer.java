package io.tern.broker.auth;

/**
 * Decides what a connected client may publish and subscribe to. It is called on the event loop of
 * the client for each PUBLISH and each topic filter of a SUBSCRIBE, so it must answer from memory.
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
}
