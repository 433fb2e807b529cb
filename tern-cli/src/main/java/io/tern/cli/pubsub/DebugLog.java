package io.tern.cli.pubsub;

import io.tern.client.ConnectResult;
import io.tern.client.Message;
import io.tern.client.PublishResult;
import io.tern.client.SubscribeResult;
import io.tern.client.Subscription;
import io.tern.codec.ReasonCode;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The lines of {@code -d}, in the words of mosquitto's clients ("Client ID sending CONNECT", "Client ID
 * received PUBLISH (d0, q1, r0, 'topic', ... (5 bytes))", "Subscribed: 1"), on standard output. They are
 * written as the client library's operations start and complete; packet identifiers, which tern-client
 * does not tell, are left out.
 */
public final class DebugLog {
    private final PrintStream out;
    private final Supplier<String> clientId;
    private final boolean enabled;

    /** Lines about the client {@code clientId} names, to {@code out}, written only if {@code enabled}. */
    public DebugLog(PrintStream out, Supplier<String> clientId, boolean enabled) {
        this.out = out;
        this.clientId = clientId;
        this.enabled = enabled;
    }

    void connecting() {
        line("sending CONNECT");
    }

    void connected(ConnectResult result) {
        line("received CONNACK (" + result.reasonCode().value() + ")");
    }

    void publishing(Message message) {
        line("sending PUBLISH " + describe(message));
    }

    void published(PublishResult result) {
        switch (result.message().qos()) {
            case AT_LEAST_ONCE -> line("received PUBACK (RC:" + result.reasonCode().value() + ")");
            case EXACTLY_ONCE -> line("received PUBCOMP (RC:" + result.reasonCode().value() + ")");
            default -> {
                // QoS 0 has no acknowledgement
            }
        }
    }

    void subscribing(Subscription... subscriptions) {
        for (Subscription subscription : subscriptions) {
            line("sending SUBSCRIBE (Topic: " + subscription.filter() + ", QoS: " + subscription.qos().value() + ")");
        }
    }

    void subscribed(SubscribeResult result) {
        line("received SUBACK");
        print("Subscribed: " + codes(result.reasonCodes()));
    }

    void unsubscribing(String... filters) {
        line("sending UNSUBSCRIBE (Topic: " + Arrays.stream(filters).collect(Collectors.joining(", ")) + ")");
    }

    void unsubscribed() {
        line("received UNSUBACK");
    }

    /** A message arrived. */
    public void received(Message message) {
        line("received PUBLISH " + describe(message));
    }

    void disconnecting() {
        line("sending DISCONNECT");
    }

    private static String describe(Message message) {
        return "(d" + (message.isDup() ? 1 : 0) + ", q" + message.qos().value() + ", r" + (message.retain() ? 1 : 0)
                + ", '" + message.topic() + "', ... (" + message.payloadLength() + " bytes))";
    }

    private static String codes(List<ReasonCode> codes) {
        return codes.stream().map(code -> Integer.toString(code.value())).collect(Collectors.joining(", "));
    }

    private void line(String text) {
        print("Client " + clientId.get() + " " + text);
    }

    private void print(String line) {
        if (enabled) {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        }
    }
}
