package io.tern.cli.sub;

import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.codec.UserProperty;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A {@code -F} format of mosquitto_sub(1), compiled once and applied to each message: {@code %}
 * parameters of the message (with the flags {@code -} and {@code 0}, a field width and a maximum
 * width), {@code @} conversions of strftime(3) ({@code @N} nanoseconds), and {@code \} escapes. It
 * prints what mosquitto_sub prints, byte for byte, quirks included (a field width cuts a payload).
 */
public final class OutputFormat {
    private static final HexFormat LOWER_HEX = HexFormat.of();
    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

    /** One piece of a format: a parameter, a time conversion, or literal bytes. */
    @FunctionalInterface
    private interface Piece {
        void write(Received message, ZonedDateTime time, ByteArrayOutputStream out);
    }

    /** The flags, field width and maximum width of a {@code %} parameter. */
    private record Spec(boolean left, boolean zero, int width, int maxWidth) {
        char pad() {
            return zero && !left ? '0' : ' ';
        }
    }

    private final List<Piece> pieces;
    private final ZoneId zone;

    private OutputFormat(List<Piece> pieces, ZoneId zone) {
        this.pieces = pieces;
        this.zone = zone;
    }

    /**
     * Compiles {@code format}; {@code pretty} formats {@code %j} and {@code %J} on several lines, and times
     * are in {@code zone}.
     *
     * @throws IllegalArgumentException for a format mosquitto_sub refuses: the message says why
     */
    public static OutputFormat compile(String format, boolean pretty, ZoneId zone) {
        List<Piece> pieces = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '%' && c != '@' && c != '\\') {
                literal.append(c);
                i++;
                continue;
            }
            if (i == format.length() - 1) {
                throw new IllegalArgumentException(c == '\\' ? "incomplete escape at the end of the format"
                        : "incomplete format specifier '" + c + "' at the end of the format");
            }
            if (c == '\\') {
                literal.append(escape(format.charAt(i + 1)));
                i += 2;
            } else if (c == '@') {
                char conversion = format.charAt(i + 1);
                i += 2;
                if (conversion == '@') {
                    literal.append('@');
                } else {
                    flush(literal, pieces);
                    pieces.add(time(conversion));
                }
            } else {
                i = parameter(format, i + 1, pretty, literal, pieces);
            }
        }
        flush(literal, pieces);
        return new OutputFormat(List.copyOf(pieces), zone);
    }

    /**
     * Appends the bytes {@code message} prints as to {@code out}, with no end of line, and returns what
     * went wrong (a {@code %J} of a payload that is not JSON prints nothing): as mosquitto_sub, the rest of
     * the format is printed all the same.
     */
    public List<String> write(Received message, ByteArrayOutputStream out) {
        ZonedDateTime time = message.receivedAt().atZone(zone);
        List<String> errors = List.of();
        for (Piece piece : pieces) {
            try {
                piece.write(message, time, out);
            } catch (IllegalArgumentException e) {
                errors = new ArrayList<>(errors);
                errors.add(e.getMessage());
            }
        }
        return errors;
    }

    private static char escape(char c) {
        return switch (c) {
            case '\\' -> '\\';
            case '0' -> '\0';
            case 'a' -> '\u0007';
            case 'e' -> '\u001b';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> '\u000b';
            default -> throw new IllegalArgumentException("invalid escape '\\" + c
                    + "': use \\\\, \\0, \\a, \\e, \\n, \\r, \\t or \\v");
        };
    }

    private static Piece time(char conversion) {
        if (conversion == 'N') {
            return (message, time, out) -> ascii(String.format("%09d", time.getNano()), out);
        }
        if (!Strftime.isConversion(conversion)) {
            throw new IllegalArgumentException("invalid time conversion '@" + conversion + "' (see strftime(3))");
        }
        return (message, time, out) -> ascii(Strftime.format(conversion, time), out);
    }

    /** Parses the parameter after the '%' at {@code start}, adds its piece, returns the index after it. */
    private static int parameter(String format, int start, boolean pretty, StringBuilder literal,
                                 List<Piece> pieces) {
        int i = start;
        boolean left = format.charAt(i) == '-';
        if (left && i < format.length() - 1) {
            i++;
        }
        boolean zero = format.charAt(i) == '0';
        if (zero && i < format.length() - 1) {
            i++;
        }
        int width = 0;
        while (i < format.length() - 1 && Character.isDigit(format.charAt(i))) {
            width = width * 10 + (format.charAt(i++) - '0');
        }
        int maxWidth = -1;
        if (format.charAt(i) == '.') {
            if (i < format.length() - 1) {
                i++;
            }
            maxWidth = 0;
            while (i < format.length() - 1 && Character.isDigit(format.charAt(i))) {
                maxWidth = maxWidth * 10 + (format.charAt(i++) - '0');
            }
        }
        char name = format.charAt(i);
        if (name == '%') {
            literal.append('%');
            return i + 1;
        }
        flush(literal, pieces);
        pieces.add(piece(name, new Spec(left, zero, width, maxWidth), pretty));
        return i + 1;
    }

    private static Piece piece(char name, Spec spec, boolean pretty) {
        return switch (name) {
            case 't' -> (message, time, out) -> string(message.topic(), spec, out);
            case 'p' -> (message, time, out) -> payload(message.payload(), 0, spec, out);
            case 'x' -> (message, time, out) -> payload(message.payload(), 1, spec, out);
            case 'X' -> (message, time, out) -> payload(message.payload(), 2, spec, out);
            case 'q' -> (message, time, out) -> out.write('0' + message.qos());
            case 'r' -> (message, time, out) -> out.write(message.retain() ? '1' : '0');
            case 'l' -> (message, time, out) -> integer(message.payload().length, spec, out);
            case 'm' -> (message, time, out) -> integer(message.packetId(), spec, out);
            case 'A' -> intProperty(PropertyId.TOPIC_ALIAS, spec);
            case 'E' -> intProperty(PropertyId.MESSAGE_EXPIRY_INTERVAL, spec);
            case 'F' -> intProperty(PropertyId.PAYLOAD_FORMAT_INDICATOR, spec);
            case 'S' -> intProperty(PropertyId.SUBSCRIPTION_IDENTIFIER, spec);
            case 'C' -> stringProperty(PropertyId.CONTENT_TYPE, spec, true);
            case 'R' -> stringProperty(PropertyId.RESPONSE_TOPIC, spec, false);
            case 'D' -> (message, time, out) -> {
                byte[] data = message.properties().binaryValue(PropertyId.CORRELATION_DATA);
                if (data != null) {
                    out.writeBytes(data);
                }
            };
            case 'P' -> (message, time, out) -> userProperties(message.properties(), out);
            case 'I' -> (message, time, out) -> ascii(Strftime.format('F', time) + 'T' + Strftime.format('T', time)
                    + Strftime.format('z', time), out);
            case 'U' -> (message, time, out) -> ascii(String.format("%d.%09d", time.toEpochSecond(), time.getNano()),
                    out);
            case 'j' -> (message, time, out) -> MessageJson.write(message, time, false, pretty, out);
            case 'J' -> (message, time, out) -> MessageJson.write(message, time, true, pretty, out);
            default -> throw new IllegalArgumentException("invalid format specifier '%" + name + "'");
        };
    }

    private static Piece intProperty(PropertyId id, Spec spec) {
        return (message, time, out) -> {
            MqttProperties properties = message.properties();
            if (properties.has(id)) {
                integer(properties.longValue(id, 0), spec, out);
            } else {
                pad(spec.width(), spec.pad(), out);
            }
        };
    }

    /** A string property; when it is absent, its field width of blanks if {@code padAbsent} (as %C, not %R). */
    private static Piece stringProperty(PropertyId id, Spec spec, boolean padAbsent) {
        return (message, time, out) -> {
            String value = message.properties().stringValue(id);
            if (value != null || padAbsent) {
                string(value == null ? "" : value, spec, out);
            }
        };
    }

    /** C's {@code %*d}, {@code %0*d} or {@code %-*d}. */
    private static void integer(long value, Spec spec, ByteArrayOutputStream out) {
        String digits = Long.toString(value);
        if (spec.left()) {
            ascii(digits, out);
            pad(spec.width() - digits.length(), ' ', out);
        } else if (spec.pad() == '0' && value < 0) {
            out.write('-');
            pad(spec.width() - digits.length(), '0', out);
            ascii(digits.substring(1), out);
        } else {
            pad(spec.width() - digits.length(), spec.pad(), out);
            ascii(digits, out);
        }
    }

    /** C's {@code %*.*s} or {@code %-*.*s}: at most maxWidth characters, at least width. */
    private static void string(String value, Spec spec, ByteArrayOutputStream out) {
        String text = spec.maxWidth() >= 0 && value.length() > spec.maxWidth()
                ? value.substring(0, spec.maxWidth()) : value;
        if (!spec.left()) {
            pad(spec.width() - text.length(), ' ', out);
        }
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        if (spec.left()) {
            pad(spec.width() - text.length(), ' ', out);
        }
    }

    /**
     * The payload raw ({@code hex} 0), in lower (1) or upper (2) case hexadecimal, as mosquitto_sub writes
     * it: a field width also cuts the payload to that many bytes, half as many in hexadecimal.
     */
    private static void payload(byte[] payload, int hex, Spec spec, ByteArrayOutputStream out) {
        int length = payload.length;
        int padding;
        if (spec.width() > 0) {
            length = Math.min(length, spec.width());
            if (hex > 0) {
                length /= 2;
                padding = spec.width() - length * 2;
            } else {
                padding = spec.width() - length;
            }
        } else {
            padding = 0;
        }
        if (!spec.left()) {
            pad(padding, spec.pad(), out);
        }
        if (hex == 0) {
            out.write(payload, 0, length);
        } else {
            ascii((hex == 1 ? LOWER_HEX : UPPER_HEX).formatHex(payload, 0, length), out);
        }
        if (spec.left()) {
            pad(padding, ' ', out);
        }
    }

    private static void userProperties(MqttProperties properties, ByteArrayOutputStream out) {
        List<UserProperty> user = properties.userProperties();
        for (int i = 0; i < user.size(); i++) {
            if (i > 0) {
                out.write(' ');
            }
            out.writeBytes((user.get(i).name() + ':' + user.get(i).value()).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void pad(int count, char pad, ByteArrayOutputStream out) {
        for (int i = 0; i < count; i++) {
            out.write(pad);
        }
    }

    private static void ascii(String text, ByteArrayOutputStream out) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void flush(StringBuilder literal, List<Piece> pieces) {
        if (!literal.isEmpty()) {
            byte[] bytes = literal.toString().getBytes(StandardCharsets.UTF_8);
            pieces.add((message, time, out) -> out.writeBytes(bytes));
            literal.setLength(0);
        }
    }
}
