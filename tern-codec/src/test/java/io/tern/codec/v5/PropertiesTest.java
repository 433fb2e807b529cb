package io.tern.codec.v5;

import static io.tern.codec.v5.Wire.assertEncodes;
import static io.tern.codec.v5.Wire.assertRejected;
import static io.tern.codec.v5.Wire.bin;
import static io.tern.codec.v5.Wire.bytes;
import static io.tern.codec.v5.Wire.cat;
import static io.tern.codec.v5.Wire.connect;
import static io.tern.codec.v5.Wire.decode;
import static io.tern.codec.v5.Wire.encode;
import static io.tern.codec.v5.Wire.hex;
import static io.tern.codec.v5.Wire.packet;
import static io.tern.codec.v5.Wire.prop;
import static io.tern.codec.v5.Wire.props;
import static io.tern.codec.v5.Wire.str;
import static io.tern.codec.v5.Wire.u16;
import static io.tern.codec.v5.Wire.u32;
import static io.tern.codec.v5.Wire.userProp;
import static io.tern.codec.v5.Wire.vbi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;
import io.tern.codec.MqttPacketDecoder.Role;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.UserProperty;
import io.tern.codec.packet.Auth;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.Disconnect;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.PublishResponse;
import io.tern.codec.packet.Publish;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Unsuback;
import io.tern.codec.packet.Unsubscribe;
import io.tern.codec.packet.Will;
import io.tern.codec.packet.Subscription;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MQTT 5.0 section 2.2.2 and the property sections of chapter 3: which property may appear where, how often, with
 * which values. Few of these rules carry a statement ID; the tests name the section instead.
 */
@DisplayName("MQTT 5.0 properties (2.2.2, 3.x)")
class PropertiesTest {

    /** Where properties can be: the packets with a properties section, and the Will Properties of CONNECT. */
    enum Context {
        CONNECT(Role.SERVER), WILL(Role.SERVER), CONNACK(Role.CLIENT), PUBLISH(Role.CLIENT), PUBACK(Role.SERVER),
        PUBREC(Role.SERVER), PUBREL(Role.SERVER), PUBCOMP(Role.SERVER), SUBSCRIBE(Role.SERVER), SUBACK(Role.CLIENT),
        UNSUBSCRIBE(Role.SERVER), UNSUBACK(Role.CLIENT), DISCONNECT(Role.SERVER), AUTH(Role.SERVER);

        /** The receiver; a PUBLISH is the server's, which may carry Subscription Identifiers. */
        final Role role;

        Context(Role role) {
            this.role = role;
        }

        /** A valid packet with this properties section (Property Length included) in this place. */
        byte[] packetWith(byte[] properties) {
            return switch (this) {
                case CONNECT -> connect(0x02, properties, str("c"));
                case WILL -> connect(0x06, props(), str("c"), properties, str("w"), bin("x"));
                case CONNACK -> packet(0x20, bytes(0, 0), properties);
                case PUBLISH -> packet(0x30, str("t"), properties);
                case PUBACK -> packet(0x40, u16(1), bytes(0), properties);
                case PUBREC -> packet(0x50, u16(1), bytes(0), properties);
                case PUBREL -> packet(0x62, u16(1), bytes(0), properties);
                case PUBCOMP -> packet(0x70, u16(1), bytes(0), properties);
                case SUBSCRIBE -> packet(0x82, u16(1), properties, str("a"), bytes(0));
                case SUBACK -> packet(0x90, u16(1), properties, bytes(0));
                case UNSUBSCRIBE -> packet(0xA2, u16(1), properties, str("a"));
                case UNSUBACK -> packet(0xB0, u16(1), properties, bytes(0));
                case DISCONNECT -> packet(0xE0, bytes(0), properties);
                case AUTH -> packet(0xF0, bytes(0x18), properties);
            };
        }

