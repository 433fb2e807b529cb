package io.tern.codec;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import io.netty.util.CharsetUtil;
import io.tern.codec.topic.Topics;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the data types of MQTT (section 1.5) from the body of one packet, never past its end, and
 * reports every violation as a {@link MqttCodecException}. One reader serves one connection.
 */
final class PacketReader {
    private static final ByteProcessor NON_ZERO_ASCII = value -> value > 0;

    private static final PropertyId[] NO_IDS = new PropertyId[0];
    private static final Object[] NO_VALUES = new Object[0];

    /** Made for the first string that is not ASCII: many connections never send one. */
    private CharsetDecoder utf8;

    /**
     * Scratch space for the properties of the packet being read, reused from packet to packet; made
     * for the first packet with properties (none, for MQTT 3).
     */
    private PropertyId[] propertyIds = NO_IDS;
    private Object[] propertyValues = NO_VALUES;
    private ByteBuf buf;
    private int end;
    private PacketType type;
    private MqttVersion version;

    /** Starts reading a packet body that ends at {@code end} of {@code buf}. */
    void reset(ByteBuf buf, int end, PacketType type, MqttVersion version) {
        this.buf = buf;
        this.end = end;
        this.type = type;
        this.version = version;
    }

    /** The version of the connection, as known while reading this packet. */
    void version(MqttVersion version) {
        this.version = version;
    }

    int remaining() {
        return end - buf.readerIndex();
    }

    boolean hasRemaining() {
        return buf.readerIndex() < end;
    }

    /** Requires that the whole body has been read. */
    void requireEnd() {
        if (hasRemaining()) {
            throw malformed(remaining() + " unexpected bytes at the end of the packet");
        }
    }

    int readUnsignedByte() {
        require(1);
        return buf.readUnsignedByte();
    }

    int readUnsignedShort() {
        require(2);
        return buf.readUnsignedShort();
    }

    int readInt() {
        require(4);
        return buf.readInt();
    }

    /** A non-zero packet identifier [MQTT-2.3.1-1]. */
    int readPacketId() {
        int packetId = readUnsignedShort();
        if (packetId == 0) {
            throw malformed("packet identifier 0");
        }
        return packetId;
    }

