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
        @JsonProperty("auth") @JsonSetter(nulls = Nulls.SET) Auth auth,
        @JsonProperty("storage") @JsonSetter(nulls = Nulls.SET) Storage storage) {

    /** A listener: MQTT over TCP, or WebSocket ({@code protocol: ws}), either over TLS with a {@code tls} block. */
    record Listener(
            @JsonProperty("host") String host,
            @JsonProperty("port") Integer port,
            @JsonProperty("protocol") String protocol,
            @JsonProperty("path") String path,
            @JsonProperty("tls") Tls tls) {
    }

    /** The TLS of a listener: PEM files, and client certificates. */
    record Tls(
            @JsonProperty("cert") String cert,
            @JsonProperty("key") String key,
            @JsonProperty("ca") String ca,
            @JsonProperty("require-client-cert") Boolean requireClientCert,
            @JsonProperty("use-identity-as-username") Boolean useIdentityAsUsername,
            @JsonProperty("protocols") List<String> protocols) {
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
            @JsonProperty("retain-available") Boolean retainAvailable,
            @JsonProperty("max-connections") Integer maxConnections,
            @JsonProperty("max-connect-rate") JsonNode maxConnectRate,
            @JsonProperty("max-subscriptions") Integer maxSubscriptions,
            @JsonProperty("max-topic-length") Integer maxTopicLength,
            @JsonProperty("max-topic-levels") Integer maxTopicLevels,
            @JsonProperty("max-publish-rate") JsonNode maxPublishRate,
            @JsonProperty("max-pending-bytes") Integer maxPendingBytes) {
    }

    /** Who may connect, and what they may do. */
    record Auth(
            @JsonProperty("password-file") String passwordFile,
            @JsonProperty("acl-file") String aclFile,
            @JsonProperty("allow-anonymous") Boolean allowAnonymous) {
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
