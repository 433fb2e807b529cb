package io.tern.cli.sub;

import io.tern.cli.pubsub.Connection;
import io.tern.client.Message;
import io.tern.client.PublishResult;
import io.tern.codec.QoS;
import io.tern.codec.topic.Topics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What {@code tern sub} does with each message, in mosquitto_sub's order: skip topics of {@code -T};
 * clear a retained message ({@code --remove-retained}); stop at the first fresh one ({@code --retained-only});
 * skip retained ones ({@code -R}); print; stop after {@code -C} messages. {@link #done()} completes with
 * the exit code (0) when it stops.
 */
final class Subscriber {
    /** What {@code tern sub}'s options ask of each message. */
    record Rules(List<String> filterOut, boolean removeRetained, boolean retainedOnly, boolean skipRetained,
                 long count) {
    }

    private final Rules rules;
    private final MessagePrinter printer;
    private final Connection connection;
    private final Clock clock;
    private final CompletableFuture<Integer> done = new CompletableFuture<>();
    private final List<CompletableFuture<PublishResult>> removals = new ArrayList<>();
    private long printed;

    Subscriber(Rules rules, MessagePrinter printer, Connection connection, Clock clock) {
        this.rules = rules;
        this.printer = printer;
        this.connection = connection;
        this.clock = clock;
    }

    /** Completes with the exit code once the subscriber has what it waited for. */
    CompletableFuture<Integer> done() {
        return done;
    }

    /** Completes once the retained messages that --remove-retained cleared are acknowledged. */
    synchronized CompletableFuture<Void> removed() {
        return CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new));
    }

    synchronized void accept(Message message) {
        if (done.isDone() || isFilteredOut(message.topic())) {
            return;
        }
        if (rules.removeRetained() && message.retain()) {
            removals.add(connection.publish(Message.builder().topic(message.topic()).qos(QoS.AT_LEAST_ONCE)
                    .retain(true).build()));
        }
        if (rules.retainedOnly() && !message.retain()) {
            done.complete(0);
            return;
        }
        if (rules.skipRetained() && message.retain()) {
            return;
        }
        printer.print(Received.of(message, clock.instant()));
        if (rules.count() > 0 && ++printed == rules.count()) {
            done.complete(0);
        }
    }

    private boolean isFilteredOut(String topic) {
        for (String filter : rules.filterOut()) {
            if (Topics.matches(topic, filter)) {
                return true;
            }
        }
        return false;
    }
}
