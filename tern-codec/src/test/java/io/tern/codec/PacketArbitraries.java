package io.tern.codec;

import io.netty.buffer.Unpooled;
import io.tern.codec.MqttPacketDecoder.Role;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of valid MQTT packets, for every packet type and every version Tern speaks.
 *
 * <p>"Valid" means what a strict receiver accepts: topic names and filters valid per
 * {@link io.tern.codec.topic.Topics} (shared subscriptions only in MQTT 5), well-formed strings without U+0000 or
 * lone surrogates (but with non-ASCII, multibyte and supplementary characters and the BOM U+FEFF), properties only
 * where {@link PropertyId#isAllowedIn}/{@link PropertyId#isAllowedInWill} allows them and only with values the
 * specification allows, reason codes allowed for the packet type and the sender, and in MQTT 3.1/3.1.1 no
 * properties at all, reason code {@link ReasonCode#SUCCESS} except in CONNACK and SUBACK, and no password
 * without a user name.
 *
 * <p>Packets are generated per direction: {@link #packetsFor(MqttVersion, Role)} gives what a decoder of that
 * role receives (a {@link Role#SERVER} decoder reads what clients send, a {@link Role#CLIENT} decoder reads what
 * servers send). PUBLISH, its acknowledgements, DISCONNECT and AUTH go both ways; a PUBLISH that carries
 * subscription identifiers is only generated server to client.
 *
 * <p>Boundary values (of packet identifiers, keep alive, integer properties, variable byte integers) are built
 * into the generators, so properties may turn jqwik's own edge cases off: with these nested generators they would
 * otherwise crowd out random packets.
 *
 * <p>A generated {@link Publish} owns a fresh unpooled heap payload buffer (a new one for every generated value);
 * whoever uses it releases it.
 */
public final class PacketArbitraries {
    /** The largest PUBLISH payload generated, in bytes. */
    public static final int MAX_PAYLOAD = 2000;

    /** Reason codes of DISCONNECT that only a server sends (MQTT 5.0 table 3-10). */
    private static final Set<ReasonCode> DISCONNECT_SERVER_ONLY = EnumSet.of(
            ReasonCode.NOT_AUTHORIZED, ReasonCode.SERVER_BUSY, ReasonCode.SERVER_SHUTTING_DOWN,
            ReasonCode.BAD_AUTHENTICATION_METHOD, ReasonCode.KEEP_ALIVE_TIMEOUT, ReasonCode.SESSION_TAKEN_OVER,
            ReasonCode.TOPIC_FILTER_INVALID, ReasonCode.RETAIN_NOT_SUPPORTED, ReasonCode.QOS_NOT_SUPPORTED,
            ReasonCode.USE_ANOTHER_SERVER, ReasonCode.SERVER_MOVED, ReasonCode.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED,
            ReasonCode.CONNECTION_RATE_EXCEEDED, ReasonCode.MAXIMUM_CONNECT_TIME,
            ReasonCode.SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED, ReasonCode.WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED);
    /** Reason codes of DISCONNECT that only a client sends. */
    private static final Set<ReasonCode> DISCONNECT_CLIENT_ONLY = EnumSet.of(ReasonCode.DISCONNECT_WITH_WILL_MESSAGE);

    /** The MQTT 3 CONNACK return codes 0 to 5, as reason codes. */
    private static final List<ReasonCode> CONNACK_V3 = List.of(ReasonCode.SUCCESS,
            ReasonCode.UNSUPPORTED_PROTOCOL_VERSION, ReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
            ReasonCode.SERVER_UNAVAILABLE, ReasonCode.BAD_USER_NAME_OR_PASSWORD, ReasonCode.NOT_AUTHORIZED);
    /** The MQTT 3 SUBACK return codes. */
    private static final List<ReasonCode> SUBACK_V3 = List.of(ReasonCode.GRANTED_QOS_0, ReasonCode.GRANTED_QOS_1,
            ReasonCode.GRANTED_QOS_2, ReasonCode.UNSPECIFIED_ERROR);

    private PacketArbitraries() {
    }

    /**
     * A generated packet, the version it is written in and the role of the decoder that receives it.
     *
     * @param version the protocol version of the connection
     * @param role    the decoder that receives the packet
     * @param packet  the packet
     */
    public record Sample(MqttVersion version, Role role, MqttPacket packet) {
        /** Whether the decoder learns the version from the packet itself (a server reading CONNECT). */
        public boolean versionLearnedFromPacket() {
            return role == Role.SERVER && packet instanceof Connect;
        }

        /** A decoder for this sample, the version set unless it learns it from the packet. */
        public MqttPacketDecoder decoder(int maximumPacketSize) {
            MqttPacketDecoder decoder = new MqttPacketDecoder(role, maximumPacketSize);
            if (!versionLearnedFromPacket()) {
                decoder.version(version);
            }
            return decoder;
        }
    }

    /**
     * Packets sent one after the other on one connection, all received by a decoder of {@code role}. A stream
     * read by a server may start with CONNECT; no other packet of a stream is a CONNECT.
     *
     * @param version the protocol version of the connection
     * @param role    the decoder that receives the packets
     * @param packets the packets in order, at least one
     */
    public record PacketStream(MqttVersion version, Role role, List<MqttPacket> packets) {
        /** Whether the decoder learns the version from the first packet (a server reading CONNECT). */
        public boolean versionLearnedFromPacket() {
            return role == Role.SERVER && packets.get(0) instanceof Connect;
        }
    }

    // ---- roles ----

    /**
     * The natural decoding role of a packet: {@link Role#CLIENT} for what only a server sends (CONNACK, SUBACK,
     * UNSUBACK, PINGRESP, and PUBLISH with subscription identifiers), {@link Role#SERVER} for everything else
     * (what only a client sends, and the packets that go both ways).
     */
    public static Role decodingRole(MqttPacket packet) {
        return switch (packet.type()) {
            case CONNACK, SUBACK, UNSUBACK, PINGRESP -> Role.CLIENT;
            case PUBLISH -> packet instanceof Publish publish
                    && publish.properties().has(PropertyId.SUBSCRIPTION_IDENTIFIER) ? Role.CLIENT : Role.SERVER;
            default -> Role.SERVER;
        };
    }

    /** Whether a decoder of {@code role} accepts this packet in {@code version}: the direction fits the packet. */
    public static boolean decodableBy(MqttPacket packet, MqttVersion version, Role role) {
        return switch (packet.type()) {
            case DISCONNECT -> role == Role.SERVER || version.isV5(); // MQTT 3 has no DISCONNECT from the server
            case CONNECT, SUBSCRIBE, UNSUBSCRIBE, PINGREQ -> role == Role.SERVER;
            case CONNACK, SUBACK, UNSUBACK, PINGRESP -> role == Role.CLIENT;
            case PUBLISH -> role == Role.CLIENT
                    || !((Publish) packet).properties().has(PropertyId.SUBSCRIPTION_IDENTIFIER);
            default -> true;
        };
    }

    // ---- samples and streams ----

    /** Every version. */
    public static Arbitrary<MqttVersion> versions() {
        return Arbitraries.of(MqttVersion.class);
    }

    /** Both roles. */
    public static Arbitrary<Role> roles() {
        return Arbitraries.of(Role.class);
    }

    /** A packet of any type, version and direction. */
    public static Arbitrary<Sample> samples() {
        return samples(versions());
    }

    /** A packet of any type and direction, in one of the given versions. */
    public static Arbitrary<Sample> samples(Arbitrary<MqttVersion> versions) {
        return versions.flatMap(version -> roles().flatMap(role -> packetsFor(version, role)
                .map(packet -> new Sample(version, role, packet))));
    }

    /** Streams of 1 to {@code maxPackets} packets of any version and direction. */
    public static Arbitrary<PacketStream> streams(int maxPackets) {
        return versions().flatMap(version -> roles().flatMap(role -> streams(version, role, maxPackets)));
    }

    /** Streams of 1 to {@code maxPackets} packets of one version received by one role. */
    public static Arbitrary<PacketStream> streams(MqttVersion version, Role role, int maxPackets) {
        Arbitrary<List<MqttPacket>> rest = packetsFor(version, role, false).list().ofMinSize(1).ofMaxSize(maxPackets);
        if (role == Role.CLIENT) {
            return rest.map(packets -> new PacketStream(version, role, packets));
        }
        return Combinators.combine(connects(version).injectNull(0.5), rest).as((connect, packets) -> {
            List<MqttPacket> all = new ArrayList<>();
            if (connect != null) {
                all.add(connect);
            }
            all.addAll(packets);
            return new PacketStream(version, role, all);
        });
    }

    /** Every packet a decoder of {@code role} receives in {@code version}. */
    public static Arbitrary<MqttPacket> packetsFor(MqttVersion version, Role role) {
        return packetsFor(version, role, true);
    }

    /**
     * The packets a decoder of {@code role} receives in {@code version}: what clients send for
     * {@link Role#SERVER}, what servers send for {@link Role#CLIENT}; CONNECT among them only if
     * {@code withConnect}.
     */
    public static Arbitrary<MqttPacket> packetsFor(MqttVersion version, Role role, boolean withConnect) {
        boolean fromServer = role == Role.CLIENT;
        List<Arbitrary<? extends MqttPacket>> choices = new ArrayList<>();
        if (fromServer) {
            choices.add(connacks(version));
            choices.add(subacks(version));
            choices.add(unsubacks(version));
            choices.add(Arbitraries.just(PingResp.INSTANCE));
        } else {
            if (withConnect) {
                choices.add(connects(version));
            }
            choices.add(subscribes(version));
            choices.add(unsubscribes(version));
            choices.add(Arbitraries.just(PingReq.INSTANCE));
        }
        choices.add(publishes(version, fromServer));
        choices.add(pubAcks(version));
        choices.add(pubRecs(version));
        choices.add(pubRels(version));
        choices.add(pubComps(version));
        if (version.isV5() || !fromServer) {
            // MQTT 3 has no DISCONNECT from the server
            choices.add(disconnects(version, fromServer));
        }
        if (version.isV5()) {
            choices.add(auths(fromServer));
        }
        return Arbitraries.oneOf(choices);
    }

    // ---- packets ----

    /** CONNECT of {@code version}, with or without will, user name and password. */
    public static Arbitrary<Connect> connects(MqttVersion version) {
        boolean v5 = version.isV5();
        // MQTT 3.1 requires 1 to 23 characters; 3.1.1 and 5.0 allow an empty client identifier
        Arbitrary<String> clientIds = version == MqttVersion.V3_1
                ? strings(1, 23)
                : strings(0, 23);
        Arbitrary<String> usernames = strings(0, 16).injectNull(0.4);
        Arbitrary<byte[]> passwords = bytes(0, 32).injectNull(0.4);
        Arbitrary<Will> wills = wills(version).injectNull(0.5);
        Arbitrary<MqttProperties> properties = v5 ? properties(PacketType.CONNECT, false) : none();
        return Combinators.combine(clientIds, Arbitraries.of(true, false), withBoundaries(0, 0xFFFF),
                        usernames, passwords, wills, properties)
                .as((clientId, cleanStart, keepAlive, username, password, will, props) ->
                        // MQTT 3.1 and 3.1.1 forbid a password without a user name
                        new Connect(version, clientId, cleanStart, keepAlive, username,
                                username == null && !v5 ? null : password, will, props));
    }

    /** The will of a CONNECT of {@code version}. */
    public static Arbitrary<Will> wills(MqttVersion version) {
        Arbitrary<MqttProperties> properties = version.isV5() ? willProperties() : none();
        return Combinators.combine(topicNames(), bytes(0, 200), qos(), Arbitraries.of(true, false), properties)
                .as(Will::new);
    }

    /** CONNACK: MQTT 3 return codes 0 to 5, or any MQTT 5 CONNACK reason code; session present only on success. */
    public static Arbitrary<Connack> connacks(MqttVersion version) {
        Arbitrary<ReasonCode> codes = version.isV5()
                ? Arbitraries.of(codesFor(PacketType.CONNACK))
                : Arbitraries.of(CONNACK_V3);
        Arbitrary<MqttProperties> properties = version.isV5() ? properties(PacketType.CONNACK, true) : none();
        return Combinators.combine(Arbitraries.of(true, false), codes, properties)
                .as((sessionPresent, code, props) -> new Connack(sessionPresent && !code.isError(), code, props));
    }

    /**
     * PUBLISH of any QoS, DUP only above QoS 0, a valid topic name (or, in MQTT 5, an empty one with a topic
     * alias), a payload of 0 to {@value #MAX_PAYLOAD} bytes, and in MQTT 5 properties; subscription identifiers,
     * possibly several, only from the server.
     */
    public static Arbitrary<Publish> publishes(MqttVersion version, boolean fromServer) {
        return publishes(version, fromServer, bytes(0, MAX_PAYLOAD));
    }

    /** PUBLISH as {@link #publishes(MqttVersion, boolean)} with payloads of the given arbitrary. */
    public static Arbitrary<Publish> publishes(MqttVersion version, boolean fromServer, Arbitrary<byte[]> payloads) {
        Arbitrary<MqttProperties> properties = version.isV5() ? properties(PacketType.PUBLISH, fromServer) : none();
        return Combinators.combine(topicNames(), qos(), Arbitraries.of(true, false), Arbitraries.of(true, false),
                        packetIds(), properties, payloads, Arbitraries.integers().between(0, 3))
                .as((topic, qos, retained, dup, packetId, props, payload, emptyTopicChoice) -> {
                    boolean qos0 = qos == QoS.AT_MOST_ONCE;
                    // a topic alias may stand for the topic name, which is then empty (MQTT 5 only)
                    String name = props.has(PropertyId.TOPIC_ALIAS) && emptyTopicChoice == 0 ? "" : topic;
                    return new Publish(name, qos, retained, dup && !qos0, qos0 ? 0 : packetId, props,
                            Unpooled.wrappedBuffer(payload));
                });
    }

    public static Arbitrary<PubAck> pubAcks(MqttVersion version) {
        return Combinators.combine(packetIds(), responseCodes(version, PacketType.PUBACK),
                responseProperties(version, PacketType.PUBACK)).as(PubAck::new);
    }

    public static Arbitrary<PubRec> pubRecs(MqttVersion version) {
        return Combinators.combine(packetIds(), responseCodes(version, PacketType.PUBREC),
                responseProperties(version, PacketType.PUBREC)).as(PubRec::new);
    }

    public static Arbitrary<PubRel> pubRels(MqttVersion version) {
        return Combinators.combine(packetIds(), responseCodes(version, PacketType.PUBREL),
                responseProperties(version, PacketType.PUBREL)).as(PubRel::new);
    }

    public static Arbitrary<PubComp> pubComps(MqttVersion version) {
        return Combinators.combine(packetIds(), responseCodes(version, PacketType.PUBCOMP),
                responseProperties(version, PacketType.PUBCOMP)).as(PubComp::new);
    }

    /** SUBSCRIBE with 1 to 5 subscriptions: all options in MQTT 5 (and shared subscriptions), only QoS in MQTT 3. */
    public static Arbitrary<Subscribe> subscribes(MqttVersion version) {
        Arbitrary<Subscription> subscriptions = version.isV5() ? subscriptionsV5() : subscriptionsV3();
        Arbitrary<MqttProperties> properties = version.isV5() ? properties(PacketType.SUBSCRIBE, false) : none();
        return Combinators.combine(packetIds(), subscriptions.list().ofMinSize(1).ofMaxSize(5), properties)
                .as(Subscribe::new);
    }

    /** SUBACK with 1 to 5 codes: granted QoS 0 to 2 or 0x80 in MQTT 3, any SUBACK reason code in MQTT 5. */
    public static Arbitrary<Suback> subacks(MqttVersion version) {
        Arbitrary<ReasonCode> codes = Arbitraries.of(version.isV5() ? codesFor(PacketType.SUBACK) : SUBACK_V3);
        Arbitrary<MqttProperties> properties = version.isV5() ? properties(PacketType.SUBACK, true) : none();
        return Combinators.combine(packetIds(), codes.list().ofMinSize(1).ofMaxSize(5), properties).as(Suback::new);
    }

    /** UNSUBSCRIBE with 1 to 5 topic filters. */
    public static Arbitrary<Unsubscribe> unsubscribes(MqttVersion version) {
        Arbitrary<MqttProperties> properties = version.isV5() ? properties(PacketType.UNSUBSCRIBE, false) : none();
        return Combinators.combine(packetIds(), topicFilters(version).list().ofMinSize(1).ofMaxSize(5), properties)
                .as(Unsubscribe::new);
    }

    /** UNSUBACK: no codes in MQTT 3, 1 to 5 UNSUBACK reason codes in MQTT 5. */
    public static Arbitrary<Unsuback> unsubacks(MqttVersion version) {
        if (!version.isV5()) {
            return packetIds().map(id -> new Unsuback(id, List.of(), MqttProperties.EMPTY));
        }
        return Combinators.combine(packetIds(),
                Arbitraries.of(codesFor(PacketType.UNSUBACK)).list().ofMinSize(1).ofMaxSize(5),
                properties(PacketType.UNSUBACK, true)).as(Unsuback::new);
    }

    /**
     * DISCONNECT: only the normal one without properties in MQTT 3; in MQTT 5 the reason codes and properties
     * the sender may use (a server sends no Session Expiry Interval, MQTT 5.0 section 3.14.2.2.2; only a server sends a
     * Server Reference).
     */
    public static Arbitrary<Disconnect> disconnects(MqttVersion version, boolean fromServer) {
        if (!version.isV5()) {
            return Arbitraries.just(Disconnect.NORMAL);
        }
        Set<ReasonCode> excluded = fromServer ? DISCONNECT_CLIENT_ONLY : DISCONNECT_SERVER_ONLY;
        List<ReasonCode> codes = codesFor(PacketType.DISCONNECT).stream().filter(c -> !excluded.contains(c)).toList();
        return Combinators.combine(Arbitraries.of(codes), properties(PacketType.DISCONNECT, fromServer))
                .as(Disconnect::new);
    }

    /**
     * AUTH (MQTT 5 only): the short form (success, nothing else) from the server, or a reason code the sender may
     * use (success from the server, continue from both, re-authenticate from the client) with properties that
     * name the authentication method.
     */
    public static Arbitrary<Auth> auths(boolean fromServer) {
        List<ReasonCode> codes = fromServer
                ? List.of(ReasonCode.SUCCESS, ReasonCode.CONTINUE_AUTHENTICATION)
                : List.of(ReasonCode.CONTINUE_AUTHENTICATION, ReasonCode.REAUTHENTICATE);
        Arbitrary<Auth> full = Combinators.combine(Arbitraries.of(codes), properties(PacketType.AUTH, fromServer),
                        strings(1, 12))
                .as((code, props, method) -> new Auth(code, props.has(PropertyId.AUTHENTICATION_METHOD)
                        ? props
                        : props.toBuilder().set(PropertyId.AUTHENTICATION_METHOD, method).build()));
        if (!fromServer) {
            return full;
        }
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(new Auth(ReasonCode.SUCCESS, MqttProperties.EMPTY))),
                Tuple.of(4, full));
    }

    // ---- parts ----

    /** Packet identifiers, 1 to 65,535. */
    public static Arbitrary<Integer> packetIds() {
        return withBoundaries(1, 0xFFFF);
    }

    /** Integers from {@code min} to {@code max}, the bounds more often than chance would pick them. */
    private static Arbitrary<Integer> withBoundaries(int min, int max, Integer... more) {
        List<Integer> boundaries = new ArrayList<>(List.of(min, max));
        boundaries.addAll(List.of(more));
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.integers().between(min, max)),
                Tuple.of(1, Arbitraries.of(boundaries)));
    }

    public static Arbitrary<QoS> qos() {
        return Arbitraries.of(QoS.class);
    }

    private static Arbitrary<ReasonCode> responseCodes(MqttVersion version, PacketType type) {
        return version.isV5() ? Arbitraries.of(codesFor(type)) : Arbitraries.just(ReasonCode.SUCCESS);
    }

    private static Arbitrary<MqttProperties> responseProperties(MqttVersion version, PacketType type) {
        return version.isV5() ? properties(type, false) : none();
    }

    /** Every reason code allowed in {@code type}. */
    public static List<ReasonCode> codesFor(PacketType type) {
        return Arrays.stream(ReasonCode.values()).filter(code -> code.isAllowedIn(type)).toList();
    }

    private static Arbitrary<MqttProperties> none() {
        return Arbitraries.just(MqttProperties.EMPTY);
    }

    private static Arbitrary<Subscription> subscriptionsV3() {
        return Combinators.combine(topicFilters(MqttVersion.V3_1_1), qos()).as(Subscription::new);
    }

    private static Arbitrary<Subscription> subscriptionsV5() {
        return Combinators.combine(topicFilters(MqttVersion.V5), qos(), Arbitraries.of(true, false),
                        Arbitraries.of(true, false), Arbitraries.of(RetainHandling.class))
                .as((filter, qos, noLocal, retainAsPublished, retainHandling) -> new Subscription(filter, qos,
                        // no local on a shared subscription is a protocol error (5.0 section 3.8.3.1)
                        noLocal && !SharedSubscription.isShared(filter), retainAsPublished, retainHandling));
    }

    // ---- properties ----

    /**
     * MQTT 5 properties allowed in {@code type}, as sent by the server ({@code fromServer}) or the client: each
     * allowed property at most once with a valid value, user properties 0 to 3 times, subscription identifiers of a
     * PUBLISH 0 to 3 times and only from the server, authentication data only with an authentication method.
     */
    public static Arbitrary<MqttProperties> properties(PacketType type, boolean fromServer) {
        List<PropertyId> ids = new ArrayList<>();
        for (PropertyId id : PropertyId.values()) {
            if (id.isAllowedIn(type) && isSentBy(id, type, fromServer)) {
                ids.add(id);
            }
        }
        return propertiesOf(ids, type);
    }

    /** MQTT 5 will properties of CONNECT. */
    public static Arbitrary<MqttProperties> willProperties() {
        List<PropertyId> ids = new ArrayList<>();
        for (PropertyId id : PropertyId.values()) {
            if (id.isAllowedInWill()) {
                ids.add(id);
            }
        }
        return propertiesOf(ids, null);
    }

    private static boolean isSentBy(PropertyId id, PacketType type, boolean fromServer) {
        if (type == PacketType.PUBLISH && id == PropertyId.SUBSCRIPTION_IDENTIFIER) {
            return fromServer; // a client's PUBLISH carries no subscription identifier (5.0 section 3.3.2.3.8)
        }
        if (type == PacketType.DISCONNECT && id == PropertyId.SESSION_EXPIRY_INTERVAL) {
            return !fromServer; // a server's DISCONNECT has no session expiry (5.0 section 3.14.2.2.2)
        }
        if (type == PacketType.DISCONNECT && id == PropertyId.SERVER_REFERENCE) {
            return fromServer;
        }
        return true;
    }

    private static Arbitrary<MqttProperties> propertiesOf(List<PropertyId> ids, PacketType type) {
        List<Arbitrary<List<Object>>> parts = new ArrayList<>();
        for (PropertyId id : ids) {
            int max = type != null && id.isRepeatableIn(type) || type == null && id == PropertyId.USER_PROPERTY ? 3 : 1;
            parts.add(propertyValues(id).list().ofMaxSize(max));
        }
        Arbitrary<MqttProperties> some = Combinators.combine(parts).as(values -> {
            MqttProperties.Builder builder = MqttProperties.builder();
            for (int i = 0; i < ids.size(); i++) {
                for (Object value : values.get(i)) {
                    add(builder, ids.get(i), value);
                }
            }
            if (builder.has(PropertyId.AUTHENTICATION_DATA) && !builder.has(PropertyId.AUTHENTICATION_METHOD)) {
                builder.remove(PropertyId.AUTHENTICATION_DATA); // data without a method is a protocol error
            }
            return builder.build();
        });
        return Arbitraries.frequencyOf(Tuple.of(1, none()), Tuple.of(3, some));
    }

    private static void add(MqttProperties.Builder builder, PropertyId id, Object value) {
        switch (id.type()) {
            case BYTE, TWO_BYTE_INTEGER, FOUR_BYTE_INTEGER -> builder.set(id, ((Number) value).longValue());
            case VARIABLE_BYTE_INTEGER -> builder.subscriptionIdentifier((Integer) value);
            case UTF8_STRING -> builder.set(id, (String) value);
            case BINARY_DATA -> builder.set(id, (byte[]) value);
            case UTF8_STRING_PAIR -> builder.userProperty((UserProperty) value);
        }
    }

    /** Valid values of one property. */
    private static Arbitrary<Object> propertyValues(PropertyId id) {
        Arbitrary<?> values = switch (id.type()) {
            // every byte property is a 0/1 flag or the maximum QoS 0/1
            case BYTE -> Arbitraries.integers().between(0, 1);
            case TWO_BYTE_INTEGER -> withBoundaries(
                    id == PropertyId.RECEIVE_MAXIMUM || id == PropertyId.TOPIC_ALIAS ? 1 : 0, 0xFFFF, 0x7FFF, 0x8000);
            case FOUR_BYTE_INTEGER -> {
                long min = id == PropertyId.MAXIMUM_PACKET_SIZE ? 1 : 0;
                yield Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.longs().between(min, 0xFFFF_FFFFL)),
                        Tuple.of(1, Arbitraries.of(min, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL)));
            }
            // the boundaries of 1, 2, 3 and 4 bytes
            case VARIABLE_BYTE_INTEGER -> withBoundaries(1, VariableByteInteger.MAX_VALUE,
                    127, 128, 16_383, 16_384, 2_097_151, 2_097_152);
            case UTF8_STRING -> id == PropertyId.RESPONSE_TOPIC ? topicNames() : strings(0, 20);
            case BINARY_DATA -> bytes(0, 64);
            case UTF8_STRING_PAIR -> Combinators.combine(strings(0, 10), strings(0, 10)).as(UserProperty::new);
        };
        return values.asGeneric();
    }

    // ---- strings and topics ----

    /**
     * Unicode scalar values without U+0000: mostly printable ASCII, some C0 controls, two- and three-byte
     * characters, the BOM U+FEFF and supplementary characters (four bytes, a surrogate pair in Java).
     */
    public static Arbitrary<Integer> codePoints() {
        return Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.integers().between(0x20, 0x7E)),
                Tuple.of(1, Arbitraries.integers().between(0x01, 0x1F)),
                Tuple.of(3, Arbitraries.integers().between(0x80, 0x7FF)),
                Tuple.of(3, Arbitraries.integers().between(0x800, Character.MIN_SURROGATE - 1)),
                Tuple.of(2, Arbitraries.integers().between(Character.MAX_SURROGATE + 1, 0xFFFF)),
                Tuple.of(2, Arbitraries.just(0xFEFF)),
                Tuple.of(2, Arbitraries.integers().between(Character.MIN_SUPPLEMENTARY_CODE_POINT,
                        Character.MAX_CODE_POINT)));
    }

    /** Well-formed strings of {@code min} to {@code max} code points, without U+0000. */
    public static Arbitrary<String> strings(int min, int max) {
        return strings(codePoints(), min, max);
    }

    private static Arbitrary<String> strings(Arbitrary<Integer> codePoints, int min, int max) {
        return codePoints.list().ofMinSize(min).ofMaxSize(max).map(list -> {
            StringBuilder text = new StringBuilder();
            list.forEach(text::appendCodePoint);
            return text.toString();
        });
    }

    /** One level of a topic: no '/', '+' or '#', possibly empty. */
    private static Arbitrary<String> levels() {
        IntPredicate special = c -> c == '/' || c == '+' || c == '#';
        return strings(codePoints().filter(c -> !special.test(c)), 0, 8);
    }

    /** Valid topic names: 1 to 5 levels (empty ones included), sometimes a '$' topic, never a wildcard. */
    public static Arbitrary<String> topicNames() {
        return Combinators.combine(levels().list().ofMinSize(1).ofMaxSize(5),
                        Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("")), Tuple.of(1, Arbitraries.just("$"))))
                .as((levels, prefix) -> prefix + String.join("/", levels))
                .filter(name -> !name.isEmpty());
    }

    /**
     * Valid topic filters: levels with '+' in place of any of them and possibly '#' last; in MQTT 5 also shared
     * subscriptions {@code $share/{ShareName}/{filter}}.
     */
    public static Arbitrary<String> topicFilters(MqttVersion version) {
        Arbitrary<String> level = Arbitraries.frequencyOf(Tuple.of(5, levels()), Tuple.of(2, Arbitraries.just("+")));
        Arbitrary<String> filters = Combinators.combine(level.list().ofMaxSize(5),
                        Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(false)), Tuple.of(1, Arbitraries.just(true))),
                        Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("")), Tuple.of(1, Arbitraries.just("$"))))
                .as((levels, multiLevel, prefix) -> {
                    List<String> all = new ArrayList<>(levels);
                    if (multiLevel) {
                        all.add("#");
                    }
                    String filter = String.join("/", all);
                    return filter.startsWith("+") || filter.startsWith("#") ? filter : prefix + filter;
                })
                .filter(filter -> !filter.isEmpty());
        if (!version.isV5()) {
            return filters;
        }
        Arbitrary<String> shareNames = strings(codePoints().filter(c -> c != '/' && c != '+' && c != '#'), 1, 6);
        Arbitrary<String> shared = Combinators.combine(shareNames, filters)
                .as((shareName, filter) -> SharedSubscription.PREFIX + shareName + "/" + filter);
        return Arbitraries.frequencyOf(Tuple.of(4, filters), Tuple.of(1, shared));
    }

    /** Byte arrays of {@code min} to {@code max} bytes. */
    public static Arbitrary<byte[]> bytes(int min, int max) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max);
    }
}
