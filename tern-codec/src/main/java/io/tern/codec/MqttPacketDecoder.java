package io.tern.codec;

import io.netty.buffer.ByteBuf;
import io.tern.codec.packet.Auth;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.Disconnect;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.PingReq;
import io.tern.codec.packet.PingResp;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.PubComp;
import io.tern.codec.packet.PubRec;
import io.tern.codec.packet.PubRel;
import io.tern.codec.packet.Publish;
import io.tern.codec.packet.RetainHandling;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Subscription;
import io.tern.codec.packet.Unsuback;
import io.tern.codec.packet.Unsubscribe;
import io.tern.codec.packet.Will;
import io.tern.codec.topic.SharedSubscription;
import io.tern.codec.topic.Topics;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes MQTT packets from a stream of bytes, strictly: whatever the specification tells a receiver
 * to reject is reported as a {@link MqttCodecException} carrying the reason code to answer with.
 *
 * <p>One decoder serves one connection and keeps its state: the protocol version, which a server
 * learns from CONNECT and a client sets before it reads. It is not thread-safe.
 */
public final class MqttPacketDecoder {
    /** The largest packet MQTT can express: a 1-byte type, a 4-byte length and 268,435,455 bytes. */
    public static final int MAX_PACKET_SIZE = 1 + 4 + VariableByteInteger.MAX_VALUE;

    /** Which end of the connection decodes, which decides the packets it may receive. */
    public enum Role {
        /** Receives the packets a client sends. */
        SERVER,
        /** Receives the packets a server sends. */
        CLIENT
    }

    private final Role role;
    private final PacketReader reader = new PacketReader();
    private int maximumPacketSize;
    private MqttVersion version;

    /**
     * A decoder.
     *
     * @param role              which end of the connection reads
     * @param maximumPacketSize the largest packet accepted, in bytes, fixed header included
     */
    public MqttPacketDecoder(Role role, int maximumPacketSize) {
        this.role = role;
        maximumPacketSize(maximumPacketSize);
    }

    /** The protocol version of the connection, or {@code null} before it is known. */
    public MqttVersion version() {
        return version;
    }

    /** Sets the protocol version, as a client does when it sends CONNECT. */
    public void version(MqttVersion version) {
        this.version = version;
    }

    /** The largest packet accepted, in bytes, fixed header included. */
    public int maximumPacketSize() {
        return maximumPacketSize;
    }

    /** Changes the largest packet accepted, in bytes, fixed header included (at least 2). */
    public void maximumPacketSize(int maximumPacketSize) {
        if (maximumPacketSize < 2) {
            throw new IllegalArgumentException("maximum packet size must be at least 2, not " + maximumPacketSize);
        }
        this.maximumPacketSize = maximumPacketSize;
    }

    /**
     * Decodes the next packet from {@code in}.
     *
     * @return the packet, its bytes consumed; or {@code null}, nothing consumed, if {@code in} does
     *         not yet hold the whole packet
     * @throws MqttCodecException if the bytes break the specification or the maximum packet size;
     *                            the stream cannot be read further
     */
    public MqttPacket decode(ByteBuf in) {
        int start = in.readerIndex();
        int available = in.readableBytes();
        if (available < 2) {
            return null;
        }
        int first = in.getUnsignedByte(start);
        PacketType type = PacketType.of(first >>> 4);
        if (type == null) {
            throw new MqttCodecException(ReasonCode.MALFORMED_PACKET, null, version,
                    "reserved packet type " + (first >>> 4));
        }
        int remainingLength = 0;
        int headerLength = 1;
        while (true) {
            if (headerLength >= available) {
                return null;
            }
            int digit = in.getUnsignedByte(start + headerLength);
            remainingLength |= (digit & 0x7F) << (7 * (headerLength - 1));
            headerLength++;
            if ((digit & 0x80) == 0) {
                if (digit == 0 && headerLength > 2) {
                    throw new MqttCodecException(ReasonCode.MALFORMED_PACKET, type, version,
                            type + ": remaining length not in its shortest form");
                }
                break;
            }
            if (headerLength == 5) {
                throw new MqttCodecException(ReasonCode.MALFORMED_PACKET, type, version,
                        type + ": remaining length longer than 4 bytes");
            }
        }
        long packetSize = (long) headerLength + remainingLength;
        if (packetSize > maximumPacketSize) {
            throw new MqttCodecException(ReasonCode.PACKET_TOO_LARGE, type, version, type + " of " + packetSize
                    + " bytes is larger than the maximum packet size " + maximumPacketSize);
        }
        if (available < packetSize) {
            return null;
        }
        int end = start + (int) packetSize;
        in.readerIndex(start + headerLength);
        reader.reset(in, end, type, version);
        try {
            return decodeBody(type, first & 0x0F);
        } catch (MqttCodecException e) {
            in.readerIndex(end);
            throw e;
        }
    }

