/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.kafka;

import io.bmpfleet.app.credentials.Credential;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.opendaylight.yang.gen.v1.urn.bmpfleet.yang.intent.rev261122.bmpfleet.export.Kafka;

/**
 * The Kafka export's settings as the intent's {@code export/kafka} gives them, with the model's defaults for what
 * it leaves out (this is the one place those defaults are applied), and the producer's properties they make.
 *
 * @param bootstrapServers brokers to start from, host:port
 * @param topicPrefix the topics' prefix
 * @param topics which topics are written
 * @param collectorName the collector's admin ID
 * @param acks "all", "1" or "0"
 * @param compression the producer's compression type
 * @param bufferBytes memory between the collector and the broker, in all
 * @param deliveryTimeout how long a message may wait for the broker
 * @param snapshotAfterGap whether a gap is followed by a snapshot
 * @param heartbeatInterval how often the collector topic gets a heartbeat (zero: never)
 * @param securityProtocol Kafka's security.protocol
 * @param saslMechanism Kafka's sasl.mechanism
 * @param credentials the credential set for SASL, or null
 * @param trustCertificates a PEM file of CA certificates, or null
 */
public record KafkaSettings(List<String> bootstrapServers, String topicPrefix, Set<ExportTopic> topics,
        String collectorName, String acks, String compression, long bufferBytes, Duration deliveryTimeout,
        boolean snapshotAfterGap, Duration heartbeatInterval, String securityProtocol, String saslMechanism,
        String credentials, String trustCertificates) {
    /** The model's default buffer size. */
    public static final long DEFAULT_BUFFER = 64L << 20;
    /** How long a producer's request may take; the delivery timeout may not be shorter. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** How long a send may wait for room in the producer's own buffer before the message counts as dropped. */
    static final Duration MAX_BLOCK = Duration.ofSeconds(2);

    public KafkaSettings {
        bootstrapServers = List.copyOf(bootstrapServers);
        topics = topics.isEmpty() ? EnumSet.allOf(ExportTopic.class) : EnumSet.copyOf(topics);
    }

    /**
     * The settings an enabled intent gives.
     *
     * @param config the intent's export/kafka
     * @return the settings, or empty when the export is not enabled
     * @throws IllegalArgumentException when they cannot work (no broker named)
     */
    public static Optional<KafkaSettings> of(final Kafka config) {
        if (config == null || !Boolean.TRUE.equals(config.getEnabled())) {
            return Optional.empty();
        }
        final List<String> servers = config.getBootstrapServer() == null ? List.of() : config.getBootstrapServer();
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("export kafka is enabled but names no bootstrap-server");
        }
        final var topics = EnumSet.noneOf(ExportTopic.class);
        if (config.getTopic() != null) {
            config.getTopic().forEach(topic -> topics.add(ExportTopic.valueOf(topic.getName().toUpperCase(Locale.ROOT)
                .replace('-', '_'))));
        }
        final String acks = config.getAcks() == null ? "all" : switch (config.getAcks()) {
            case Leader -> "1";
            case None -> "0";
            default -> "all";
        };
        final String protocol = config.getSecurityProtocol() == null ? "PLAINTEXT"
            : config.getSecurityProtocol().getName().toUpperCase(Locale.ROOT).replace('-', '_');
        final String credentials = config.getCredentials() == null ? null : config.getCredentials().getValue();
        if (protocol.startsWith("SASL") && credentials == null) {
            throw new IllegalArgumentException("export kafka: security-protocol " + config.getSecurityProtocol()
                .getName() + " needs credentials (a credential set with the SASL user name and password)");
        }
        return Optional.of(new KafkaSettings(servers,
            config.getTopicPrefix() == null ? "openbmp" : config.getTopicPrefix(), topics,
            config.getCollectorName() == null ? "bmpfleet" : config.getCollectorName(), acks,
            config.getCompression() == null ? "lz4" : config.getCompression().getName(),
            config.getBufferSize() == null ? DEFAULT_BUFFER : config.getBufferSize().longValue(),
            Duration.ofMillis(config.getDeliveryTimeout() == null ? 30000 : config.getDeliveryTimeout().longValue()),
            !Boolean.FALSE.equals(config.getSnapshotAfterGap()),
            Duration.ofSeconds(config.getHeartbeatInterval() == null ? 300
                : config.getHeartbeatInterval().longValue()),
            protocol, config.getSaslMechanism() == null ? "SCRAM-SHA-512"
                : config.getSaslMechanism().getName().toUpperCase(Locale.ROOT),
            credentials, config.getTrustCertificates()));
    }

    /**
     * A topic's full name.
     *
     * @param topic the topic
     * @return e.g. openbmp.parsed.peer
     */
    public String topicName(final ExportTopic topic) {
        return topic.name(topicPrefix);
    }

    /**
     * The bytes the export queues before the producer: half the buffer.
     *
     * @return bytes
     */
    public long queueBytes() {
        return bufferBytes / 2;
    }

    /**
     * The producer's properties.
     *
     * @param credentialLookup the credential store's lookup, for SASL
     * @return the properties
     * @throws IllegalArgumentException when the SASL credential set is missing
     */
    public Properties producerProperties(final Function<String, Optional<Credential>> credentialLookup) {
        final var props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", bootstrapServers));
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, "bmpfleet-" + collectorName);
        props.put(ProducerConfig.ACKS_CONFIG, acks);
        // Idempotence (no duplicates after a retry, order kept) needs acks=all; with fewer acks a retried batch may
        // overtake the next one unless only one request is in flight.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, Boolean.toString("all".equals(acks)));
        if (!"all".equals(acks)) {
            props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        }
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(bufferBytes - queueBytes()));
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        // Large enough for the biggest message the renderer makes (a BMP message of up to 16 MB with its header).
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(20 << 20));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(MAX_BLOCK.toMillis()));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(REQUEST_TIMEOUT.toMillis()));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(Math.max(deliveryTimeout.toMillis(),
            REQUEST_TIMEOUT.toMillis() + 1000)));
        props.put(CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG, "200");
        props.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, "5000");
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol);
        if (trustCertificates != null) {
            props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
            props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, trustCertificates);
        }
        if (securityProtocol.startsWith("SASL")) {
            final var credential = credentialLookup.apply(credentials).filter(found -> found.password() != null)
                .orElseThrow(() -> new IllegalArgumentException("export kafka: credentials " + credentials
                    + " have no password (rpc set-credentials)"));
            props.put(SaslConfigs.SASL_MECHANISM, saslMechanism);
            final String module = "PLAIN".equals(saslMechanism)
                ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
            props.put(SaslConfigs.SASL_JAAS_CONFIG, module + " required username=\"" + jaasQuote(credential
                .username()) + "\" password=\"" + jaasQuote(credential.password()) + "\";");
        }
        return props;
    }

    private static String jaasQuote(final String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /**
     * The settings without secrets, for logs.
     *
     * @return a summary
     */
    public String describe() {
        final var parts = new ArrayList<String>();
        parts.add("brokers " + String.join(",", bootstrapServers));
        parts.add("topics " + topicPrefix + ".*" + (topics.size() == ExportTopic.values().length ? ""
            : " " + topics));
        parts.add("acks " + acks);
        parts.add("compression " + compression);
        parts.add(securityProtocol);
        return String.join(", ", parts);
    }
}
