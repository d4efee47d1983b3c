package io.whizbang.runtime.config;

import io.whizbang.runtime.WhizbangBuilder;
import io.whizbang.runtime.projection.ProjectionEngine.BackfillFrom;
import io.whizbang.runtime.sql.TableNames;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The runtime's own settings, read and checked ({@link CoreKeys}); the broker's are its provider's. */
record SettingsValues(
    String service,
    List<String> owns,
    int consumerConcurrency,
    String broker,
    Duration publishInterval,
    boolean relay,
    Duration cleanupRetention,
    Duration cleanupInterval,
    String datasourceUrl,
    String datasourceUser,
    String datasourcePassword,
    String schema,
    String tablePrefix,
    Map<String, URI> domains,
    BackfillFrom backfillFrom,
    Integer feedPort,
    String feedToken) {

  /** The form of service and domain names (they become part of broker names). */
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
  private static final String NAME_FORM = "lower-case letters, digits and '-', starting with a letter";

  static SettingsValues read(SettingsReader in, List<String> providers) {
    String service = in.text(CoreKeys.SERVICE).orElse(null);
    if (service != null && !NAME.matcher(service).matches()) {
      in.problem(CoreKeys.SERVICE, "a name of " + NAME_FORM);
    }
    List<String> owns = new ArrayList<>();
    for (String d : in.text(CoreKeys.OWNS, "").split(",")) {
      if (!d.isBlank()) {
        owns.add(d.trim());
      }
    }
    if (!owns.stream().allMatch(d -> NAME.matcher(d).matches())) {
      in.problem(CoreKeys.OWNS, "domain names separated by commas, each of " + NAME_FORM);
    }
    Set<String> brokers = new HashSet<>(CoreKeys.BROKERS);
    brokers.addAll(providers);
    String datasourceUrl = in.text(CoreKeys.DATASOURCE_URL).orElse(null);
    if (datasourceUrl != null && !datasourceUrl.startsWith("jdbc:")) {
      in.problem(CoreKeys.DATASOURCE_URL, "a JDBC URL, such as jdbc:postgresql://127.0.0.1:5432/orders");
    }
    String schema = in.text(CoreKeys.SCHEMA).orElse(null);
    String prefix = in.text(CoreKeys.TABLE_PREFIX).orElse(null);
    checkTableNames(in, schema, prefix);
    return new SettingsValues(service, List.copyOf(owns),
        in.integer(CoreKeys.CONSUMER_CONCURRENCY, 4, 1, 1024),
        in.choice(CoreKeys.BROKER, "memory", brokers),
        in.duration(CoreKeys.PUBLISH_INTERVAL, Duration.ofMillis(500)),
        in.flag(CoreKeys.RELAY, true),
        in.duration(CoreKeys.CLEANUP_RETENTION, Duration.ofDays(7)),
        in.duration(CoreKeys.CLEANUP_INTERVAL, Duration.ofMinutes(1)),
        datasourceUrl,
        in.text(CoreKeys.DATASOURCE_USER).orElse(null),
        in.text(CoreKeys.DATASOURCE_PASSWORD).orElse(null),
        schema, prefix, domains(in), backfillFrom(in),
        in.text(CoreKeys.FEED_PORT).isPresent() ? in.integer(CoreKeys.FEED_PORT, 0, 0, 65_535) : null,
        in.text(CoreKeys.FEED_TOKEN).orElse(null));
  }

  private static void checkTableNames(SettingsReader in, String schema, String prefix) {
    try {
      TableNames.of(schema, null);
    } catch (IllegalArgumentException e) {
      in.problem(CoreKeys.SCHEMA, e.getMessage());
    }
    try {
      TableNames.of(null, prefix);
    } catch (IllegalArgumentException e) {
      in.problem(CoreKeys.TABLE_PREFIX, e.getMessage());
    }
  }

  private static Map<String, URI> domains(SettingsReader in) {
    Map<String, URI> domains = new TreeMap<>();
    for (String key : in.givenKeys()) {
      if (!key.startsWith(CoreKeys.DOMAINS) || !key.endsWith(".url")) {
        continue;
      }
      String domain = key.substring(CoreKeys.DOMAINS.length(), key.length() - ".url".length());
      if (!NAME.matcher(domain).matches()) {
        continue; // reported as an unknown key, with the form of a domain's key
      }
      Optional<URI> url = in.text(key).flatMap(SettingsValues::httpUrl);
      if (url.isEmpty()) {
        in.problem(key, "an http:// or https:// URL with a host, such as http://orders:8081");
      } else {
        domains.put(domain, url.get());
      }
    }
    return domains;
  }

  private static Optional<URI> httpUrl(String text) {
    try {
      URI uri = new URI(text);
      boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      return http && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static BackfillFrom backfillFrom(SettingsReader in) {
    String v = in.text(CoreKeys.BACKFILL_FROM, "beginning");
    if (v.equalsIgnoreCase("beginning")) {
      return BackfillFrom.BEGINNING;
    }
    try {
      return BackfillFrom.at(Instant.parse(v));
    } catch (DateTimeParseException e) {
      in.problem(CoreKeys.BACKFILL_FROM, "beginning, or an ISO-8601 instant such as 2026-01-01T00:00:00Z");
      return BackfillFrom.BEGINNING;
    }
  }

  /** The service's name, owned domains and consumer concurrency. */
  void applyNames(WhizbangBuilder builder) {
    if (service != null) {
      builder.service(service);
    }
    builder.owns(owns.toArray(String[]::new)).consumerConcurrency(consumerConcurrency);
  }
}