    private MqttPacket decodeBody(PacketType type, int flags) {
        if (type != PacketType.PUBLISH && flags != type.requiredFlags()) {
            throw reader.malformed("reserved flags " + Integer.toBinaryString(flags) + " instead of "
                    + Integer.toBinaryString(type.requiredFlags()));
        }
        if (version == null && type != PacketType.CONNECT) {
            throw reader.protocolError("the first packet must be CONNECT");
        }
        if (type == PacketType.AUTH && !version.isV5()) {
            throw reader.malformed("reserved packet type 15 before MQTT 5");
        }
        if (!isReceivable(type)) {
            throw reader.protocolError("a " + (role == Role.SERVER ? "server" : "client") + " does not receive "
                    + type);
        }
        MqttPacket packet = switch (type) {
            case CONNECT -> decodeConnect();
            case CONNACK -> decodeConnack();
            case PUBLISH -> decodePublish(flags);
            case PUBACK, PUBREC, PUBREL, PUBCOMP -> decodePublishResponse(type);
            case SUBSCRIBE -> decodeSubscribe();
            case SUBACK -> decodeSuback();
            case UNSUBSCRIBE -> decodeUnsubscribe();
            case UNSUBACK -> decodeUnsuback();
            case PINGREQ -> PingReq.INSTANCE;
            case PINGRESP -> PingResp.INSTANCE;
            case DISCONNECT -> decodeDisconnect();
            case AUTH -> decodeAuth();
        };
        reader.requireEnd();
        return packet;
    }

    private boolean isReceivable(PacketType type) {
        return switch (type) {
            case CONNECT, SUBSCRIBE, UNSUBSCRIBE, PINGREQ -> role == Role.SERVER;
            case CONNACK, SUBACK, UNSUBACK, PINGRESP -> role == Role.CLIENT;
            case DISCONNECT -> role == Role.SERVER || version.isV5(); // MQTT 3 servers never send DISCONNECT
            default -> true;
        };
    }

    private Connect decodeConnect() {
        String protocolName = reader.readString();
        int level = reader.readUnsignedByte();
        MqttVersion announced = MqttVersion.ofLevel(level);
        if (announced == MqttVersion.V5) {
            reader.version(announced);
        }
        if (announced == null || !announced.protocolName().equals(protocolName)) {
            throw reader.error(ReasonCode.UNSUPPORTED_PROTOCOL_VERSION,
                    "unsupported protocol " + protocolName + " level " + level);
        }
        reader.version(announced);
        int flags = reader.readUnsignedByte();
        if ((flags & 0x01) != 0) {
            throw reader.malformed("reserved connect flag is set");
        }
        boolean cleanStart = (flags & 0x02) != 0;
        boolean willFlag = (flags & 0x04) != 0;
        int willQos = (flags >>> 3) & 0x03;
        boolean willRetain = (flags & 0x20) != 0;
        boolean passwordFlag = (flags & 0x40) != 0;
        boolean usernameFlag = (flags & 0x80) != 0;
        if (!willFlag && (willQos != 0 || willRetain)) {
            throw reader.malformed("will QoS or will retain set without a will");
        }
        if (willQos == 3) {
            throw reader.malformed("will QoS 3");
        }
        if (passwordFlag && !usernameFlag && !announced.isV5()) {
            throw reader.malformed("password without user name");
        }
        int keepAlive = reader.readUnsignedShort();
        MqttProperties properties = announced.isV5() ? reader.readProperties(false) : MqttProperties.EMPTY;
        if (properties.has(PropertyId.AUTHENTICATION_DATA) && !properties.has(PropertyId.AUTHENTICATION_METHOD)) {
            throw reader.protocolError("authentication data without authentication method");
        }
        String clientId = reader.readString();
        Will will = null;
        if (willFlag) {
            MqttProperties willProperties = announced.isV5() ? reader.readProperties(true) : MqttProperties.EMPTY;
            String willTopic = reader.readString();
            if (!Topics.isValidTopicName(willTopic)) {
                // MQTT 3 has no "topic name invalid": a CONNECT breaking section 3.1 is malformed [MQTT-3.1.4-1]
                throw announced.isV5()
                        ? reader.error(ReasonCode.TOPIC_NAME_INVALID, "invalid will topic '" + willTopic + "'")
                        : reader.malformed("invalid will topic '" + willTopic + "'");
            }
            byte[] willPayload = reader.readBinary();
            will = new Will(willTopic, willPayload, QoS.of(willQos), willRetain, willProperties);
        }
        String username = usernameFlag ? reader.readString() : null;
        byte[] password = passwordFlag ? reader.readBinary() : null;
        if (role == Role.SERVER && version == null) {
            version = announced;
        }
        return new Connect(announced, clientId, cleanStart, keepAlive, username, password, will, properties);
    }

