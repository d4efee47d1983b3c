package io.whizbang.sqs;

import io.whizbang.runtime.transport.kit.BrokerConfig;
import io.whizbang.runtime.transport.kit.SettingsCheck;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Settings of an {@link SqsTransport}. In production only the region (or the default region chain) is needed:
 * credentials come from the SDK's default chain (environment, profile, container or instance role).
 *
 * <pre>{@code
 * SqsConfig config = SqsConfig.builder()
 *     .region("eu-west-1")
 *     .namePrefix("shop")
 *     .build();
 * Transport transport = SqsTransport.connect(config);
 *
 * // Against a local emulator:
 * SqsConfig.builder().endpoint("http://127.0.0.1:4566").region("us-east-1").staticCredentials("test", "test")
 * }</pre>
 */
public final class SqsConfig extends BrokerConfig {

  /** SQS and SNS refuse messages (body plus attributes) above 256 KiB. */
  public static final int MAX_MESSAGE_BYTES = 262_144;
  /** SQS and SNS take at most 10 entries per batch call. */
  public static final int MAX_BATCH_ENTRIES = 10;

  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_-]{1,40}");

  private final Region region;
  private final URI endpoint;
  private final AwsCredentialsProvider credentials;
  private final boolean fifo;
  private final EventRouting eventRouting;
  private final Duration visibilityTimeout;
  private final Duration receiveWait;
  private final int maxInFlight;
  private final int publishAttempts;
  private final Duration publishRetryDelay;
  private final Integer deadLetterAfterReceives;

  private SqsConfig(Builder b) {
    super(b);
    region = b.region;
    endpoint = b.endpoint;
    credentials = b.credentials;
    fifo = b.fifo;
    eventRouting = b.eventRouting;
    visibilityTimeout = b.visibilityTimeout;
    receiveWait = b.receiveWait;
    maxInFlight = b.maxInFlight;
    publishAttempts = b.publishAttempts;
    publishRetryDelay = b.publishRetryDelay;
    deadLetterAfterReceives = b.deadLetterAfterReceives;
  }

  /** A builder with the defaults: FIFO, SNS topics, provisioning on, prefix {@code whizbang}, 30 s visibility. */
  public static Builder builder() {
    return new Builder();
  }

  /** The region, or {@code null} for the SDK's default region chain ({@code AWS_REGION}, profile, instance). */
  public Region region() {
    return region;
  }

  /** The endpoint override (an emulator, a VPC endpoint), or {@code null} for AWS's own endpoints. */
  public URI endpoint() {
    return endpoint;
  }

  /** The credentials, or {@code null} for the SDK's default credential chain. */
  public AwsCredentialsProvider credentials() {
    return credentials;
  }

  /** FIFO queues and topics: per-key order and deduplication by message id. */
  public boolean fifo() {
    return fifo;
  }

  public EventRouting eventRouting() {
    return eventRouting;
  }

  public Duration visibilityTimeout() {
    return visibilityTimeout;
  }

  public Duration receiveWait() {
    return receiveWait;
  }

  public int maxInFlight() {
    return maxInFlight;
  }

  public int publishAttempts() {
    return publishAttempts;
  }

  public Duration publishRetryDelay() {
    return publishRetryDelay;
  }

  /** After how many receives SQS moves a message to the queue's dead-letter queue, or {@code null} for no redrive. */
  public Integer deadLetterAfterReceives() {
    return deadLetterAfterReceives;
  }

  @Override
  public String toString() {
    return "SqsConfig[region=" + (region == null ? "default chain" : region.id())
        + (endpoint == null ? "" : ", endpoint=" + endpoint) + ", prefix=" + namePrefix() + ", "
        + (fifo ? "fifo" : "standard") + ", " + eventRouting + (provisioning() ? ", provisioning" : "") + "]";
  }

  /** Collects and validates settings; every setter rejects a bad value at once, saying what is allowed. */
  public static final class Builder extends BrokerConfig.Builder<Builder> {
    private Region region;
    private URI endpoint;
    private AwsCredentialsProvider credentials;
    private boolean fifo = true;
    private EventRouting eventRouting = EventRouting.SNS_TOPICS;
    private Duration visibilityTimeout = Duration.ofSeconds(30);
    private Duration receiveWait = Duration.ofSeconds(20);
    private int maxInFlight = 100;
    private int publishAttempts = 3;
    private Duration publishRetryDelay = Duration.ofMillis(100);
    private Integer deadLetterAfterReceives;

    private Builder() {
      // operationTimeout bounds one API call, the SDK's retries included.
      // maxBatch: a lane gathers up to 50 deliveries of several receive calls (ten each) into one handler call.
      super(SqsConfigException::new, "whizbang", 50, Duration.ofSeconds(30), Duration.ofSeconds(30));
      operationTimeoutRange(Duration.ofSeconds(1), null);
      maxBatchLimit(1000);
    }

    /** Starts every queue and topic name: {@code <prefix>-<domain>-commands}. Letters, digits, '-', '_'; 1-40. */
    @Override
    protected void checkNamePrefix(SettingsCheck check, String value) {
      check.require(PREFIX.matcher(value).matches(), "namePrefix must be 1 to 40 letters, digits, '-' or '_' (SQS"
          + " queue name characters), was '" + value + "'");
    }

    /** An AWS region id such as {@code eu-west-1}. Without it the SDK's default region chain decides. */
    public Builder region(String value) {
      if (value == null || !value.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
        throw new SqsConfigException("region must be an AWS region id such as 'eu-west-1', was '" + value + "'");
      }
      region = Region.of(value);
      return this;
    }

    /** Sends every call to this endpoint instead of AWS's (an emulator, a VPC endpoint). */
    public Builder endpoint(String value) {
      URI uri;
      try {
        uri = URI.create(Objects.requireNonNull(value, "endpoint"));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new SqsConfigException("endpoint must be an http(s) URL such as 'http://127.0.0.1:9324', was '"
            + value + "'");
      }
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new SqsConfigException("endpoint must be an http(s) URL such as 'http://127.0.0.1:9324', was '"
            + value + "'");
      }
      endpoint = uri;
      return this;
    }

    /** Fixed credentials (tests, emulators). Production leaves this out and uses the default credential chain. */
    public Builder staticCredentials(String accessKeyId, String secretAccessKey) {
      if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isBlank()) {
        throw new SqsConfigException("staticCredentials needs a non-blank access key id and secret access key");
      }
      credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
      return this;
    }

    /** Any SDK credentials provider (a role to assume, a named profile). */
    public Builder credentials(AwsCredentialsProvider value) {
      credentials = Objects.requireNonNull(value, "credentials");
      return this;
    }

    /**
     * FIFO (default): queues and topics end in {@code .fifo}, messages of one partition key keep their order and a
     * message id published twice within five minutes is delivered once. Standard: higher throughput, but no order
     * and occasional duplicates (the inbox absorbs those).
     */
    public Builder fifo(boolean value) {
      fifo = value;
      return this;
    }

    public Builder eventRouting(EventRouting value) {
      eventRouting = Objects.requireNonNull(value, "eventRouting");
      return this;
    }

    /**
     * How long a received message stays hidden from other consumers; it is extended while the handler runs, so it
     * only bounds how soon a crashed consumer's messages come back. 1 s to 12 h, whole seconds.
     */
    public Builder visibilityTimeout(Duration value) {
      requireSeconds("visibilityTimeout", value, 1, 43_200);
      visibilityTimeout = value;
      return this;
    }

    /** Long polling: how long a receive call waits for messages. 0 to 20 s, whole seconds; closing waits for it. */
    public Builder receiveWait(Duration value) {
      requireSeconds("receiveWait", value, 0, 20);
      receiveWait = value;
      return this;
    }

    /** Received but unsettled messages per subscription and queue before polling pauses. At least 10. */
    public Builder maxInFlight(int value) {
      if (value < MAX_BATCH_ENTRIES) {
        throw new SqsConfigException("maxInFlight must be at least 10 (one receive call), was " + value);
      }
      maxInFlight = value;
      return this;
    }

    /** Attempts per message within one publish call (failed batch entries are sent again). 1 to 10. */
    public Builder publishAttempts(int value) {
      if (value < 1 || value > 10) {
        throw new SqsConfigException("publishAttempts must be 1 to 10, was " + value);
      }
      publishAttempts = value;
      return this;
    }

    /** Pause before a failed batch entry is sent again (doubled on each further attempt). */
    public Builder publishRetryDelay(Duration value) {
      if (value == null || value.isNegative()) {
        throw new SqsConfigException("publishRetryDelay must be zero or positive, was " + value);
      }
      publishRetryDelay = value;
      return this;
    }

    /**
     * Gives every queue a dead-letter queue ({@code <queue>-dlq}) and a redrive policy moving a message there after
     * this many receives (1 to 1000). Set it above the inbox's retry attempts, so that SQS only catches messages
     * the inbox could not even record (undecodable, or failing before the inbox ran).
     */
    public Builder deadLetterAfterReceives(int value) {
      if (value < 1 || value > 1000) {
        throw new SqsConfigException("deadLetterAfterReceives must be 1 to 1000 (SQS maxReceiveCount), was " + value);
      }
      deadLetterAfterReceives = value;
      return this;
    }

    /** Checks the combination of settings. */
    public SqsConfig build() {
      SqsConfig config = new SqsConfig(this);
      if (config.operationTimeout().compareTo(receiveWait.plusSeconds(5)) < 0) {
        throw new SqsConfigException("operationTimeout (" + config.operationTimeout() + ") must exceed receiveWait ("
            + receiveWait + ") by at least 5 s, or long-polling receives would time out");
      }
      return config;
    }

    private static void requireSeconds(String name, Duration value, long min, long max) {
      if (value == null || value.toMillis() % 1000 != 0 || value.toSeconds() < min || value.toSeconds() > max) {
        throw new SqsConfigException(name + " must be whole seconds from " + min + " to " + max + " s, was "
            + value);
      }
    }
  }
}