        /** The decoded properties of this place. */
        MqttProperties properties(MqttPacket packet) {
            return switch (this) {
                case CONNECT -> ((Connect) packet).properties();
                case WILL -> ((Connect) packet).will().properties();
                case CONNACK -> ((Connack) packet).properties();
                case PUBLISH -> ((Publish) packet).properties();
                case PUBACK, PUBREC, PUBREL, PUBCOMP -> ((PublishResponse) packet).properties();
                case SUBSCRIBE -> ((Subscribe) packet).properties();
                case SUBACK -> ((Suback) packet).properties();
                case UNSUBSCRIBE -> ((Unsubscribe) packet).properties();
                case UNSUBACK -> ((Unsuback) packet).properties();
                case DISCONNECT -> ((Disconnect) packet).properties();
                case AUTH -> ((Auth) packet).properties();
            };
        }

        /** Decodes the packet with these properties and returns them. */
        MqttProperties decodeWith(byte[] properties) {
            MqttPacket packet = decode(role, packetWith(properties));
            try {
                return properties(packet);
            } finally {
                ReferenceCountUtil.release(packet);
            }
        }
    }

    /** A property of the specification's table (2.2.2.2): a valid value, and where it may appear. */
    record Property(int id, String name, byte[] value, Set<Context> validIn) {
        @Override
        public String toString() {
            return String.format("0x%02X %s", id, name);
        }

        byte[] bytes() {
            return prop(id, value);
        }
    }

    /** The table of the specification, written out here rather than taken from {@link PropertyId}. */
    static final Map<Integer, Property> TABLE = new TreeMap<>();

    static {
        Set<Context> publishAndWill = EnumSet.of(Context.PUBLISH, Context.WILL);
        add(0x01, "Payload Format Indicator", bytes(1), publishAndWill);
        add(0x02, "Message Expiry Interval", u32(60), publishAndWill);
        add(0x03, "Content Type", str("text/plain"), publishAndWill);
        add(0x08, "Response Topic", str("r/t"), publishAndWill);
        add(0x09, "Correlation Data", bin("c"), publishAndWill);
        add(0x0B, "Subscription Identifier", vbi(7), EnumSet.of(Context.PUBLISH, Context.SUBSCRIBE));
        add(0x11, "Session Expiry Interval", u32(60), EnumSet.of(Context.CONNECT, Context.CONNACK,
                Context.DISCONNECT));
        add(0x12, "Assigned Client Identifier", str("id"), EnumSet.of(Context.CONNACK));
        add(0x13, "Server Keep Alive", u16(30), EnumSet.of(Context.CONNACK));
        add(0x15, "Authentication Method", str("SCRAM"), EnumSet.of(Context.CONNECT, Context.CONNACK, Context.AUTH));
        add(0x16, "Authentication Data", bin("d"), EnumSet.of(Context.CONNECT, Context.CONNACK, Context.AUTH));
        add(0x17, "Request Problem Information", bytes(0), EnumSet.of(Context.CONNECT));
        add(0x18, "Will Delay Interval", u32(5), EnumSet.of(Context.WILL));
        add(0x19, "Request Response Information", bytes(1), EnumSet.of(Context.CONNECT));
        add(0x1A, "Response Information", str("resp/"), EnumSet.of(Context.CONNACK));
        add(0x1C, "Server Reference", str("other:1883"), EnumSet.of(Context.CONNACK, Context.DISCONNECT));
        add(0x1F, "Reason String", str("why"), EnumSet.of(Context.CONNACK, Context.PUBACK, Context.PUBREC,
                Context.PUBREL, Context.PUBCOMP, Context.SUBACK, Context.UNSUBACK, Context.DISCONNECT, Context.AUTH));
        add(0x21, "Receive Maximum", u16(10), EnumSet.of(Context.CONNECT, Context.CONNACK));
        add(0x22, "Topic Alias Maximum", u16(10), EnumSet.of(Context.CONNECT, Context.CONNACK));
        add(0x23, "Topic Alias", u16(1), EnumSet.of(Context.PUBLISH));
        add(0x24, "Maximum QoS", bytes(1), EnumSet.of(Context.CONNACK));
        add(0x25, "Retain Available", bytes(0), EnumSet.of(Context.CONNACK));
        add(0x26, "User Property", cat(str("k"), str("v")), EnumSet.allOf(Context.class));
        add(0x27, "Maximum Packet Size", u32(1024), EnumSet.of(Context.CONNECT, Context.CONNACK));
        add(0x28, "Wildcard Subscription Available", bytes(1), EnumSet.of(Context.CONNACK));
        add(0x29, "Subscription Identifier Available", bytes(1), EnumSet.of(Context.CONNACK));
        add(0x2A, "Shared Subscription Available", bytes(1), EnumSet.of(Context.CONNACK));
    }

