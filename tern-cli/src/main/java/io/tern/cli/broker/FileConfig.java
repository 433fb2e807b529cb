package io.tern.cli.broker;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A broker configuration file as written, before its values are checked: a key left out is null here,
 * and takes its default in {@link ConfigFile}. The keys are documented in {@code tern.example.yaml}.
 */
record FileConfig(
        @JsonProperty("listeners") @JsonSetter(nulls = Nulls.SET) List<Listener> listeners,
        @JsonProperty("limits") @JsonSetter(nulls = Nulls.SET) Limits limits,
        @JsonProperty("logging") @JsonSetter(nulls = Nulls.SET) Logging logging,
        @JsonProperty("storage") @JsonSetter(nulls = Nulls.SET) Storage storage) {

    /** A TCP listener. */
    record Listener(
            @JsonProperty("host") String host,
            @JsonProperty("port") Integer port) {
    }

    /** The limits of {@link io.tern.broker.BrokerConfig}, one key per field. */
    record Limits(
            @JsonProperty("max-inflight") Integer maxInflight,
            @JsonProperty("max-queued-messages") Integer maxQueuedMessages,
            @JsonProperty("max-queued-bytes") Long maxQueuedBytes,
            @JsonProperty("queue-qos0") Boolean queueQos0,
            @JsonProperty("max-qos") Integer maxQos,
            @JsonProperty("max-packet-size") Integer maxPacketSize,
            @JsonProperty("connect-timeout") JsonNode connectTimeout,
            @JsonProperty("session-expiry") JsonNode sessionExpiry,
            @JsonProperty("allow-zero-length-client-id") Boolean allowZeroLengthClientId,
            @JsonProperty("sys-interval") JsonNode sysInterval,
            @JsonProperty("receive-maximum") Integer receiveMaximum,
            @JsonProperty("topic-alias-maximum") Integer topicAliasMaximum,
            @JsonProperty("max-keep-alive") JsonNode maxKeepAlive,
            @JsonProperty("response-information") JsonNode responseInformation,
            @JsonProperty("retain-available") Boolean retainAvailable) {
    }

    /** Where sessions and retained messages are kept. */
    record Storage(
            @JsonProperty("data-dir") String dataDir,
            @JsonProperty("memory") Boolean memory,
            @JsonProperty("sync") JsonNode sync) {
    }

    /** What the broker logs. */
    record Logging(
            @JsonProperty("level") String level) {
    }
}
