package io.tern.client;

import io.tern.codec.PacketType;
import io.tern.codec.ReasonCode;
import io.tern.codec.UserProperty;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to disconnect (MQTT 5): the reason code, a new session expiry, a reason string, user properties.
 * MQTT 3.1.1 has only a plain DISCONNECT and ignores all of these.
 */
public final class DisconnectOptions {
    /** A normal disconnection: the server discards the will. */
    public static final DisconnectOptions NORMAL = builder().build();

    private final ReasonCode reasonCode;
    private final Duration sessionExpiry;
    private final String reasonString;
    private final List<UserProperty> userProperties;

    private DisconnectOptions(Builder builder) {
        this.reasonCode = builder.reasonCode;
        this.sessionExpiry = builder.sessionExpiry;
        this.reasonString = builder.reasonString;
        this.userProperties = List.copyOf(builder.userProperties);
    }

    /** A builder, starting from a normal disconnection. */
    public static Builder builder() {
        return new Builder();
    }

    /** A disconnection that asks the server to publish the will (reason code 0x04). */
    public static DisconnectOptions withWill() {
        return builder().reasonCode(ReasonCode.DISCONNECT_WITH_WILL_MESSAGE).build();
    }

    /** The reason code of DISCONNECT. */
    public ReasonCode reasonCode() {
        return reasonCode;
    }

    /** The session expiry to set, if any. */
    public Optional<Duration> sessionExpiry() {
        return Optional.ofNullable(sessionExpiry);
    }

    /** The reason string, if any. */
    public Optional<String> reasonString() {
        return Optional.ofNullable(reasonString);
    }

    /** The user properties, in order. */
    public List<UserProperty> userProperties() {
        return userProperties;
    }

    /** Collects the options. */
    public static final class Builder {
        private ReasonCode reasonCode = ReasonCode.NORMAL_DISCONNECTION;
        private Duration sessionExpiry;
        private String reasonString;
        private final List<UserProperty> userProperties = new ArrayList<>();

        private Builder() {
        }

        /**
         * The reason code.
         *
         * @throws IllegalArgumentException if the code is not one a DISCONNECT may carry
         */
        public Builder reasonCode(ReasonCode reasonCode) {
            if (!reasonCode.isAllowedIn(PacketType.DISCONNECT)) {
                throw new IllegalArgumentException(reasonCode + " is not a DISCONNECT reason code");
            }
            this.reasonCode = reasonCode;
            return this;
        }

        /**
         * A new session expiry; the server refuses to turn 0 set at connect into anything else.
         *
         * @throws IllegalArgumentException if negative or more than 4,294,967,295 seconds
         */
        public Builder sessionExpiry(Duration sessionExpiry) {
            this.sessionExpiry = Intervals.requireFourByteSeconds(sessionExpiry, "session expiry");
            return this;
        }

        /** A reason string for the server's log. */
        public Builder reasonString(String reasonString) {
            this.reasonString = Objects.requireNonNull(reasonString, "reasonString");
            return this;
        }

        /** Adds a user property after those already added. */
        public Builder userProperty(String name, String value) {
            userProperties.add(new UserProperty(name, value));
            return this;
        }

        /** The options. */
        public DisconnectOptions build() {
            return new DisconnectOptions(this);
        }
    }
}
