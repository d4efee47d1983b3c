package io.whizbang.runtime.config;

import io.whizbang.runtime.WhizbangBuilder;
import io.whizbang.runtime.projection.ProjectionEngine;
import io.whizbang.runtime.projection.ProjectionEngine.BackfillFrom;
import io.whizbang.runtime.relay.RelayConfig;
import io.whizbang.runtime.storage.SqlStorage;
import io.whizbang.runtime.transport.Transport;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * A service's settings read from {@code whizbang.*} keys (a properties file, a map, the environment), checked all at
 * once: every bad key is reported in one {@link WhizbangSettingsException}. The keys: docs/configuration.md.
 *
 * <pre>{@code
 * WhizbangSettings settings = WhizbangSettings.fromEnvironment(); // WHIZBANG_BROKER=kafka ...
 * Transport transport = settings.connectTransport();
 * Whizbang orders = settings.configure(Whizbang.builder())
 *     .modulesFromClasspath()
 *     .transport(transport)
 *     .build();
 * }</pre>
 */
public final class WhizbangSettings {

  private static final String PREFIX = "whizbang.";

  private final SettingsValues values;
  private final TransportProvider.Settings transport;

  private WhizbangSettings(SettingsValues values, TransportProvider.Settings transport) {
    this.values = values;
    this.transport = transport;
  }

  /** The {@code whizbang.*} entries of {@code properties}; other entries are ignored. */
  public static WhizbangSettings from(Properties properties) {
    Map<String, String> map = new TreeMap<>();
    for (String name : properties.stringPropertyNames()) {
      map.put(name, properties.getProperty(name));
    }
    return from(map);
  }

  /**
   * The {@code whizbang.*} entries of {@code values}; other entries are ignored.
   *
   * @throws WhizbangSettingsException listing every bad or unknown key, its value and what it accepts
   */
  public static WhizbangSettings from(Map<String, String> values) {
    Map<String, String> ours = new TreeMap<>();
    values.forEach((k, v) -> {
      if (k.startsWith(PREFIX)) {
        ours.put(k, v);
      }
    });
    SettingsReader in = new SettingsReader(ours);
    List<TransportProvider> providers = Providers.load();
    SettingsValues read = SettingsValues.read(in, providers.stream().map(TransportProvider::name).toList());
    TransportProvider.Settings transport = Providers.read(read.broker(), providers, in);
    new KnownKeys(keys(providers), providers.stream().map(TransportProvider::name).toList()).reportUnknown(in);
    if (in.hasProblems()) {
      throw new WhizbangSettingsException(in.problems());
    }
    return new WhizbangSettings(read, transport);
  }

  /** The process's environment variables ({@link #environmentVariable}). */
  public static WhizbangSettings fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /**
   * Environment variables: each key upper-cased with {@code .} and {@code -} as {@code _}
   * ({@code WHIZBANG_OUTBOX_PUBLISH_INTERVAL}); a domain's feed is {@code WHIZBANG_DOMAINS_<NAME>_URL}.
   */
  public static WhizbangSettings fromEnvironment(Map<String, String> environment) {
    return from(EnvironmentNames.keys(environment, keys()));
  }

  /**
   * The {@code whizbang.*} keys the variables of {@code environment} set ({@link #fromEnvironment(Map)}), for a
   * caller merging them with other sources.
   */
  public static Map<String, String> keysOf(Map<String, String> environment) {
    return EnvironmentNames.keys(environment, keys());
  }

  /** The environment variable that sets {@code key}. */
  public static String environmentVariable(String key) {
    return EnvironmentNames.variable(key);
  }

  /** Every key understood here: the runtime's and those of the broker modules on the class path. */
  public static List<Key> keys() {
    return keys(Providers.load());
  }

  private static List<Key> keys(List<TransportProvider> providers) {
    List<Key> all = new ArrayList<>(CoreKeys.ALL);
    providers.forEach(p -> all.addAll(p.keys()));
    return List.copyOf(all);
  }

  /** {@code whizbang.service}, when given. */
  public Optional<String> service() {
    return Optional.ofNullable(values.service());
  }

  /** {@code whizbang.owns}. */
  public List<String> owns() {
    return values.owns();
  }

