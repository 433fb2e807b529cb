package io.tern.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.tern.codec.packet.Auth;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.Disconnect;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.Publish;
import io.tern.codec.packet.PublishResponse;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Subscription;
import io.tern.codec.packet.Unsuback;
import io.tern.codec.packet.Unsubscribe;
import io.tern.codec.packet.Will;
import java.util.List;

/**
 * Encodes MQTT packets for a protocol version. The encoding is computed in two passes, size then
 * bytes, so that each packet is written into a buffer of exactly its size.
 *
 * <p>What a version cannot express is left out: MQTT 3 packets carry no properties and no reason
 * codes of acknowledgements, a refused CONNACK takes the nearest MQTT 3 return code, and a failed
 * subscription in SUBACK becomes 0x80. Packets that no version can express (a property in a packet
 * that may not carry it, a string longer than 65,535 bytes) are refused with
 * {@link IllegalArgumentException}.
 */
public final class MqttPacketEncoder {
    private MqttPacketEncoder() {
    }

    /** The number of bytes of the encoded packet, fixed header and payload included. */
    public static int encodedSize(MqttPacket packet, MqttVersion version) {
        int remainingLength = remainingLength(packet, version);
        return 1 + VariableByteInteger.size(remainingLength) + remainingLength;
    }

    /** Encodes the packet, payload included, into a new buffer of {@code allocator}. */
    public static ByteBuf encode(ByteBufAllocator allocator, MqttPacket packet, MqttVersion version) {
        int remainingLength = remainingLength(packet, version);
        ByteBuf out = allocator.ioBuffer(1 + VariableByteInteger.size(remainingLength) + remainingLength);
        writeAllButPayload(packet, version, remainingLength, out);
        if (packet instanceof Publish publish) {
            ByteBuf payload = publish.payload();
            out.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
        }
        return out;
    }

    /**
     * Encodes the packet into a new buffer, leaving out the payload of a PUBLISH, which the caller
     * writes after it as it is, without copying it.
     */
    public static ByteBuf encodeWithoutPayload(ByteBufAllocator allocator, MqttPacket packet, MqttVersion version) {
        int remainingLength = remainingLength(packet, version);
        int payloadLength = packet instanceof Publish publish ? publish.payload().readableBytes() : 0;
        ByteBuf out = allocator.ioBuffer(1 + VariableByteInteger.size(remainingLength) + remainingLength
                - payloadLength);
        writeAllButPayload(packet, version, remainingLength, out);
        return out;
    }

    private static void writeAllButPayload(MqttPacket packet, MqttVersion version, int remainingLength,
                                           ByteBuf out) {
        out.writeByte(packet.type().value() << 4 | flags(packet));
        VariableByteInteger.write(out, remainingLength);
        switch (packet.type()) {
            case CONNECT -> writeConnect((Connect) packet, out);
            case CONNACK -> writeConnack((Connack) packet, version, out);
            case PUBLISH -> writePublish((Publish) packet, version, out);
            case PUBACK, PUBREC, PUBREL, PUBCOMP -> writePublishResponse((PublishResponse) packet, version, out);
            case SUBSCRIBE -> writeSubscribe((Subscribe) packet, version, out);
            case SUBACK -> writeSuback((Suback) packet, version, out);
            case UNSUBSCRIBE -> writeUnsubscribe((Unsubscribe) packet, version, out);
            case UNSUBACK -> writeUnsuback((Unsuback) packet, version, out);
            case DISCONNECT -> {
                Disconnect disconnect = (Disconnect) packet;
                writeReasonAndProperties(disconnect.reasonCode(), disconnect.properties(), version, out);
            }
            case AUTH -> {
                Auth auth = (Auth) packet;
                writeReasonAndProperties(auth.reasonCode(), auth.properties(), version, out);
            }
            case PINGREQ, PINGRESP -> {
            }
        }
    }

    private static int flags(MqttPacket packet) {
        if (packet instanceof Publish publish) {
            return (publish.dup() ? 0x08 : 0) | publish.qos().value() << 1 | (publish.retained() ? 0x01 : 0);
        }
        return packet.type().requiredFlags();
    }