    private static void add(int id, String name, byte[] value, Set<Context> validIn) {
        TABLE.put(id, new Property(id, name, value, validIn));
    }

    /** The property, preceded by an Authentication Method if it is Authentication Data, which needs one. */
    private static byte[] withPrerequisite(Property property) {
        return property.id() == 0x16 ? cat(TABLE.get(0x15).bytes(), property.bytes()) : property.bytes();
    }

    static Stream<Arguments> everyPropertyEverywhere() {
        return TABLE.values().stream().flatMap(property -> Stream.of(Context.values())
                .map(context -> Arguments.of(property, context)));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("everyPropertyEverywhere")
    @DisplayName("a property is accepted exactly in the packets the table of 2.2.2.2 lists for it; anywhere else it "
            + "is malformed (0x81)")
    void propertyOnlyWhereValid(Property property, Context context) {
        if (property.validIn().contains(context)) {
            MqttProperties decoded = context.decodeWith(props(withPrerequisite(property)));
            assertThat(decoded.has(PropertyId.of(property.id()))).isTrue();
        } else {
            assertRejected(context.role, context.packetWith(props(property.bytes())), ReasonCode.MALFORMED_PACKET);
        }
    }

    @Test
    @DisplayName("the table of 2.2.2.2 and PropertyId agree on every identifier, name aside")
    void tableMatchesPropertyIds() {
        assertThat(Stream.of(PropertyId.values()).map(PropertyId::id)).containsExactlyElementsOf(TABLE.keySet());
    }

    static IntStream unknownIdentifiers() {
        return IntStream.concat(IntStream.range(0, 0x80).filter(id -> !TABLE.containsKey(id)),
                IntStream.of(0x80, 0x95, 0x3FFF, 0x4000));
    }

    @ParameterizedTest(name = "identifier {0}")
    @MethodSource("unknownIdentifiers")
    @DisplayName("an unknown property identifier is malformed (0x81) (2.2.2.2)")
    void unknownPropertyIdentifier(int id) {
        assertRejected(Role.SERVER, packet(0xE0, bytes(0), props(cat(vbi(id), bytes(0, 0, 0, 0)))),
                ReasonCode.MALFORMED_PACKET);
    }

    static Stream<Arguments> everyPropertyWhereValid() {
        return TABLE.values().stream().flatMap(property -> property.validIn().stream()
                .map(context -> Arguments.of(property, context)));
    }

    @ParameterizedTest(name = "{0} twice in {1}")
    @MethodSource("everyPropertyWhereValid")
    @DisplayName("a property given twice is a Protocol Error (0x82), except User Property anywhere and Subscription "
            + "Identifier in PUBLISH, which keep every occurrence in order")
    void repeatedProperty(Property property, Context context) {
        byte[] twice = cat(withPrerequisite(property), property.bytes());
        boolean repeatable = property.id() == 0x26 || property.id() == 0x0B && context == Context.PUBLISH;
        if (repeatable) {
            MqttProperties decoded = context.decodeWith(props(twice));
            assertThat(decoded.size()).isEqualTo(2);
        } else {
            assertRejected(context.role, context.packetWith(props(twice)), ReasonCode.PROTOCOL_ERROR);
        }
    }

    @Test
    @DisplayName("User Properties repeat, names included, and keep the order they came in (3.x User Property)")
    void userPropertiesKeepTheirOrder() {
        byte[] properties = props(userProp("b", "1"), userProp("a", "2"), userProp("b", "3"), userProp("b", "1"));
        for (Context context : Context.values()) {
            assertThat(context.decodeWith(properties).userProperties()).as("%s", context).containsExactly(
                    new UserProperty("b", "1"), new UserProperty("a", "2"), new UserProperty("b", "3"),
                    new UserProperty("b", "1"));
        }
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @CsvSource({
            "CONNECT, 0x21, 0000, Receive Maximum 0",
            "CONNACK, 0x21, 0000, Receive Maximum 0",
            "CONNECT, 0x27, 00000000, Maximum Packet Size 0",
            "CONNACK, 0x27, 00000000, Maximum Packet Size 0",
            "SUBSCRIBE, 0x0B, 00, Subscription Identifier 0",
            "PUBLISH, 0x0B, 00, Subscription Identifier 0",
            "PUBLISH, 0x01, 02, Payload Format Indicator 2",
            "WILL, 0x01, FF, Payload Format Indicator 255",
            "CONNECT, 0x17, 02, Request Problem Information 2",
            "CONNECT, 0x19, 02, Request Response Information 2",
            "CONNACK, 0x24, 02, Maximum QoS 2",
            "CONNACK, 0x25, 02, Retain Available 2",
            "CONNACK, 0x28, 02, Wildcard Subscription Available 2",
            "CONNACK, 0x29, 02, Subscription Identifier Available 2",
            "CONNACK, 0x2A, 02, Shared Subscription Available 2"})
    @DisplayName("a property value the specification rules out is a Protocol Error (0x82) (3.1.2.11, 3.2.2.3, "
            + "3.3.2.3, 3.8.2.1)")
    void forbiddenValue(Context context, String id, String valueHex, String description) {
        byte[] property = prop(Integer.decode(id), hex(valueHex));
        assertRejected(context.role, context.packetWith(props(property)), ReasonCode.PROTOCOL_ERROR);
    }

    @ParameterizedTest(name = "{0} 0x{1} = {2}")
    @CsvSource({
            "CONNECT, 21, 0001, 1",
            "CONNACK, 21, FFFF, 65535",
            "CONNECT, 27, 00000001, 1",
            "CONNACK, 27, FFFFFFFF, 4294967295",
            "CONNECT, 11, FFFFFFFF, 4294967295",
            "SUBSCRIBE, 0B, 01, 1",
            "SUBSCRIBE, 0B, FFFFFF7F, 268435455",
            "PUBLISH, 01, 00, 0",
            "WILL, 01, 01, 1",
            "PUBLISH, 02, FFFFFFFF, 4294967295",
            "PUBLISH, 23, FFFF, 65535",
            "WILL, 18, FFFFFFFF, 4294967295",
            "CONNECT, 17, 00, 0",
            "CONNECT, 17, 01, 1",
            "CONNECT, 19, 00, 0",
            "CONNECT, 19, 01, 1",
            "CONNACK, 13, 0000, 0",
            "CONNACK, 22, 0000, 0",
            "CONNACK, 24, 00, 0",
            "CONNACK, 24, 01, 1",
            "CONNACK, 25, 00, 0",
            "CONNACK, 25, 01, 1",
            "CONNACK, 28, 00, 0",
            "CONNACK, 29, 01, 1",
            "CONNACK, 2A, 00, 0"})
    @DisplayName("integer property values at the bounds the specification allows decode, unsigned (1.5.2, 1.5.3, "
            + "1.5.5)")
    void allowedValue(Context context, String id, String valueHex, long expected) {
        int identifier = Integer.parseInt(id, 16);
        MqttProperties decoded = context.decodeWith(props(prop(identifier, hex(valueHex))));
        assertThat(decoded.longValue(PropertyId.of(identifier), -1)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Authentication Data without Authentication Method in CONNECT | CONNECT",
            "Authentication Data without Authentication Method in AUTH    | AUTH"})
    @DisplayName("Authentication Data without an Authentication Method is a Protocol Error (0x82) (3.1.2.11.10, "
            + "3.15.2.2.3)")
    void authenticationDataWithoutMethod(String description, Context context) {
        assertRejected(context.role, context.packetWith(props(TABLE.get(0x16).bytes())), ReasonCode.PROTOCOL_ERROR);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Property Length beyond the packet                  | E0 03 00 05 11",
            "a Four Byte Integer crossing the Property Length   | E0 07 00 03 11 00 00 00 3C",
            "a string longer than the Property Length           | E0 06 00 04 1F 00 05 61",
            "Binary Data longer than the packet                 | F0 0A 18 08 15 00 01 6D 16 00 09 61",
            "a Two Byte Integer cut by the end of the packet    | E0 03 00 02 13"})
    @DisplayName("properties must fit in their Property Length and in the packet: otherwise malformed (0x81)")
    void propertiesOverrunningTheirLength(String description, String packet) {
        assertRejected(Role.SERVER, hex(packet), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    @DisplayName("every CONNACK property decodes to its value and the encoder writes it back byte for byte, in "
            + "identifier order (1.5.2 to 1.5.7, 3.2.2.3)")
    void everyConnackPropertyBothWays() {
        byte[] properties = props(
                prop(0x11, u32(0xFFFF_FFFFL)),
                prop(0x12, str("id-1")),
                prop(0x13, u16(30)),
                prop(0x15, str("SCRAM-SHA-1")),
                prop(0x16, bin("data")),
                prop(0x1A, str("resp/")),
                prop(0x1C, str("other:1883")),
                prop(0x1F, str("why")),
                prop(0x21, u16(20)),
                prop(0x22, u16(10)),
                prop(0x24, bytes(1)),
                prop(0x25, bytes(0)),
                userProp("a", "1"),
                userProp("a", "2"),
                prop(0x27, u32(1024)),
                prop(0x28, bytes(0)),
                prop(0x29, bytes(1)),
                prop(0x2A, bytes(0)));
        byte[] bytes = packet(0x20, bytes(0, 0), properties);

        Connack connack = decode(Role.CLIENT, bytes, Connack.class);
        MqttProperties decoded = connack.properties();
        assertThat(decoded.longValue(PropertyId.SESSION_EXPIRY_INTERVAL, 0)).isEqualTo(0xFFFF_FFFFL);
        assertThat(decoded.stringValue(PropertyId.ASSIGNED_CLIENT_IDENTIFIER)).isEqualTo("id-1");
        assertThat(decoded.intValue(PropertyId.SERVER_KEEP_ALIVE, 0)).isEqualTo(30);
        assertThat(decoded.stringValue(PropertyId.AUTHENTICATION_METHOD)).isEqualTo("SCRAM-SHA-1");
        assertThat(decoded.binaryValue(PropertyId.AUTHENTICATION_DATA)).isEqualTo(new byte[] {'d', 'a', 't', 'a'});
        assertThat(decoded.stringValue(PropertyId.RESPONSE_INFORMATION)).isEqualTo("resp/");
        assertThat(decoded.stringValue(PropertyId.SERVER_REFERENCE)).isEqualTo("other:1883");
        assertThat(decoded.stringValue(PropertyId.REASON_STRING)).isEqualTo("why");
        assertThat(decoded.intValue(PropertyId.RECEIVE_MAXIMUM, 0)).isEqualTo(20);
        assertThat(decoded.intValue(PropertyId.TOPIC_ALIAS_MAXIMUM, 0)).isEqualTo(10);
        assertThat(decoded.intValue(PropertyId.MAXIMUM_QOS, -1)).isEqualTo(1);
        assertThat(decoded.intValue(PropertyId.RETAIN_AVAILABLE, -1)).isZero();
        assertThat(decoded.userProperties()).containsExactly(new UserProperty("a", "1"), new UserProperty("a", "2"));
        assertThat(decoded.longValue(PropertyId.MAXIMUM_PACKET_SIZE, 0)).isEqualTo(1024);
        assertThat(decoded.intValue(PropertyId.WILDCARD_SUBSCRIPTION_AVAILABLE, -1)).isZero();
        assertThat(decoded.intValue(PropertyId.SUBSCRIPTION_IDENTIFIER_AVAILABLE, -1)).isEqualTo(1);
        assertThat(decoded.intValue(PropertyId.SHARED_SUBSCRIPTION_AVAILABLE, -1)).isZero();

        // built in another order: the encoder writes identifier order, user properties in the order added
        MqttProperties built = MqttProperties.builder()
                .userProperty("a", "1")
                .set(PropertyId.SHARED_SUBSCRIPTION_AVAILABLE, 0)
                .set(PropertyId.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 1)
                .set(PropertyId.WILDCARD_SUBSCRIPTION_AVAILABLE, 0)
                .set(PropertyId.MAXIMUM_PACKET_SIZE, 1024)
                .userProperty("a", "2")
                .set(PropertyId.RETAIN_AVAILABLE, 0)
                .set(PropertyId.MAXIMUM_QOS, 1)
                .set(PropertyId.TOPIC_ALIAS_MAXIMUM, 10)
                .set(PropertyId.RECEIVE_MAXIMUM, 20)
                .set(PropertyId.REASON_STRING, "why")
                .set(PropertyId.SERVER_REFERENCE, "other:1883")
                .set(PropertyId.RESPONSE_INFORMATION, "resp/")
                .set(PropertyId.AUTHENTICATION_DATA, new byte[] {'d', 'a', 't', 'a'})
                .set(PropertyId.AUTHENTICATION_METHOD, "SCRAM-SHA-1")
                .set(PropertyId.SERVER_KEEP_ALIVE, 30)
                .set(PropertyId.ASSIGNED_CLIENT_IDENTIFIER, "id-1")
                .set(PropertyId.SESSION_EXPIRY_INTERVAL, 0xFFFF_FFFFL)
                .build();
        assertEncodes(new Connack(false, ReasonCode.SUCCESS, built), bytes);
        assertEncodes(connack, bytes);
    }

    static Stream<Arguments> propertiesOutOfPlace() {
        MqttProperties topicAlias = MqttProperties.builder().set(PropertyId.TOPIC_ALIAS, 1).build();
        MqttProperties willDelay = MqttProperties.builder().set(PropertyId.WILL_DELAY_INTERVAL, 5).build();
        MqttProperties sessionExpiry = MqttProperties.builder().set(PropertyId.SESSION_EXPIRY_INTERVAL, 5).build();
        MqttProperties reasonString = MqttProperties.builder().set(PropertyId.REASON_STRING, "r").build();
        MqttProperties subscriptionId = MqttProperties.builder().subscriptionIdentifier(1).build();
        MqttProperties serverReference = MqttProperties.builder().set(PropertyId.SERVER_REFERENCE, "s").build();
        return Stream.of(
                Arguments.of("Topic Alias in CONNACK",
                        (Supplier<MqttPacket>) () -> new Connack(false, ReasonCode.SUCCESS, topicAlias)),
                Arguments.of("Will Delay Interval in PUBLISH",
                        (Supplier<MqttPacket>) () -> new Publish("t", QoS.AT_MOST_ONCE, false, false, 0, willDelay,
                                Unpooled.EMPTY_BUFFER)),
                Arguments.of("Session Expiry Interval in Will Properties",
                        (Supplier<MqttPacket>) () -> new Connect(MqttVersion.V5, "c", true, 0, null, null,
                                new Will("w", new byte[0], QoS.AT_MOST_ONCE, false, sessionExpiry),
                                MqttProperties.EMPTY)),
                Arguments.of("Reason String in PUBLISH",
                        (Supplier<MqttPacket>) () -> new Publish("t", QoS.AT_MOST_ONCE, false, false, 0, reasonString,
                                Unpooled.EMPTY_BUFFER)),
                Arguments.of("Subscription Identifier in UNSUBSCRIBE",
                        (Supplier<MqttPacket>) () -> new Unsubscribe(1, List.of("a"), subscriptionId)),
                Arguments.of("Server Reference in CONNECT",
                        (Supplier<MqttPacket>) () -> new Connect(MqttVersion.V5, "c", true, 0, null, null, null,
                                serverReference)),
                Arguments.of("Reason String in SUBSCRIBE",
                        (Supplier<MqttPacket>) () -> new Subscribe(1, List.of(new Subscription("a",
                                QoS.AT_MOST_ONCE)), reasonString)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("propertiesOutOfPlace")
    @DisplayName("the encoder refuses a property in a packet that may not carry it (2.2.2.2)")
    void encoderRefusesPropertyOutOfPlace(String description, Supplier<MqttPacket> packet) {
        assertThatIllegalArgumentException().isThrownBy(() -> encode(packet.get()));
    }
}
