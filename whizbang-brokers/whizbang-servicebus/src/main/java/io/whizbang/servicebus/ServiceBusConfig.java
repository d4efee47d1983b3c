package io.whizbang.servicebus;

import com.azure.core.credential.TokenCredential;
import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClient;
import io.whizbang.runtime.transport.kit.BrokerConfig;
import io.whizbang.runtime.transport.kit.SettingsCheck;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings of a {@link ServiceBusTransport}: how to reach the namespace, how entities are named and created, and how
 * consumers hold sessions. Every setter checks its value at once; {@link Builder#build()} checks the combination.
 * With {@code provisioning} on (the default) missing queues, topics and subscriptions are created with the
 * administration client and the rules of a subscription follow what is subscribed (needs the Manage right).
 *
 * <pre>{@code
 * ServiceBusConfig config = ServiceBusConfig.builder()
 *     .connectionString(System.getenv("SERVICEBUS_CONNECTION_STRING"))
 *     .namePrefix("shop")
 *     .build();
 * Transport transport = ServiceBusTransport.connect(config);
 *
 * // Or with a Microsoft Entra ID token (azure-identity on the classpath):
 * ServiceBusConfig.builder().credential("shop.servicebus.windows.net", new DefaultAzureCredentialBuilder().build())
 * }</pre>
 */
public final class ServiceBusConfig extends BrokerConfig {

  private static final Pattern ENDPOINT = Pattern.compile("(?i)(?:^|;)\\s*Endpoint\\s*=\\s*sb://([^;/]+)");
  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9.-]{1,253}");

  private final String connectionString;
  private final String fullyQualifiedNamespace;
  private final TokenCredential credential;
  private final ServiceBusNames names;
  private final ServiceBusProvisioner provisioner;
  private final ServiceBusAdministrationClient administration;
  private final Duration duplicateDetectionWindow;
  private final Duration lockDuration;
  private final int maxDeliveryCount;
  private final int maxMessageBytes;
  private final Duration sessionIdleTimeout;
  private final int sessionsPerLane;
  private final Duration maxLockRenewal;
  private final int sendRetries;

  /** The Standard tier's largest message. */
  static final int STANDARD_MAX_MESSAGE_BYTES = 256 * 1024;

  private ServiceBusConfig(Builder b) {
    super(b);
    connectionString = b.connectionString;
    fullyQualifiedNamespace = b.fullyQualifiedNamespace;
    credential = b.credential;
    names = new ServiceBusNames(namePrefix());
    provisioner = b.provisioner;
    administration = b.administration;
    duplicateDetectionWindow = b.duplicateDetectionWindow;
    lockDuration = b.lockDuration;
    maxDeliveryCount = b.maxDeliveryCount;
    maxMessageBytes = b.maxMessageBytes;
    sessionIdleTimeout = b.sessionIdleTimeout;
    sessionsPerLane = b.sessionsPerLane;
    maxLockRenewal = b.maxLockRenewal;
    sendRetries = b.sendRetries;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The connection string, or {@code null} when a token credential is used. */
  String connectionString() {
    return connectionString;
  }

  /** The namespace's host name, such as {@code shop.servicebus.windows.net} (also read from a connection string). */
  public String fullyQualifiedNamespace() {
    return fullyQualifiedNamespace;
  }

  /** The token credential, or {@code null} when a connection string is used. */
  TokenCredential credential() {
    return credential;
  }

  /** The names of this configuration's entities (prefix, validation). */
  public ServiceBusNames names() {
    return names;
  }

  /** Who applies the topology: a custom one, or {@code null} for the administration client. */
  ServiceBusProvisioner provisioner() {
    return provisioner;
  }

  /** The administration client given with {@link Builder#administration}, or {@code null} to build one. */
  ServiceBusAdministrationClient administration() {
    return administration;
  }

  /** The duplicate-detection window of created entities, or {@code null} when duplicate detection is off. */
  public Duration duplicateDetectionWindow() {
    return duplicateDetectionWindow;
  }

  public Duration lockDuration() {
    return lockDuration;
  }

  public int maxDeliveryCount() {
    return maxDeliveryCount;
  }

  /** The largest message the namespace's tier takes (256 KiB on Standard); see {@link Builder#maxMessageBytes}. */
  public int maxMessageBytes() {
    return maxMessageBytes;
  }

  public Duration sessionIdleTimeout() {
    return sessionIdleTimeout;
  }

  public int sessionsPerLane() {
    return sessionsPerLane;
  }

  public Duration maxLockRenewal() {
    return maxLockRenewal;
  }

  public int sendRetries() {
    return sendRetries;
  }

  /** The entities a service needs, with the settings this configuration creates them with. */
  ServiceBusTopology.Settings entitySettings() {
    return new ServiceBusTopology.Settings(lockDuration, maxDeliveryCount, duplicateDetectionWindow);
  }

  /** No secrets: the namespace and the settings only. */
  @Override
  public String toString() {
    return "ServiceBusConfig[namespace=" + fullyQualifiedNamespace + ", auth="
        + (credential != null ? "token credential" : "connection string") + ", prefix=" + names.prefix()
        + (provisioning() ? ", provisioning" : "") + ", duplicateDetection="
        + (duplicateDetectionWindow == null ? "off" : duplicateDetectionWindow) + "]";
  }

  /** Collects and checks settings; a bad value is refused at once with what is allowed. */
  public static final class Builder extends BrokerConfig.Builder<Builder> {
    private String connectionString;
    private String fullyQualifiedNamespace;
    private TokenCredential credential;
    private ServiceBusProvisioner provisioner;
    private ServiceBusAdministrationClient administration;
    private Duration duplicateDetectionWindow = Duration.ofMinutes(10);
    private Duration lockDuration = Duration.ofSeconds(30);
    private int maxDeliveryCount = 100;
    private int maxMessageBytes = STANDARD_MAX_MESSAGE_BYTES;
    private Duration sessionIdleTimeout = Duration.ofMillis(500);
    private int sessionsPerLane = 8;
    private Duration maxLockRenewal = Duration.ofHours(1);
    private int sendRetries = 3;

    private Builder() {
      // operationTimeout is the timeout of one Service Bus operation (a send, a settlement), each of its tries.
      super(ServiceBusConfigException::new, "whizbang", 32, Duration.ofSeconds(30), Duration.ofSeconds(30));
      maxBatchLimit(1000);
      operationTimeoutRange(Duration.ofSeconds(1), Duration.ofMinutes(5));
    }

    /** Starts every entity name: {@code <prefix>.<domain>.events}. See {@link ServiceBusNames} for the rules. */
    @Override
    protected void checkNamePrefix(SettingsCheck check, String value) {
      ServiceBusNames.checkPrefix(value);
    }

    /**
     * Authenticates with a shared access key: {@code Endpoint=sb://<namespace>/;SharedAccessKeyName=...;
     * SharedAccessKey=...}. Replaces a credential set before.
     */
    public Builder connectionString(String value) {
      if (value == null || value.isBlank()) {
        throw new ServiceBusConfigException("connectionString must not be blank; it looks like"
            + " 'Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=...;SharedAccessKey=...'");
      }
      Matcher endpoint = ENDPOINT.matcher(value);
      if (!endpoint.find()) {
        throw new ServiceBusConfigException("connectionString has no 'Endpoint=sb://<namespace>' part; it looks like"
            + " 'Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=...;SharedAccessKey=...'");
      }
      if (!value.toLowerCase(java.util.Locale.ROOT).contains("sharedaccesskey")
          && !value.toLowerCase(java.util.Locale.ROOT).contains("sharedaccesssignature")) {
        throw new ServiceBusConfigException("connectionString has no SharedAccessKeyName/SharedAccessKey (or"
            + " SharedAccessSignature); for Microsoft Entra ID use credential(namespace, tokenCredential) instead");
      }
      connectionString = value;
      fullyQualifiedNamespace = endpoint.group(1).replaceFirst(":\\d+$", "");
      credential = null;
      return this;
    }

    /**
     * Authenticates with a token credential (for example azure-identity's {@code DefaultAzureCredential}) on the
     * namespace {@code fullyQualifiedNamespace}, such as {@code shop.servicebus.windows.net}. Replaces a connection
     * string set before.
     */
    public Builder credential(String fullyQualifiedNamespace, TokenCredential value) {
      if (fullyQualifiedNamespace == null || !NAMESPACE.matcher(fullyQualifiedNamespace).matches()
          || !fullyQualifiedNamespace.contains(".")) {
        throw new ServiceBusConfigException("fullyQualifiedNamespace must be a host name such as"
            + " 'shop.servicebus.windows.net' (no scheme, no path), was '" + fullyQualifiedNamespace + "'");
      }
      this.credential = Objects.requireNonNull(value, "credential");
      this.fullyQualifiedNamespace = fullyQualifiedNamespace;
      connectionString = null;
      return this;
    }

    /** Applies the topology another way than the administration client (tests declare entities on a test server). */
    public Builder provisioner(ServiceBusProvisioner value) {
      provisioner = Objects.requireNonNull(value, "provisioner");
      provisioning(true);
      return this;
    }

    /**
     * The administration client (HTTPS, the Manage right) that provisions the entities, unless a
     * {@link #provisioner} is set, and reads each subscription's backlog. Default: one built from the connection
     * string or credential; give one to choose its HTTP client, proxy or pipeline.
     */
    public Builder administration(ServiceBusAdministrationClient value) {
      administration = Objects.requireNonNull(value, "administration");
      return this;
    }

    /**
     * The duplicate-detection window of created entities: a message id sent again within it is dropped by Service
     * Bus. 20 s to 7 days; default 10 minutes. The inbox stays the guarantee; this only filters early.
     */
    public Builder duplicateDetectionWindow(Duration value) {
      if (value == null || value.compareTo(Duration.ofSeconds(20)) < 0 || value.compareTo(Duration.ofDays(7)) > 0) {
        throw new ServiceBusConfigException("duplicateDetectionWindow must be from 20 s to 7 days (Service Bus"
            + " limits), was " + value);
      }
      duplicateDetectionWindow = value;
      return this;
    }

    /** Creates entities without duplicate detection (it cannot be turned on later for an existing entity). */
    public Builder withoutDuplicateDetection() {
      duplicateDetectionWindow = null;
      return this;
    }

    /** The lock duration of created queues and subscriptions: 5 s to 5 min (Service Bus limits); default 30 s. */
    public Builder lockDuration(Duration value) {
      if (value == null || value.compareTo(Duration.ofSeconds(5)) < 0 || value.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new ServiceBusConfigException("lockDuration must be from 5 s to 5 min (Service Bus limits), was "
            + value);
      }
      lockDuration = value;
      return this;
    }

    /**
     * After how many deliveries Service Bus moves a message to the entity's dead-letter sub-queue on its own. Every
     * release counts one, so keep it well above the inbox's attempts; default 100.
     */
    public Builder maxDeliveryCount(int value) {
      if (value < 1) {
        throw new ServiceBusConfigException("maxDeliveryCount must be at least 1, was " + value);
      }
      maxDeliveryCount = value;
      return this;
    }

    /**
     * The largest message the namespace takes, headers included: 256 KiB on the Standard tier (the default), up to
     * 100 MiB on Premium as the entity's own setting says. The service refuses a larger message where it is produced,
     * before it reaches the outbox ({@code Transport.limits()}); the sender still checks each batch against the size
     * the broker announces.
     */
    public Builder maxMessageBytes(int value) {
      if (value < 1024 || value > 100 * 1024 * 1024) {
        throw new ServiceBusConfigException("maxMessageBytes must be from 1 KiB to 100 MiB, was " + value);
      }
      maxMessageBytes = value;
      return this;
    }

    /**
     * How long a consumer waits for the next message of the session it holds before it lets the session go and
     * takes the next one with messages. 10 ms to 1 min; default 500 ms. Shorter serves many keys faster.
     */
    public Builder sessionIdleTimeout(Duration value) {
      if (value == null || value.compareTo(Duration.ofMillis(10)) < 0 || value.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new ServiceBusConfigException("sessionIdleTimeout must be from 10 ms to 1 min, was " + value);
      }
      sessionIdleTimeout = value;
      return this;
    }

    /**
     * Sessions a subscription holds at once per unit of its concurrency, on each entity it reads: a subscription of
     * concurrency 4 holds up to {@code 4 * sessionsPerLane} sessions (keys) at once. On the other brokers a lane
     * serves many keys in turn; here a session is one key and a receiver holds it until it goes idle, so one session
     * per lane would leave many keys with one message each waiting in line. Each session costs a thread and up to
     * {@code maxBatch} prefetched messages. 1 to 100; default 8.
     */
    public Builder sessionsPerLane(int value) {
      if (value < 1 || value > 100) {
        throw new ServiceBusConfigException("sessionsPerLane must be 1 to 100, was " + value);
      }
      sessionsPerLane = value;
      return this;
    }

    /**
     * How long the lock of a session held by a consumer is renewed (while handlers run and while a released message
     * waits out its delay). At least 1 min; default 1 h.
     */
    public Builder maxLockRenewal(Duration value) {
      if (value == null || value.compareTo(Duration.ofMinutes(1)) < 0) {
        throw new ServiceBusConfigException("maxLockRenewal must be at least 1 min, was " + value);
      }
      maxLockRenewal = value;
      return this;
    }

    /** How often the SDK retries a failed send or settlement before the failure is reported. 0 to 10; default 3. */
    public Builder sendRetries(int value) {
      if (value < 0 || value > 10) {
        throw new ServiceBusConfigException("sendRetries must be 0 to 10, was " + value);
      }
      sendRetries = value;
      return this;
    }

    public ServiceBusConfig build() {
      if (connectionString == null && credential == null) {
        throw new ServiceBusConfigException("no way to reach Service Bus: set connectionString(...) or"
            + " credential(fullyQualifiedNamespace, tokenCredential)");
      }
      return new ServiceBusConfig(this);
    }
  }
}
