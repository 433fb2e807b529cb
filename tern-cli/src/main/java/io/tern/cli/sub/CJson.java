package io.tern.cli.sub;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON the way cJSON, the library of mosquitto_sub's {@code %j} and {@code %J}, prints it, so that
 * the two tools print the same bytes: no spaces unformatted; formatted ({@code --pretty}), one member a
 * line indented by tabs, a tab after each colon, array elements after ", ". Strings are written as their
 * bytes with only {@code "}, {@code \} and control characters escaped, and numbers as C's {@code %d}
 * or {@code %.15g}.
 *
 * <p>A value is a {@link Map} (an object; {@link Members} when names repeat), {@link Long}, {@link Double},
 * {@link String}, {@code byte[]} (a C string: it ends at its first zero byte), a Jackson {@link JsonNode},
 * or {@code null}.
 */
final class CJson {
    /** The members of an object, in order, where a name may repeat (as user properties may). */
    record Members(List<Map.Entry<String, Object>> entries) {
    }

    private final ByteArrayOutputStream out;
    private final boolean pretty;
    private int depth;

    CJson(ByteArrayOutputStream out, boolean pretty) {
        this.out = out;
        this.pretty = pretty;
    }

    /** Writes {@code value}. */
    void write(Object value) {
        if (value == null) {
            ascii("null");
        } else if (value instanceof Map<?, ?> map) {
            writeObject(map.entrySet().iterator());
        } else if (value instanceof Members members) {
            writeObject(members.entries().iterator());
        } else if (value instanceof Long number) {
            ascii(number.toString());
        } else if (value instanceof Double number) {
            ascii(number(number));
        } else if (value instanceof String text) {
            string(text.getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof byte[] bytes) {
            string(bytes);
        } else if (value instanceof JsonNode node) {
            writeNode(node);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass());
        }
    }

    private void writeNode(JsonNode node) {
        if (node.isObject()) {
            writeObject(node.fields());
        } else if (node.isArray()) {
            out.write('[');
            depth++;
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    ascii(pretty ? ", " : ",");
                }
                writeNode(node.get(i));
            }
            depth--;
            out.write(']');
        } else if (node.isNumber()) {
            ascii(number(node.asDouble()));
        } else if (node.isTextual()) {
            write(node.textValue());
        } else if (node.isBoolean()) {
            ascii(node.booleanValue() ? "true" : "false");
        } else {
            ascii("null");
        }
    }

    private void writeObject(Iterator<? extends Map.Entry<?, ?>> members) {
        out.write('{');
        depth++;
        if (pretty) {
            out.write('\n');
        }
        while (members.hasNext()) {
            Map.Entry<?, ?> member = members.next();
            indent(depth);
            string(member.getKey().toString().getBytes(StandardCharsets.UTF_8));
            out.write(':');
            if (pretty) {
                out.write('\t');
            }
            write(member.getValue());
            if (members.hasNext()) {
                out.write(',');
            }
            if (pretty) {
                out.write('\n');
            }
        }
        indent(depth - 1);
        depth--;
        out.write('}');
    }

    private void indent(int tabs) {
        if (pretty) {
            for (int i = 0; i < tabs; i++) {
                out.write('\t');
            }
        }
    }

    /** A C string in quotes: up to its first zero byte, with quotes, backslashes and control bytes escaped. */
    private void string(byte[] bytes) {
        out.write('"');
        for (byte b : bytes) {
            if (b == 0) {
                break;
            }
            switch (b) {
                case '"' -> ascii("\\\"");
                case '\\' -> ascii("\\\\");
                case '\b' -> ascii("\\b");
                case '\f' -> ascii("\\f");
                case '\n' -> ascii("\\n");
                case '\r' -> ascii("\\r");
                case '\t' -> ascii("\\t");
                default -> {
                    if (b >= 0 && b < 0x20) {
                        ascii(String.format("\\u%04x", b));
                    } else {
                        out.write(b);
                    }
                }
            }
        }
        out.write('"');
    }

    /** cJSON's number: {@code %d} when it is a whole number an int holds, else {@code %1.15g} (17 if 15 lose it). */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "null";
        }
        if (value == Math.rint(value) && value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
            return Integer.toString((int) value);
        }
        String fifteen = formatG(value, 15);
        return Double.parseDouble(fifteen) == value ? fifteen : formatG(value, 17);
    }

    /** C's {@code %.{precision}g}: significant digits, trailing zeros removed, exponent form for large or small. */
    private static String formatG(double value, int precision) {
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(precision));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= precision) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            String digits = mantissa.scale() <= 0 ? mantissa.toBigInteger().toString() : mantissa.toPlainString();
            return digits + (exponent < 0 ? "e-" : "e+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        }
        BigDecimal plain = rounded.stripTrailingZeros();
        return plain.scale() <= 0 ? plain.toBigInteger().toString() : plain.toPlainString();
    }

    private void ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            out.write(text.charAt(i));
        }
    }
}