    // ---- sizes ----

    private static int remainingLength(MqttPacket packet, MqttVersion version) {
        boolean v5 = version.isV5();
        long length = switch (packet.type()) {
            case CONNECT -> connectLength((Connect) packet);
            case CONNACK -> 2 + propertiesSize(((Connack) packet).properties(), PacketType.CONNACK, v5);
            case PUBLISH -> {
                Publish publish = (Publish) packet;
                yield stringSize(publish.topic()) + (publish.qos() == QoS.AT_MOST_ONCE ? 0 : 2)
                        + propertiesSize(publish.properties(), PacketType.PUBLISH, v5)
                        + publish.payload().readableBytes();
            }
            case PUBACK, PUBREC, PUBREL, PUBCOMP -> {
                PublishResponse response = (PublishResponse) packet;
                yield 2 + reasonAndPropertiesSize(response.reasonCode(), response.properties(), response.type(), v5);
            }
            case SUBSCRIBE -> {
                Subscribe subscribe = (Subscribe) packet;
                long size = 2 + propertiesSize(subscribe.properties(), PacketType.SUBSCRIBE, v5);
                for (Subscription subscription : subscribe.subscriptions()) {
                    size += stringSize(subscription.topicFilter()) + 1;
                }
                yield size;
            }
            case SUBACK -> {
                Suback suback = (Suback) packet;
                yield 2 + propertiesSize(suback.properties(), PacketType.SUBACK, v5) + suback.reasonCodes().size();
            }
            case UNSUBSCRIBE -> {
                Unsubscribe unsubscribe = (Unsubscribe) packet;
                long size = 2 + propertiesSize(unsubscribe.properties(), PacketType.UNSUBSCRIBE, v5);
                for (String filter : unsubscribe.topicFilters()) {
                    size += stringSize(filter);
                }
                yield size;
            }
            case UNSUBACK -> {
                Unsuback unsuback = (Unsuback) packet;
                yield v5 ? 2 + propertiesSize(unsuback.properties(), PacketType.UNSUBACK, true)
                        + unsuback.reasonCodes().size() : 2;
            }
            case PINGREQ, PINGRESP -> 0;
            case DISCONNECT -> {
                Disconnect disconnect = (Disconnect) packet;
                yield reasonAndPropertiesSize(disconnect.reasonCode(), disconnect.properties(), PacketType.DISCONNECT,
                        v5);
            }
            case AUTH -> {
                if (!v5) {
                    throw new IllegalArgumentException("AUTH exists only in MQTT 5");
                }
                Auth auth = (Auth) packet;
                yield reasonAndPropertiesSize(auth.reasonCode(), auth.properties(), PacketType.AUTH, true);
            }
        };
        if (length > VariableByteInteger.MAX_VALUE) {
            throw new IllegalArgumentException(packet.type() + " of " + length + " bytes is too large for MQTT");
        }
        return (int) length;
    }

    private static long connectLength(Connect connect) {
        MqttVersion version = connect.version();
        boolean v5 = version.isV5();
        if (connect.password() != null && connect.username() == null && !v5) {
            throw new IllegalArgumentException(version + " does not allow a password without a user name");
        }
        long size = stringSize(version.protocolName()) + 1 + 1 + 2
                + propertiesSize(connect.properties(), PacketType.CONNECT, v5)
                + stringSize(connect.clientId());
        Will will = connect.will();
        if (will != null) {
            size += (v5 ? propertiesSectionSize(propertiesLength(will.properties(), null)) : 0)
                    + stringSize(will.topic()) + 2 + will.payload().length;
        }
        if (connect.username() != null) {
            size += stringSize(connect.username());
        }
        if (connect.password() != null) {
            size += 2 + connect.password().length;
        }
        return size;
    }

