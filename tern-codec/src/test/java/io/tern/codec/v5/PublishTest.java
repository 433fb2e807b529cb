package io.tern.codec.v5;

import static io.tern.codec.v5.Wire.assertEncodes;
import static io.tern.codec.v5.Wire.assertRejected;
import static io.tern.codec.v5.Wire.bin;
import static io.tern.codec.v5.Wire.bytes;
import static io.tern.codec.v5.Wire.connect;
import static io.tern.codec.v5.Wire.encode;
import static io.tern.codec.v5.Wire.hexOf;
import static io.tern.codec.v5.Wire.packet;
import static io.tern.codec.v5.Wire.payloadHex;
import static io.tern.codec.v5.Wire.prop;
import static io.tern.codec.v5.Wire.props;
import static io.tern.codec.v5.Wire.str;
import static io.tern.codec.v5.Wire.u16;
import static io.tern.codec.v5.Wire.u32;
import static io.tern.codec.v5.Wire.userProp;
import static io.tern.codec.v5.Wire.vbi;
import static io.tern.codec.v5.Wire.withPublish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.netty.buffer.Unpooled;
import io.tern.codec.MqttPacketDecoder.Role;
import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.UserProperty;
import io.tern.codec.packet.Publish;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** MQTT 5.0 section 3.3, PUBLISH: fixed-header flags, Topic Name, Topic Alias, properties and payload. */
@DisplayName("MQTT 5.0 PUBLISH (3.3)")
class PublishTest {

    /** A PUBLISH with these fixed-header flags, topic "a", Packet Identifier 5 when QoS > 0, and payload AB CD. */
    private static byte[] publishWithFlags(int flags) {
        int qos = flags >>> 1 & 0x03;
        return packet(0x30 | flags, str("a"), qos == 0 ? new byte[0] : u16(5), props(), bytes(0xAB, 0xCD));
    }

    @ParameterizedTest(name = "flags {0}")
    @ValueSource(ints = {0b0000, 0b0001, 0b0010, 0b0011, 0b0100, 0b0101, 0b1010, 0b1011, 0b1100, 0b1101})
    @DisplayName("[MQTT-3.3.1-2] [MQTT-3.3.1-4] DUP, QoS 0 to 2 and RETAIN are read from the flags")
    void flags(int flags) {
        withPublish(Role.SERVER, publishWithFlags(flags), publish -> {
            assertThat(publish.dup()).isEqualTo((flags & 0b1000) != 0);
            assertThat(publish.qos().value()).isEqualTo(flags >>> 1 & 0x03);
            assertThat(publish.retained()).isEqualTo((flags & 0b0001) != 0);
            assertThat(publish.packetId()).isEqualTo(publish.qos() == QoS.AT_MOST_ONCE ? 0 : 5);
            assertThat(payloadHex(publish)).isEqualTo("AB CD");
        });
    }

    @ParameterizedTest(name = "flags {0}")
    @ValueSource(ints = {0b0110, 0b0111, 0b1110, 0b1111})
    @DisplayName("[MQTT-3.3.1-4] both QoS bits set (QoS 3) is malformed (0x81)")
    void qos3(int flags) {
        for (Role role : Role.values()) {
            assertRejected(role, publishWithFlags(flags), ReasonCode.MALFORMED_PACKET);
        }
    }

    @ParameterizedTest(name = "flags {0}")
    @ValueSource(ints = {0b1000, 0b1001})
    @DisplayName("[MQTT-3.3.1-2] DUP is 0 on a QoS 0 PUBLISH: DUP set is malformed (0x81), and cannot be built")
    void dupOnQos0(int flags) {
        for (Role role : Role.values()) {
            assertRejected(role, publishWithFlags(flags), ReasonCode.MALFORMED_PACKET);
        }
        assertThatIllegalArgumentException().isThrownBy(() -> new Publish("a", QoS.AT_MOST_ONCE, false, true, 0,
                MqttProperties.EMPTY, Unpooled.EMPTY_BUFFER));
    }

    @ParameterizedTest(name = "flags {0}")
    @ValueSource(ints = {0b0000, 0b0001, 0b0010, 0b0011, 0b0100, 0b0101, 0b1010, 0b1011, 0b1100, 0b1101})
    @DisplayName("[MQTT-3.3.1-2] [MQTT-3.3.1-4] the encoder writes DUP, QoS and RETAIN into the flags")
    void encoderWritesFlags(int flags) {
        QoS qos = QoS.of(flags >>> 1 & 0x03);
        Publish publish = new Publish("a", qos, (flags & 1) != 0, (flags & 0b1000) != 0,
                qos == QoS.AT_MOST_ONCE ? 0 : 5, MqttProperties.EMPTY, Unpooled.wrappedBuffer(bytes(0xAB, 0xCD)));
        try {
            assertEncodes(publish, publishWithFlags(flags));
        } finally {
            publish.release();
        }
    }

    // ---- Topic Name and Topic Alias ----

