package io.tern.broker.support;

import java.util.HexFormat;

/** Bytes written in hexadecimal for readable raw-packet tests. */
public final class Hex {
    private Hex() {
    }

    /** The bytes of a hexadecimal string; spaces are ignored. */
    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }
}