    /** The length of reason code and properties of the acknowledgements, DISCONNECT and AUTH, short forms included. */
    private static int reasonAndPropertiesSize(ReasonCode reasonCode, MqttProperties properties, PacketType type,
                                               boolean v5) {
        if (!v5 || (properties.isEmpty() && reasonCode == ReasonCode.SUCCESS)) {
            return 0;
        }
        return properties.isEmpty() ? 1 : 1 + propertiesSize(properties, type, true);
    }

    private static int propertiesSize(MqttProperties properties, PacketType type, boolean v5) {
        return v5 ? propertiesSectionSize(propertiesLength(properties, type)) : 0;
    }

    private static int propertiesSectionSize(int propertiesLength) {
        return VariableByteInteger.size(propertiesLength) + propertiesLength;
    }

    /**
     * The length of the properties without their length field, after checking that each may appear
     * in the packet type ({@code null} stands for will properties).
     */
    private static int propertiesLength(MqttProperties properties, PacketType type) {
        for (int i = 0; i < properties.size(); i++) {
            PropertyId id = properties.idAt(i);
            if (type == null ? !id.isAllowedInWill() : !id.isAllowedIn(type)) {
                throw new IllegalArgumentException(id + " is not allowed in "
                        + (type == null ? "will properties" : type.toString()));
            }
        }
        return propertiesLength(properties);
    }

    private static int propertiesLength(MqttProperties properties) {
        int length = 0;
        for (int i = 0; i < properties.size(); i++) {
            Object value = properties.valueAt(i);
            length += 1 + switch (properties.idAt(i).type()) {
                case BYTE -> 1;
                case TWO_BYTE_INTEGER -> 2;
                case FOUR_BYTE_INTEGER -> 4;
                case VARIABLE_BYTE_INTEGER -> VariableByteInteger.size((Integer) value);
                case UTF8_STRING -> stringSize((String) value);
                case BINARY_DATA -> 2 + ((byte[]) value).length;
                case UTF8_STRING_PAIR -> {
                    UserProperty pair = (UserProperty) value;
                    yield stringSize(pair.name()) + stringSize(pair.value());
                }
            };
        }
        return length;
    }

