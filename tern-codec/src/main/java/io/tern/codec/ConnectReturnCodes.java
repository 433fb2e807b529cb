package io.tern.codec;

/**
 * Translates between the CONNACK return codes of MQTT 3 and the reason codes Tern uses for every
 * version. A refusal MQTT 3 has no word for takes the nearest return code.
 */
public final class ConnectReturnCodes {
    private static final ReasonCode[] BY_RETURN_CODE = {
        ReasonCode.SUCCESS,
        ReasonCode.UNSUPPORTED_PROTOCOL_VERSION,
        ReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
        ReasonCode.SERVER_UNAVAILABLE,
        ReasonCode.BAD_USER_NAME_OR_PASSWORD,
        ReasonCode.NOT_AUTHORIZED,
    };

    private ConnectReturnCodes() {
    }

    /** The reason code of an MQTT 3 return code, or {@code null} for a value above 5. */
    public static ReasonCode fromReturnCode(int returnCode) {
        return returnCode >= 0 && returnCode < BY_RETURN_CODE.length ? BY_RETURN_CODE[returnCode] : null;
    }

    /** The MQTT 3 return code that says the most of a CONNACK reason code. */
    public static int toReturnCode(ReasonCode reasonCode) {
        return switch (reasonCode) {
            case SUCCESS -> 0;
            case UNSUPPORTED_PROTOCOL_VERSION -> 1;
            case CLIENT_IDENTIFIER_NOT_VALID -> 2;
            case BAD_USER_NAME_OR_PASSWORD, BAD_AUTHENTICATION_METHOD -> 4;
            case NOT_AUTHORIZED, BANNED -> 5;
            default -> 3;
        };
    }
}
