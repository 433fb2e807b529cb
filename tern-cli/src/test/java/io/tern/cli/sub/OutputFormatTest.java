package io.tern.cli.sub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * -F formats print what mosquitto_sub 2.0.11 prints for the same message: the expected strings are its
 * output (FormatInteropIT compares the two tools live).
 */
class OutputFormatTest {
    private static final Instant AT = Instant.parse("2026-11-26T03:36:25.514250123Z");
    private static final MqttProperties V5 = MqttProperties.builder()
            .set(PropertyId.PAYLOAD_FORMAT_INDICATOR, 1)
            .set(PropertyId.MESSAGE_EXPIRY_INTERVAL, 60)
            .set(PropertyId.CONTENT_TYPE, "text/json")
            .set(PropertyId.RESPONSE_TOPIC, "resp/topic")
            .set(PropertyId.CORRELATION_DATA, "cd".getBytes(StandardCharsets.UTF_8))
            .userProperty("k", "v")
            .userProperty("k2", "v2")
            .build();

    @Test
    @DisplayName("flags, field widths and maximum widths, as mosquitto_sub applies them (a width cuts a payload)")
    void widthsAndFlags() {
        String format = "[%5p][%-5p][%05p][%2p][%5x][%2x][%-6X][%.2t][%8.2t][%-8.2t|%08t][%5q][%5r][%-5l|][%05m]"
                + "[%%][@@][\\t][\\\\]";

        assertThat(print(format, message("w/abcdef", "abc", 1, false, 1, MqttProperties.EMPTY)))
                .isEqualTo("[  abc][abc  ][00abc][ab][   61][61][61    ][w/][      w/][w/      |w/abcdef][1][0][3    |]"
                        + "[00001][%][@][\t][\\]");
    }

    @Test
    @DisplayName("MQTT 5 properties; absent ones print as their padding only")
    void properties() {
        String format = "[%05A][%05E][%05F][%05S][%-5S][%5C][%.2C][%8.3R][%D][%P][%3l][%-3m]";

        assertThat(print(format, message("w/abcdef", "abc", 1, false, 2, V5)))
                .isEqualTo("[00000][00060][00001][00000][     ][text/json][te][     res][cd][k:v k2:v2][  3][2  ]");
        assertThat(print(format, message("w/abcdef", "abc", 1, false, 1, MqttProperties.EMPTY)))
                .isEqualTo("[00000][00000][00000][00000][     ][     ][][][][][  3][1  ]");
        assertThat(print("[%A][%E][%C][%R][%S][%-A][%3S]", message("t", "p", 0, false, 0, MqttProperties.EMPTY)))
                .isEqualTo("[][][][][][][   ]");
        assertThat(print("[%5R][%-5R][%8.3C][%.3R][%8.7C][%5A][%-5E][%05C]",
                message("t", "p", 0, false, 0, MqttProperties.EMPTY)))
                .isEqualTo("[][][        ][][        ][     ][     ][     ]");
    }

    @Test
    void topicPayloadQosRetainHex() {
        assertThat(print("%t %p %q %r %l %m %x %X", message("a/b", "Hi!", 2, true, 7, MqttProperties.EMPTY)))
                .isEqualTo("a/b Hi! 2 1 3 7 486921 486921");
    }

    @Test
    @DisplayName("%j: the message as one line of JSON, payload quoted; no mid at QoS 0, null for an empty payload")
    void json() {
        assertThat(print("%j", message("x/y", "hello world", 1, false, 1, MqttProperties.EMPTY)))
                .isEqualTo("{\"tst\":\"2026-11-26T03:36:25.514250Z+0000\",\"topic\":\"x/y\",\"qos\":1,\"retain\":0,"
                        + "\"payloadlen\":11,\"mid\":1,\"payload\":\"hello world\"}");
        assertThat(print("%j", message("x/z", "{\"a\":\"\n\"}", 0, true, 0, MqttProperties.EMPTY)))
                .isEqualTo("{\"tst\":\"2026-11-26T03:36:25.514250Z+0000\",\"topic\":\"x/z\",\"qos\":0,\"retain\":1,"
                        + "\"payloadlen\":9,\"payload\":\"{\\\"a\\\":\\\"\\n\\\"}\"}");
        assertThat(print("%j", message("x/z", "", 1, false, 3, MqttProperties.EMPTY)))
                .endsWith("\"payloadlen\":0,\"mid\":3,\"payload\":null}");
    }