    private static int stringSize(String text) {
        int length = ByteBufUtil.utf8Bytes(text);
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("a string of " + length + " bytes is longer than MQTT allows");
        }
        return 2 + length;
    }

    // ---- bytes ----

    private static void writeConnect(Connect connect, ByteBuf out) {
        MqttVersion version = connect.version();
        writeString(out, version.protocolName());
        out.writeByte(version.level());
        Will will = connect.will();
        int flags = (connect.username() != null ? 0x80 : 0)
                | (connect.password() != null ? 0x40 : 0)
                | (connect.cleanStart() ? 0x02 : 0);
        if (will != null) {
            flags |= 0x04 | will.qos().value() << 3 | (will.retain() ? 0x20 : 0);
        }
        out.writeByte(flags);
        out.writeShort(connect.keepAlive());
        if (version.isV5()) {
            writeProperties(out, connect.properties());
        }
        writeString(out, connect.clientId());
        if (will != null) {
            if (version.isV5()) {
                writeProperties(out, will.properties());
            }
            writeString(out, will.topic());
            writeBinary(out, will.payload());
        }
        if (connect.username() != null) {
            writeString(out, connect.username());
        }
        if (connect.password() != null) {
            writeBinary(out, connect.password());
        }
    }

    private static void writeConnack(Connack connack, MqttVersion version, ByteBuf out) {
        out.writeByte(connack.sessionPresent() ? 0x01 : 0x00);
        if (version.isV5()) {
            out.writeByte(connack.reasonCode().value());
            writeProperties(out, connack.properties());
        } else {
            out.writeByte(ConnectReturnCodes.toReturnCode(connack.reasonCode()));
        }
    }

    private static void writePublish(Publish publish, MqttVersion version, ByteBuf out) {
        writeString(out, publish.topic());
        if (publish.qos() != QoS.AT_MOST_ONCE) {
            out.writeShort(publish.packetId());
        }
        if (version.isV5()) {
            writeProperties(out, publish.properties());
        }
    }

    private static void writePublishResponse(PublishResponse response, MqttVersion version, ByteBuf out) {
        out.writeShort(response.packetId());
        writeReasonAndProperties(response.reasonCode(), response.properties(), version, out);
    }

    private static void writeSubscribe(Subscribe subscribe, MqttVersion version, ByteBuf out) {
        out.writeShort(subscribe.packetId());
        boolean v5 = version.isV5();
        if (v5) {
            writeProperties(out, subscribe.properties());
        }
        for (Subscription subscription : subscribe.subscriptions()) {
            writeString(out, subscription.topicFilter());
            int options = subscription.qos().value();
            if (v5) {
                options |= (subscription.noLocal() ? 0x04 : 0)
                        | (subscription.retainAsPublished() ? 0x08 : 0)
                        | subscription.retainHandling().value() << 4;
            }
            out.writeByte(options);
        }
    }

    private static void writeSuback(Suback suback, MqttVersion version, ByteBuf out) {
        out.writeShort(suback.packetId());
        boolean v5 = version.isV5();
        if (v5) {
            writeProperties(out, suback.properties());
        }
        for (ReasonCode code : suback.reasonCodes()) {
            out.writeByte(v5 || !code.isError() ? code.value() : ReasonCode.UNSPECIFIED_ERROR.value());
        }
    }

    private static void writeUnsubscribe(Unsubscribe unsubscribe, MqttVersion version, ByteBuf out) {
        out.writeShort(unsubscribe.packetId());
        if (version.isV5()) {
            writeProperties(out, unsubscribe.properties());
        }
        for (String filter : unsubscribe.topicFilters()) {
            writeString(out, filter);
        }
    }

    private static void writeUnsuback(Unsuback unsuback, MqttVersion version, ByteBuf out) {
        out.writeShort(unsuback.packetId());
        if (version.isV5()) {
            writeProperties(out, unsuback.properties());
            writeReasonCodes(out, unsuback.reasonCodes());
        }
    }

    private static void writeReasonCodes(ByteBuf out, List<ReasonCode> codes) {
        for (ReasonCode code : codes) {
            out.writeByte(code.value());
        }
    }

    private static void writeReasonAndProperties(ReasonCode reasonCode, MqttProperties properties,
                                                 MqttVersion version, ByteBuf out) {
        if (!version.isV5() || (properties.isEmpty() && reasonCode == ReasonCode.SUCCESS)) {
            return;
        }
        out.writeByte(reasonCode.value());
        if (!properties.isEmpty()) {
            writeProperties(out, properties);
        }
    }

    private static void writeProperties(ByteBuf out, MqttProperties properties) {
        VariableByteInteger.write(out, propertiesLength(properties));
        for (int i = 0; i < properties.size(); i++) {
            PropertyId id = properties.idAt(i);
            Object value = properties.valueAt(i);
            out.writeByte(id.id());
            switch (id.type()) {
                case BYTE -> out.writeByte((Integer) value);
                case TWO_BYTE_INTEGER -> out.writeShort((Integer) value);
                case FOUR_BYTE_INTEGER -> out.writeInt((Integer) value);
                case VARIABLE_BYTE_INTEGER -> VariableByteInteger.write(out, (Integer) value);
                case UTF8_STRING -> writeString(out, (String) value);
                case BINARY_DATA -> writeBinary(out, (byte[]) value);
                case UTF8_STRING_PAIR -> {
                    UserProperty pair = (UserProperty) value;
                    writeString(out, pair.name());
                    writeString(out, pair.value());
                }
            }
        }
    }

    private static void writeString(ByteBuf out, String text) {
        int length = ByteBufUtil.utf8Bytes(text);
        out.writeShort(length);
        // reserving exactly the length keeps the buffer at the size the first pass computed
        ByteBufUtil.reserveAndWriteUtf8(out, text, length);
    }

    private static void writeBinary(ByteBuf out, byte[] bytes) {
        out.writeShort(bytes.length);
        out.writeBytes(bytes);
    }
}