    private Connack decodeConnack() {
        int flags = reader.readUnsignedByte();
        if ((flags & 0xFE) != 0) {
            throw reader.malformed("reserved acknowledge flags are set");
        }
        boolean sessionPresent = (flags & 0x01) != 0;
        int code = reader.readUnsignedByte();
        ReasonCode reasonCode = version.isV5()
                ? reasonCode(code, PacketType.CONNACK)
                : ConnectReturnCodes.fromReturnCode(code);
        if (reasonCode == null) {
            throw reader.malformed("invalid return code " + code);
        }
        if (sessionPresent && reasonCode.isError()) {
            throw reader.malformed("session present set on a refusal");
        }
        MqttProperties properties = version.isV5() ? reader.readProperties(false) : MqttProperties.EMPTY;
        return new Connack(sessionPresent, reasonCode, properties);
    }

    private Publish decodePublish(int flags) {
        boolean dup = (flags & 0x08) != 0;
        int qosValue = (flags >>> 1) & 0x03;
        boolean retain = (flags & 0x01) != 0;
        if (qosValue == 3) {
            throw reader.malformed("QoS 3");
        }
        QoS qos = QoS.of(qosValue);
        if (dup && qos == QoS.AT_MOST_ONCE) {
            throw reader.malformed("DUP set on a QoS 0 message");
        }
        String topic = reader.readString();
        int packetId = qos == QoS.AT_MOST_ONCE ? 0 : reader.readPacketId();
        MqttProperties properties = MqttProperties.EMPTY;
        if (version.isV5()) {
            properties = reader.readProperties(false);
            if (role == Role.SERVER && properties.has(PropertyId.SUBSCRIPTION_IDENTIFIER)) {
                throw reader.protocolError("a client's PUBLISH carries a subscription identifier");
            }
        }
        if (topic.isEmpty()) {
            if (!properties.has(PropertyId.TOPIC_ALIAS)) {
                throw version.isV5()
                        ? reader.protocolError("empty topic name without topic alias")
                        : reader.malformed("empty topic name");
            }
        } else if (!Topics.isValidTopicName(topic)) {
            throw version.isV5()
                    ? reader.error(ReasonCode.TOPIC_NAME_INVALID, "invalid topic name '" + topic + "'")
                    : reader.malformed("invalid topic name '" + topic + "'");
        }
        return new Publish(topic, qos, retain, dup, packetId, properties, reader.readRetainedRest());
    }

    private MqttPacket decodePublishResponse(PacketType type) {
        int packetId = reader.readPacketId();
        ReasonCode reasonCode = ReasonCode.SUCCESS;
        MqttProperties properties = MqttProperties.EMPTY;
        if (version.isV5() && reader.hasRemaining()) {
            reasonCode = reasonCode(reader.readUnsignedByte(), type);
            if (reader.hasRemaining()) {
                properties = reader.readProperties(false);
            }
        }
        return switch (type) {
            case PUBACK -> new PubAck(packetId, reasonCode, properties);
            case PUBREC -> new PubRec(packetId, reasonCode, properties);
            case PUBREL -> new PubRel(packetId, reasonCode, properties);
            default -> new PubComp(packetId, reasonCode, properties);
        };
    }

    private Subscribe decodeSubscribe() {
        int packetId = reader.readPacketId();
        MqttProperties properties = version.isV5() ? reader.readProperties(false) : MqttProperties.EMPTY;
        List<Subscription> subscriptions = new ArrayList<>();
        while (reader.hasRemaining()) {
            String filter = readTopicFilter();
            int options = reader.readUnsignedByte();
            subscriptions.add(version.isV5() ? subscriptionV5(filter, options) : subscriptionV3(filter, options));
        }
        if (subscriptions.isEmpty()) {
            throw reader.protocolError("no topic filter");
        }
        return new Subscribe(packetId, subscriptions, properties);
    }

    private Subscription subscriptionV3(String filter, int options) {
        if ((options & 0xFC) != 0) {
            throw reader.malformed("reserved bits of the requested QoS are set");
        }
        if (options == 3) {
            throw reader.malformed("requested QoS 3");
        }
        return new Subscription(filter, QoS.of(options));
    }

