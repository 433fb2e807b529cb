package io.tern.broker.retained;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.tern.broker.routing.Message;
import io.tern.codec.MqttProperties;
import io.tern.codec.QoS;
import io.tern.broker.support.TopicArbitraries;
import io.tern.codec.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** The retained tree finds, for any filter, exactly the retained topics the filter matches. */
class MemoryRetainedStoreProperties {

    @Property(tries = 300)
    void matchFindsExactlyTheMatchingRetainedTopics(
            @ForAll @Size(min = 1, max = 15) List<@From(supplier = TopicArbitraries.Names.class) String> published,
            @ForAll @Size(min = 1, max = 8) List<@From(supplier = TopicArbitraries.Filters.class) String> filters) {
        Map<String, String> expected = new HashMap<>();
        try (MemoryRetainedStore store = new MemoryRetainedStore()) {
            for (int i = 0; i < published.size(); i++) {
                String topic = published.get(i);
                String payload = i % 5 == 4 ? "" : "v" + i; // an empty payload clears the topic
                retain(store, topic, payload);
                if (payload.isEmpty()) {
                    expected.remove(topic);
                } else {
                    expected.put(topic, payload);
                }
            }
            assertThat(store.size()).isEqualTo(expected.size());
            for (String filter : filters) {
                Map<String, String> found = new HashMap<>();
                List<String> order = new ArrayList<>();
                store.match(filter, message -> {
                    found.put(message.topic(), message.payload().toString(StandardCharsets.UTF_8));
                    order.add(message.topic());
                });
                Map<String, String> matching = new HashMap<>();
                expected.forEach((topic, payload) -> {
                    if (Topics.matches(topic, filter)) {
                        matching.put(topic, payload);
                    }
                });
                assertThat(found).as("retained messages for %s", filter).isEqualTo(matching);
                assertThat(order).as("each once").hasSize(found.size());
            }
        }
    }

    private static void retain(MemoryRetainedStore store, String topic, String payload) {
        Message message = new Message(topic, QoS.AT_LEAST_ONCE, true,
                Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8), MqttProperties.EMPTY, "publisher");
        store.retain(message);
        message.release();
    }
}
