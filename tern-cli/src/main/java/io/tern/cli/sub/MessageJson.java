package io.tern.cli.sub;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.cli.pubsub.PropertyNames;
import io.tern.codec.UserProperty;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code %j} and {@code %J} of a {@code -F} format: a message as one JSON object with the members
 * mosquitto_sub prints, in its order ({@code tst}, {@code topic}, {@code qos}, {@code retain},
 * {@code payloadlen}, {@code mid} above QoS 0, {@code properties} when there are any, {@code payload}).
 */
final class MessageJson {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'xx", Locale.ROOT);

    /** The parser of %J payloads, made on first use: most formats have no %J. */
    private static ObjectMapper parser;

    private MessageJson() {
    }

    /**
     * Writes {@code message} as JSON, its payload as a string ({@code %j}) or, with {@code payloadAsJson},
     * as the JSON value it holds ({@code %J}).
     *
     * @throws IllegalArgumentException with {@code payloadAsJson}, when the payload is not one JSON value
     */
    static void write(Received message, ZonedDateTime time, boolean payloadAsJson, boolean pretty,
                      ByteArrayOutputStream out) {
        Object payload = message.payload().length == 0 ? null
                : payloadAsJson ? parse(message) : message.payload();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tst", TIMESTAMP.format(time));
        json.put("topic", message.topic());
        json.put("qos", (long) message.qos());
        json.put("retain", message.retain() ? 1L : 0L);
        json.put("payloadlen", (long) message.payload().length);
        if (message.qos() > 0) {
            json.put("mid", (long) message.packetId());
        }
        if (!message.properties().isEmpty()) {
            json.put("properties", properties(message.properties()));
        }
        json.put("payload", payload);
        new CJson(out, pretty).write(json);
    }

    /** The properties in wire order, named as mosquitto names them, user properties in one object. */
    private static CJson.Members properties(MqttProperties properties) {
        List<Map.Entry<String, Object>> members = new ArrayList<>();
        List<Map.Entry<String, Object>> user = new ArrayList<>();
        List<UserProperty> userProperties = properties.userProperties();
        List<Integer> subscriptionIds = properties.subscriptionIdentifiers();
        int subscriptionIdIndex = 0;
        for (int i = 0; i < properties.size(); i++) {
            PropertyId id = properties.idAt(i);
            String name = PropertyNames.name(id);
            switch (id) {
                case PAYLOAD_FORMAT_INDICATOR, MESSAGE_EXPIRY_INTERVAL, TOPIC_ALIAS ->
                        members.add(new SimpleEntry<>(name, properties.longValue(id, 0)));
                case SUBSCRIPTION_IDENTIFIER ->
                        members.add(new SimpleEntry<>(name, (long) subscriptionIds.get(subscriptionIdIndex++)));
                case CONTENT_TYPE, RESPONSE_TOPIC -> members.add(new SimpleEntry<>(name, properties.stringValue(id)));
                case CORRELATION_DATA -> members.add(new SimpleEntry<>(name, properties.binaryValue(id)));
                case USER_PROPERTY -> {
                    if (user.isEmpty()) {
                        members.add(new SimpleEntry<>("user-properties", new CJson.Members(user)));
                    }
                    UserProperty property = userProperties.get(user.size());
                    user.add(new SimpleEntry<>(property.name(), property.value()));
                }
                default -> {
                    // mosquitto_sub prints no other property of a PUBLISH
                }
            }
        }
        return new CJson.Members(members);
    }

    private static JsonNode parse(Received message) {
        try {
            return parser().readTree(message.payload());
        } catch (IOException e) {
            throw new IllegalArgumentException("Message payload is not valid JSON on topic " + message.topic(), e);
        }
    }

    private static synchronized ObjectMapper parser() {
        if (parser == null) {
            parser = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        }
        return parser;
    }
}