    private Subscription subscriptionV5(String filter, int options) {
        if ((options & 0xC0) != 0) {
            throw reader.malformed("reserved subscription option bits are set");
        }
        if ((options & 0x03) == 3) {
            throw reader.protocolError("maximum QoS 3"); // 5.0 section 3.8.3.1
        }
        int retainHandling = (options >>> 4) & 0x03;
        if (retainHandling == 3) {
            throw reader.protocolError("retain handling 3");
        }
        boolean noLocal = (options & 0x04) != 0;
        if (SharedSubscription.isShared(filter)) {
            if (!SharedSubscription.isValid(filter)) {
                throw reader.protocolError("invalid shared subscription '" + filter + "'");
            }
            if (noLocal) {
                throw reader.protocolError("no local on the shared subscription '" + filter + "'");
            }
        }
        return new Subscription(filter, QoS.of(options & 0x03), noLocal, (options & 0x08) != 0,
                RetainHandling.of(retainHandling));
    }

    private Suback decodeSuback() {
        int packetId = reader.readPacketId();
        MqttProperties properties = version.isV5() ? reader.readProperties(false) : MqttProperties.EMPTY;
        List<ReasonCode> reasonCodes = new ArrayList<>();
        while (reader.hasRemaining()) {
            int code = reader.readUnsignedByte();
            if (!version.isV5() && code > 2 && code != ReasonCode.UNSPECIFIED_ERROR.value()) {
                throw reader.malformed("invalid return code " + code);
            }
            reasonCodes.add(reasonCode(code, PacketType.SUBACK));
        }
        if (reasonCodes.isEmpty()) {
            throw reader.protocolError("no return code");
        }
        return new Suback(packetId, reasonCodes, properties);
    }

    private Unsubscribe decodeUnsubscribe() {
        int packetId = reader.readPacketId();
        MqttProperties properties = version.isV5() ? reader.readProperties(false) : MqttProperties.EMPTY;
        List<String> filters = new ArrayList<>();
        while (reader.hasRemaining()) {
            filters.add(readTopicFilter());
        }
        if (filters.isEmpty()) {
            throw reader.protocolError("no topic filter");
        }
        return new Unsubscribe(packetId, filters, properties);
    }

    private Unsuback decodeUnsuback() {
        int packetId = reader.readPacketId();
        if (!version.isV5()) {
            return new Unsuback(packetId, List.of(), MqttProperties.EMPTY);
        }
        MqttProperties properties = reader.readProperties(false);
        List<ReasonCode> reasonCodes = new ArrayList<>();
        while (reader.hasRemaining()) {
            reasonCodes.add(reasonCode(reader.readUnsignedByte(), PacketType.UNSUBACK));
        }
        if (reasonCodes.isEmpty()) {
            throw reader.protocolError("no reason code");
        }
        return new Unsuback(packetId, reasonCodes, properties);
    }

    private Disconnect decodeDisconnect() {
        if (!reader.hasRemaining()) {
            return Disconnect.NORMAL;
        }
        if (!version.isV5()) {
            throw reader.malformed("an MQTT 3 DISCONNECT has no content");
        }
        ReasonCode reasonCode = reasonCode(reader.readUnsignedByte(), PacketType.DISCONNECT);
        MqttProperties properties = reader.hasRemaining() ? reader.readProperties(false) : MqttProperties.EMPTY;
        return new Disconnect(reasonCode, properties);
    }

    private Auth decodeAuth() {
        if (!reader.hasRemaining()) {
            return new Auth(ReasonCode.SUCCESS, MqttProperties.EMPTY);
        }
        ReasonCode reasonCode = reasonCode(reader.readUnsignedByte(), PacketType.AUTH);
        MqttProperties properties = reader.hasRemaining() ? reader.readProperties(false) : MqttProperties.EMPTY;
        if (properties.has(PropertyId.AUTHENTICATION_DATA) && !properties.has(PropertyId.AUTHENTICATION_METHOD)) {
            throw reader.protocolError("authentication data without authentication method");
        }
        return new Auth(reasonCode, properties);
    }

    private String readTopicFilter() {
        String filter = reader.readString();
        if (!Topics.isValidTopicFilter(filter)) {
            throw reader.malformed("invalid topic filter '" + filter + "'");
        }
        return filter;
    }

    private ReasonCode reasonCode(int value, PacketType type) {
        ReasonCode code = ReasonCode.of(value);
        if (code == null || !code.isAllowedIn(type)) {
            throw reader.malformed("reason code 0x" + Integer.toHexString(value) + " is not valid in " + type);
        }
        return code;
    }
}