  /** {@code whizbang.broker}: {@code memory}, {@code kafka}, {@code rabbitmq}, {@code sqs} or {@code servicebus}. */
  public String broker() {
    return values.broker();
  }

  /** {@code whizbang.domains.<name>.url}: each domain's feed, by domain. */
  public Map<String, URI> domains() {
    return values.domains();
  }

  /** {@code whizbang.outbox.publish-interval}. */
  public Duration publishInterval() {
    return values.publishInterval();
  }

  /** {@code whizbang.inbox.cleanup-retention}. */
  public Duration cleanupRetention() {
    return values.cleanupRetention();
  }

  /** {@code whizbang.feed.port}: where to serve the service's event feed, when given. */
  public OptionalInt feedPort() {
    return values.feedPort() == null ? OptionalInt.empty() : OptionalInt.of(values.feedPort());
  }

  /** {@code whizbang.feed.bearer-token}, when given. */
  public Optional<String> feedBearerToken() {
    return Optional.ofNullable(values.feedToken());
  }

  /** Connects a new transport to the chosen broker; the caller closes it. */
  public Transport connectTransport() {
    return transport.connect();
  }

  /** A data source on {@code whizbang.datasource.url} (a connection per call, no pool), when given. */
  public Optional<DataSource> dataSource() {
    return Optional.ofNullable(values.datasourceUrl())
        .map(url -> new DriverDataSource(url, values.datasourceUser(), values.datasourcePassword()));
  }

  /** Storage on {@code dataSource} with {@code whizbang.storage.schema} and {@code table-prefix}; not migrated. */
  public SqlStorage storage(DataSource dataSource) {
    SqlStorage.Builder b = SqlStorage.builder(dataSource);
    if (values.schema() != null) {
      b.schema(values.schema());
    }
    if (values.tablePrefix() != null) {
      b.tablePrefix(values.tablePrefix());
    }
    return b.build();
  }

  /** The relay and inbox settings, for {@code builder.storage(storage, settings.storageOptions())}. */
  public UnaryOperator<WhizbangBuilder.StorageOptions> storageOptions() {
    return options -> {
      options.cleanupRetention(values.cleanupRetention()).cleanupInterval(values.cleanupInterval());
      return values.relay()
          ? options.relay(RelayConfig.builder().publishInterval(values.publishInterval()).build())
          : options.withoutRelay();
    };
  }

  /**
   * Applies the service's name, owned domains and consumer concurrency and, when {@code whizbang.datasource.url} is
   * given, its storage with the relay and inbox settings. The transport, modules and handlers are the caller's.
   */
  public WhizbangBuilder configure(WhizbangBuilder builder) {
    values.applyNames(builder);
    dataSource().ifPresent(ds -> builder.storage(storage(ds), storageOptions()));
    return builder;
  }

  /** Registers each {@code whizbang.domains.<name>.url} and applies {@code whizbang.projection.backfill-from}. */
  public ProjectionEngine.Builder configure(ProjectionEngine.Builder builder) {
    values.domains().forEach((domain, url) -> builder.registerDomain(domain, url.toString()));
    BackfillFrom from = values.backfillFrom();
    return builder.backfillFrom(from);
  }

  @Override
  public String toString() {
    return "WhizbangSettings[broker=" + values.broker() + ", service=" + values.service() + "]";
  }

  /**
   * One key the settings understand, as docs/configuration.md and the Spring Boot configuration metadata list it.
   *
   * @param name the full key, such as {@code whizbang.outbox.publish-interval}; {@code <name>} marks a part the user
   *     chooses ({@code whizbang.domains.<name>.url})
   * @param type what the value is: {@code string}, {@code name}, {@code list}, {@code integer}, {@code boolean},
   *     {@code duration}, {@code url}, or a choice such as {@code memory|kafka}
   * @param defaultValue the value used when the key is absent; empty when there is none
   * @param meaning what the key does, in one sentence
   */
  public record Key(String name, String type, String defaultValue, String meaning) {
    public Key {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(defaultValue, "defaultValue");
      Objects.requireNonNull(meaning, "meaning");
    }

    /** Whether the key has a part the user chooses, such as a domain's name. */
    public boolean isPattern() {
      return name.contains("<");
    }
  }
}