    @Test
    @DisplayName("%J --pretty: cJSON's layout, tabs and all, with the properties and the payload as JSON")
    void prettyJsonPayload() {
        assertThat(print("%J", message("x/y", "{\"a\":[1,2.5,{\"b\":true}]}", 0, false, 0, V5), true))
                .isEqualTo("""
                        {
                        \t"tst":\t"2026-11-26T03:36:25.514250Z+0000",
                        \t"topic":\t"x/y",
                        \t"qos":\t0,
                        \t"retain":\t0,
                        \t"payloadlen":\t24,
                        \t"properties":\t{
                        \t\t"payload-format-indicator":\t1,
                        \t\t"message-expiry-interval":\t60,
                        \t\t"content-type":\t"text/json",
                        \t\t"response-topic":\t"resp/topic",
                        \t\t"correlation-data":\t"cd",
                        \t\t"user-properties":\t{
                        \t\t\t"k":\t"v",
                        \t\t\t"k2":\t"v2"
                        \t\t}
                        \t},
                        \t"payload":\t{
                        \t\t"a":\t[1, 2.5, {
                        \t\t\t\t"b":\ttrue
                        \t\t\t}]
                        \t}
                        }""");
    }

    @Test
    @DisplayName("%J of a payload that is not JSON: the rest of the format, and mosquitto_sub's error")
    void jsonPayloadThatIsNotJson() {
        OutputFormat format = OutputFormat.compile("<%J>", false, ZoneOffset.UTC);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        List<String> errors = format.write(message("x/y", "notjson", 0, false, 0, MqttProperties.EMPTY), out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("<>");
        assertThat(errors).containsExactly("Message payload is not valid JSON on topic x/y");
    }

    @Test
    @DisplayName("time: @ conversions of strftime, @N nanoseconds, %I ISO 8601, %U Unix time")
    void time() {
        assertThat(print("@Y-@m-@d @H:@M:@S @z @Z @s @j @a @b @N|%I|%U",
                message("t", "p", 0, false, 0, MqttProperties.EMPTY)))
                .isEqualTo("2026-11-26 03:36:25 +0000 Z 1795664185 330 Thu Nov 514250123|2026-11-26T03:36:25+0000|"
                        + "1795664185.514250123");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "%e      | invalid format specifier '%e'",
        "abc%    | incomplete format specifier '%' at the end of the format",
        "abc@    | incomplete format specifier '@' at the end of the format",
        "abc\\   | incomplete escape at the end of the format",
        "abc\\q  | invalid escape '\\q'",
        "@Q      | invalid time conversion '@Q'",
    })
    void refusesWhatMosquittoSubRefuses(String format, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> OutputFormat.compile(format, false, ZoneOffset.UTC))
                .withMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource({"27.0, 27", "0.1, 0.1", "1e20, 1e+20", "3.14159, 3.14159", "-2.5e-7, -2.5e-07", "12345678901, 12345678901"})
    void numbersAsCJsonPrintsThem(double value, String printed) {
        assertThat(CJson.number(value)).isEqualTo(printed);
    }

    private static Received message(String topic, String payload, int qos, boolean retain, int packetId,
                                    MqttProperties properties) {
        return new Received(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retain, packetId, properties, AT);
    }

    private static String print(String format, Received message) {
        return print(format, message, false);
    }

    private static String print(String format, Received message, boolean pretty) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(OutputFormat.compile(format, pretty, ZoneOffset.UTC).write(message, out)).isEmpty();
        return out.toString(StandardCharsets.UTF_8);
    }
}