    /** A Variable Byte Integer in its shortest form (section 1.5.5). */
    int readVariableByteInteger() {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = readUnsignedByte();
            value |= (digit & 0x7F) << (7 * i);
            if ((digit & 0x80) == 0) {
                if (digit == 0 && i > 0) {
                    throw malformed("variable byte integer not in its shortest form");
                }
                return value;
            }
        }
        throw malformed("variable byte integer longer than 4 bytes");
    }

    /**
     * A UTF-8 Encoded String: well-formed UTF-8 without surrogates and without U+0000
     * (section 1.5.4). A byte order mark is kept as the character U+FEFF.
     */
    String readString() {
        int length = readUnsignedShort();
        require(length);
        int index = buf.readerIndex();
        buf.skipBytes(length);
        if (buf.forEachByte(index, length, NON_ZERO_ASCII) < 0) {
            return buf.toString(index, length, CharsetUtil.US_ASCII);
        }
        String text;
        try {
            if (utf8 == null) {
                utf8 = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
            }
            text = utf8.decode(buf.nioBuffer(index, length)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("string is not well-formed UTF-8");
        }
        if (text.indexOf('\u0000') >= 0) {
            throw malformed("string contains U+0000");
        }
        return text;
    }

    /** Binary Data: a two-byte length and that many bytes. */
    byte[] readBinary() {
        int length = readUnsignedShort();
        require(length);
        byte[] bytes = new byte[length];
        buf.readBytes(bytes);
        return bytes;
    }

    /** The rest of the body as a retained slice of the read buffer, never a copy. */
    ByteBuf readRetainedRest() {
        return buf.readRetainedSlice(remaining());
    }

    /**
     * A property section (section 2.2.2): its length, then properties each allowed in the packet
     * (or in will properties), none repeated unless the specification allows it.
     */
    MqttProperties readProperties(boolean will) {
        int length = readVariableByteInteger();
        if (length == 0) {
            return MqttProperties.EMPTY;
        }
        require(length);
        int propertiesEnd = buf.readerIndex() + length;
        int outerEnd = end;
        end = propertiesEnd;
        int count = 0;
        long seen = 0;
        while (hasRemaining()) {
            int identifier = readVariableByteInteger();
            PropertyId id = PropertyId.of(identifier);
            if (id == null) {
                throw malformed("unknown property 0x" + Integer.toHexString(identifier));
            }
            if (will ? !id.isAllowedInWill() : !id.isAllowedIn(type)) {
                throw malformed(id + " is not allowed in " + (will ? "will properties" : type.toString()));
            }
            long bit = 1L << id.id();
            if ((seen & bit) != 0 && !id.isRepeatableIn(will ? PacketType.PUBLISH : type)) {
                throw protocolError(id + " appears more than once");
            }
            seen |= bit;
            if (count == propertyIds.length) {
                propertyIds = Arrays.copyOf(propertyIds, Math.max(8, count * 2));
                propertyValues = Arrays.copyOf(propertyValues, Math.max(8, count * 2));
            }
            propertyIds[count] = id;
            propertyValues[count++] = readPropertyValue(id);
        }
        end = outerEnd;
        MqttProperties properties = MqttProperties.copyOf(propertyIds, propertyValues, count);
        Arrays.fill(propertyValues, 0, count, null); // keep no value of a past packet alive
        return properties;
    }

    private Object readPropertyValue(PropertyId id) {
        return switch (id.type()) {
            case BYTE -> checkValue(id, readUnsignedByte());
            case TWO_BYTE_INTEGER -> checkValue(id, readUnsignedShort());
            case FOUR_BYTE_INTEGER -> checkValue(id, readInt());
            case VARIABLE_BYTE_INTEGER -> checkValue(id, readVariableByteInteger());
            case UTF8_STRING -> id == PropertyId.RESPONSE_TOPIC ? readResponseTopic() : readString();
            case BINARY_DATA -> readBinary();
            case UTF8_STRING_PAIR -> new UserProperty(readString(), readString());
        };
    }

    /** A Response Topic: a topic name, so without wildcard characters [MQTT-3.3.2-14]. */
    private String readResponseTopic() {
        String topic = readString();
        if (!Topics.isValidTopicName(topic)) {
            throw protocolError("invalid response topic '" + topic + "'");
        }
        return topic;
    }

    /** The value rules of section 3 for individual properties. */
    private Integer checkValue(PropertyId id, int value) {
        switch (id) {
            case PAYLOAD_FORMAT_INDICATOR, REQUEST_PROBLEM_INFORMATION, REQUEST_RESPONSE_INFORMATION, MAXIMUM_QOS,
                    RETAIN_AVAILABLE, WILDCARD_SUBSCRIPTION_AVAILABLE, SUBSCRIPTION_IDENTIFIER_AVAILABLE,
                    SHARED_SUBSCRIPTION_AVAILABLE -> {
                if (value > 1) {
                    throw protocolError(id + " must be 0 or 1, not " + value);
                }
            }
            case RECEIVE_MAXIMUM, MAXIMUM_PACKET_SIZE, SUBSCRIPTION_IDENTIFIER -> {
                if (value == 0) {
                    throw protocolError(id + " must not be 0");
                }
            }
            case TOPIC_ALIAS -> {
                if (value == 0) {
                    throw error(ReasonCode.TOPIC_ALIAS_INVALID, "topic alias 0");
                }
            }
            default -> {
            }
        }
        return value;
    }

    private void require(int bytes) {
        if (end - buf.readerIndex() < bytes) {
            throw malformed("packet ends before its content");
        }
    }

    MqttCodecException malformed(String message) {
        return error(ReasonCode.MALFORMED_PACKET, message);
    }

    MqttCodecException protocolError(String message) {
        return error(ReasonCode.PROTOCOL_ERROR, message);
    }

    MqttCodecException error(ReasonCode reasonCode, String message) {
        return new MqttCodecException(reasonCode, type, version, type + ": " + message);
    }
}