    @Test
    @DisplayName("[MQTT-3.3.2-1] the Topic Name is the first field of the variable header, a UTF-8 string")
    void topicNameComesFirst() {
        withPublish(Role.SERVER, packet(0x32, str("sensors/\u00e9t\u00e9/1"), u16(9), props(), bytes(1)),
                publish -> {
                    assertThat(publish.topic()).isEqualTo("sensors/\u00e9t\u00e9/1");
                    assertThat(publish.packetId()).isEqualTo(9);
                });
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Role.class)
    @DisplayName("[MQTT-3.3.2-1] a zero-length Topic Name without a Topic Alias is a Protocol Error (0x82)")
    void emptyTopicWithoutAlias(Role receiver) {
        assertRejected(receiver, packet(0x30, str(""), props(), bytes(1)), ReasonCode.PROTOCOL_ERROR);
        assertRejected(receiver, packet(0x30, str(""), props(userProp("k", "v"))), ReasonCode.PROTOCOL_ERROR);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Role.class)
    @DisplayName("[MQTT-3.3.2-1] a zero-length Topic Name with a Topic Alias is accepted, both ways")
    void emptyTopicWithAlias(Role receiver) {
        byte[] bytes = packet(0x30, str(""), props(prop(0x23, u16(3))), bytes(1));
        withPublish(receiver, bytes, publish -> {
            assertThat(publish.topic()).isEmpty();
            assertThat(publish.properties().intValue(PropertyId.TOPIC_ALIAS, 0)).isEqualTo(3);
        });
        Publish publish = new Publish("", QoS.AT_MOST_ONCE, false, false, 0,
                MqttProperties.builder().set(PropertyId.TOPIC_ALIAS, 3).build(), Unpooled.wrappedBuffer(bytes(1)));
        try {
            assertEncodes(publish, bytes);
        } finally {
            publish.release();
        }
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"+", "#", "a/+", "a/#", "+/a", "a/+/b", "a+", "a#b", "sport/tennis#"})
    @DisplayName("[MQTT-3.3.2-2] [MQTT-4.7.0-1] a Topic Name holding '+' or '#' is refused with Topic Name invalid "
            + "(0x90)")
    void wildcardsInTopicName(String topic) {
        for (Role receiver : Role.values()) {
            assertRejected(receiver, packet(0x30, str(topic), props()), ReasonCode.TOPIC_NAME_INVALID);
            assertRejected(receiver, packet(0x32, str(topic), u16(1), props(prop(0x23, u16(1)))),
                    ReasonCode.TOPIC_NAME_INVALID);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Role.class)
    @DisplayName("[MQTT-3.3.2-8] Topic Alias 0 is refused with Topic Alias invalid (0x94)")
    void topicAliasZero(Role receiver) {
        assertRejected(receiver, packet(0x30, str("a"), props(prop(0x23, u16(0)))), ReasonCode.TOPIC_ALIAS_INVALID);
        assertRejected(receiver, packet(0x30, str(""), props(prop(0x23, u16(0)))), ReasonCode.TOPIC_ALIAS_INVALID);
    }

    @ParameterizedTest(name = "alias {0}")
    @ValueSource(ints = {1, 2, 0x7FFF, 0xFFFF})
    @DisplayName("[MQTT-3.3.2-8] Topic Aliases 1 to 65,535 are accepted, with a topic or without")
    void topicAliasesAboveZero(int alias) {
        withPublish(Role.SERVER, packet(0x30, str("a"), props(prop(0x23, u16(alias)))), publish ->
                assertThat(publish.properties().intValue(PropertyId.TOPIC_ALIAS, 0)).isEqualTo(alias));
        withPublish(Role.CLIENT, packet(0x30, str(""), props(prop(0x23, u16(alias)))), publish ->
                assertThat(publish.properties().intValue(PropertyId.TOPIC_ALIAS, 0)).isEqualTo(alias));
    }

    // ---- properties ----

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"reply/+", "reply/#", "#", "+", "a+b"})
    @DisplayName("[MQTT-3.3.2-14] a Response Topic holding wildcard characters is a Protocol Error (0x82), in a "
            + "PUBLISH and in the Will Properties that become one")
    void wildcardsInResponseTopic(String responseTopic) {
        for (Role receiver : Role.values()) {
            assertRejected(receiver, packet(0x30, str("a"), props(prop(0x08, str(responseTopic)))),
                    ReasonCode.PROTOCOL_ERROR);
        }
        assertRejected(Role.SERVER, connect(0x06, props(), str("c"), props(prop(0x08, str(responseTopic))), str("w"),
                bin("x")), ReasonCode.PROTOCOL_ERROR);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"reply", "reply/to/me", "$reply/\u00e9", "/", "a//b"})
    @DisplayName("[MQTT-3.3.2-13] [MQTT-3.3.2-14] a Response Topic is a UTF-8 string naming a topic without "
            + "wildcards")
    void responseTopic(String responseTopic) {
        withPublish(Role.SERVER, packet(0x30, str("a"), props(prop(0x08, str(responseTopic)))), publish ->
                assertThat(publish.properties().stringValue(PropertyId.RESPONSE_TOPIC)).isEqualTo(responseTopic));
    }

    @Test
    @DisplayName("[MQTT-3.3.4-6] a client's PUBLISH with a Subscription Identifier is a Protocol Error (0x82)")
    void clientPublishWithSubscriptionIdentifier() {
        assertRejected(Role.SERVER, packet(0x30, str("a"), props(prop(0x0B, vbi(1)))), ReasonCode.PROTOCOL_ERROR);
        assertRejected(Role.SERVER, packet(0x32, str("a"), u16(1), props(prop(0x0B, vbi(1)), prop(0x0B, vbi(2)))),
                ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("a server's PUBLISH may carry several Subscription Identifiers, kept in their order, both ways "
            + "(3.3.2.3.8)")
    void severalSubscriptionIdentifiers() {
        byte[] bytes = packet(0x32, str("a/b"), u16(1),
                props(prop(0x0B, vbi(7)), prop(0x0B, vbi(1)), prop(0x0B, vbi(268_435_455)), prop(0x0B, vbi(300))),
                bytes(0x2A));
        withPublish(Role.CLIENT, bytes, publish -> {
            assertThat(publish.properties().subscriptionIdentifiers()).containsExactly(7, 1, 268_435_455, 300);
            assertThat(hexOf(encode(publish))).isEqualTo(hexOf(bytes));
        });
        Publish built = new Publish("a/b", QoS.AT_LEAST_ONCE, false, false, 1, MqttProperties.builder()
                .subscriptionIdentifier(7).subscriptionIdentifier(1).subscriptionIdentifier(268_435_455)
                .subscriptionIdentifier(300).build(), Unpooled.wrappedBuffer(bytes(0x2A)));
        try {
            assertEncodes(built, bytes);
        } finally {
            built.release();
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.2-18] User Properties, duplicates included, keep their order through decoding and "
            + "re-encoding")
    void userPropertiesKeepTheirOrder() {
        byte[] bytes = packet(0x30, str("a"),
                props(userProp("z", "9"), userProp("a", "1"), userProp("z", "9"), userProp("m", "")), bytes(1));
        withPublish(Role.SERVER, bytes, publish -> {
            assertThat(publish.properties().userProperties()).containsExactly(new UserProperty("z", "9"),
                    new UserProperty("a", "1"), new UserProperty("z", "9"), new UserProperty("m", ""));
            assertThat(hexOf(encode(publish))).isEqualTo(hexOf(bytes));
        });
    }

    @Test
    @DisplayName("[MQTT-3.3.2-13] [MQTT-3.3.2-19] every PUBLISH property decodes to its value and encodes back byte "
            + "for byte")
    void everyPublishProperty() {
        byte[] properties = props(
                prop(0x01, bytes(1)),
                prop(0x02, u32(0xFFFF_FFFFL)),
                prop(0x03, str("application/json")),
                prop(0x08, str("reply/to")),
                prop(0x09, bin("corr")),
                prop(0x0B, vbi(42)),
                prop(0x23, u16(5)),
                userProp("k", "v"));
        byte[] bytes = packet(0x34, str("a/b"), u16(0xFFFF), properties, bytes('{', '}'));
        AtomicReference<MqttProperties> decoded = new AtomicReference<>();
        withPublish(Role.CLIENT, bytes, publish -> {
            decoded.set(publish.properties());
            assertThat(publish.qos()).isEqualTo(QoS.EXACTLY_ONCE);
            assertThat(publish.packetId()).isEqualTo(0xFFFF);
            assertThat(payloadHex(publish)).isEqualTo("7B 7D");
            assertThat(hexOf(encode(publish))).isEqualTo(hexOf(bytes));
        });
        MqttProperties p = decoded.get();
        assertThat(p.intValue(PropertyId.PAYLOAD_FORMAT_INDICATOR, -1)).isEqualTo(1);
        assertThat(p.longValue(PropertyId.MESSAGE_EXPIRY_INTERVAL, -1)).isEqualTo(0xFFFF_FFFFL);
        assertThat(p.stringValue(PropertyId.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(p.stringValue(PropertyId.RESPONSE_TOPIC)).isEqualTo("reply/to");
        assertThat(p.binaryValue(PropertyId.CORRELATION_DATA)).isEqualTo(new byte[] {'c', 'o', 'r', 'r'});
        assertThat(p.subscriptionIdentifiers()).containsExactly(42);
        assertThat(p.intValue(PropertyId.TOPIC_ALIAS, -1)).isEqualTo(5);
        assertThat(p.userProperties()).containsExactly(new UserProperty("k", "v"));
    }

    @Test
    @DisplayName("the payload is the rest of the packet after the properties, possibly empty (3.3.3)")
    void payload() {
        withPublish(Role.SERVER, packet(0x30, str("a"), props()), publish ->
                assertThat(publish.payload().readableBytes()).isZero());
        withPublish(Role.SERVER, packet(0x30, str("a"), props(prop(0x01, bytes(0))), bytes(0, 0x30, 0xFF)),
                publish -> assertThat(payloadHex(publish)).isEqualTo("00 30 FF"));
    }
}
