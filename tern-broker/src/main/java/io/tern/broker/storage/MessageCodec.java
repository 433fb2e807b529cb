package io.tern.broker.storage;

import io.netty.buffer.ByteBuf;
import io.tern.broker.routing.Message;
import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.UserProperty;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A {@link Message} as bytes in a store: its QoS, RETAIN, expiry instant, topic, publisher,
 * properties and payload. The expiry instant is kept rather than the interval, so that a restored
 * message does not start its interval again.
 */
final class MessageCodec {
    private MessageCodec() {
    }

    static void write(ByteBuf out, Message message) {
        out.writeByte(message.qos().value()).writeBoolean(message.retained()).writeLong(message.expiresAtMillis());
        writeString(out, message.topic());
        writeString(out, message.publisherId());
        writeProperties(out, message.properties().without(PropertyId.MESSAGE_EXPIRY_INTERVAL));
        out.writeInt(message.payload().readableBytes());
        out.writeBytes(message.payload(), message.payload().readerIndex(), message.payload().readableBytes());
    }

    /**
     * The message {@link #write} wrote, with what remains at {@code now} of its expiry interval. Its
     * payload is a slice of {@code in}, the rest of a stored value: the message takes over {@code in}'s
     * reference.
     */
    static Message read(ByteBuf in, long now) {
        QoS qos = QoS.of(in.readUnsignedByte());
        boolean retained = in.readBoolean();
        long expiresAtMillis = in.readLong();
        String topic = readString(in);
        String publisherId = readString(in);
        MqttProperties properties = readProperties(in);
        if (expiresAtMillis != 0) {
            // the interval counts from the Message's creation: give it what remained of it
            long remainingSeconds = Math.max(0, (expiresAtMillis - now + 999) / 1000);
            properties = properties.toBuilder().set(PropertyId.MESSAGE_EXPIRY_INTERVAL,
                    Math.min(remainingSeconds, 0xFFFF_FFFFL)).build();
        }
        // a view of the stored bytes, not a copy: restoring a million messages is mostly this
        ByteBuf payload = in.readSlice(in.readInt());
        return new Message(topic, qos, retained, payload, properties, publisherId);
    }

    /**
     * Properties as a count and, per entry in wire order, the identifier byte and the value in the
     * form of its type; the codec has no public way to encode properties alone.
     */
    private static void writeProperties(ByteBuf out, MqttProperties properties) {
        out.writeInt(properties.size());
        List<UserProperty> userProperties = properties.userProperties();
        List<Integer> subscriptionIdentifiers = properties.subscriptionIdentifiers();
        int user = 0;
        int subscription = 0;
        for (int i = 0; i < properties.size(); i++) {
            PropertyId id = properties.idAt(i);
            out.writeByte(id.id());
            switch (id.type()) {
                case UTF8_STRING_PAIR -> {
                    UserProperty property = userProperties.get(user++);
                    writeString(out, property.name());
                    writeString(out, property.value());
                }
                case UTF8_STRING -> writeString(out, properties.stringValue(id));
                case BINARY_DATA -> {
                    byte[] data = properties.binaryValue(id);
                    out.writeInt(data.length).writeBytes(data);
                }
                default -> out.writeLong(id == PropertyId.SUBSCRIPTION_IDENTIFIER
                        ? subscriptionIdentifiers.get(subscription++) : properties.longValue(id, 0));
            }
        }
    }

    private static MqttProperties readProperties(ByteBuf in) {
        int count = in.readInt();
        if (count == 0) {
            return MqttProperties.EMPTY;
        }
        MqttProperties.Builder builder = MqttProperties.builder();
        for (int i = 0; i < count; i++) {
            PropertyId id = PropertyId.of(in.readUnsignedByte());
            switch (id.type()) {
                case UTF8_STRING_PAIR -> builder.userProperty(readString(in), readString(in));
                case UTF8_STRING -> builder.set(id, readString(in));
                case BINARY_DATA -> {
                    byte[] data = new byte[in.readInt()];
                    in.readBytes(data);
                    builder.set(id, data);
                }
                default -> {
                    long number = in.readLong();
                    if (id == PropertyId.SUBSCRIPTION_IDENTIFIER) {
                        builder.subscriptionIdentifier((int) number);
                    } else {
                        builder.set(id, number);
                    }
                }
            }
        }
        return builder.build();
    }

    /** A UTF-8 string as a 4-byte length, -1 for null, and its bytes. */
    static void writeString(ByteBuf out, String text) {
        if (text == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length).writeBytes(bytes);
    }

    static String readString(ByteBuf in) {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        String text = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return text;
    }

}
