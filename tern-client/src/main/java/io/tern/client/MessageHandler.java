package io.tern.client;

/**
 * Receives messages: for one subscription, or globally for those no subscription handler takes. It
 * runs on the client's callback executor, never on the network thread; one handler receives its
 * messages one at a time and in order, while different handlers run independently, so a slow
 * handler holds back only its own messages.
 */
@FunctionalInterface
public interface MessageHandler {
    /**
     * Called for each message. An exception thrown here is logged and does not stop delivery.
     *
     * @param message the message received
     */
    void onMessage(Message message);
}
