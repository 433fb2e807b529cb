package io.tern.codec.auth;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The text of SCRAM messages (RFC 5802 section 7): attributes, and names escaped for them. */
public final class ScramMessages {
    /** The GS2 header of a client that does not bind the channel and authorizes as itself. */
    public static final String GS2_HEADER = "n,,";

    private ScramMessages() {
    }

    /**
     * The attributes of a message, {@code r=abc,s=xyz}, by their letter.
     *
     * @throws ScramException if an attribute is not a letter, '=' and a value, or comes twice
     */
    public static Map<Character, String> attributes(String message) throws ScramException {
        Map<Character, String> attributes = new HashMap<>();
        for (String attribute : message.split(",", -1)) {
            if (attribute.length() < 2 || attribute.charAt(1) != '=' || !Character.isLetter(attribute.charAt(0))) {
                throw new ScramException("malformed SCRAM attribute '" + attribute + "'");
            }
            if (attributes.put(attribute.charAt(0), attribute.substring(2)) != null) {
                throw new ScramException("SCRAM attribute " + attribute.charAt(0) + " given twice");
            }
        }
        return attributes;
    }

    /** The attribute {@code name}, required. */
    public static String required(Map<Character, String> attributes, char name) throws ScramException {
        String value = attributes.get(name);
        if (value == null || value.isEmpty()) {
            throw new ScramException("SCRAM attribute " + name + " missing");
        }
        return value;
    }

    /** A user name as a SCRAM message carries it: ',' as =2C and '=' as =3D. */
    public static String escape(String name) {
        return name.replace("=", "=3D").replace(",", "=2C");
    }

    /** A user name from a SCRAM message. */
    public static String unescape(String name) throws ScramException {
        String unescaped = name.replace("=2C", ",").replace("=3D", "=");
        if (name.replace("=2C", "").replace("=3D", "").indexOf('=') >= 0) {
            throw new ScramException("malformed SCRAM user name '" + name + "'");
        }
        return unescaped;
    }

    /** The bytes of a message. */
    public static byte[] bytes(String message) {
        return message.getBytes(StandardCharsets.UTF_8);
    }

    /** A message from its bytes. */
    public static String text(byte[] message) {
        return message == null ? "" : new String(message, StandardCharsets.UTF_8);
    }
}
