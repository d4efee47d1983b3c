package io.whizbang.kafka;

import io.whizbang.runtime.config.WhizbangSettings;
import io.whizbang.runtime.config.SettingsReader;
import io.whizbang.runtime.config.TransportProvider;
import java.util.List;

/** Reads {@code whizbang.kafka.*} for {@code whizbang.broker=kafka} (docs/configuration.md). */
public final class KafkaTransportProvider implements TransportProvider {

  private static final String BOOTSTRAP_SERVERS = "whizbang.kafka.bootstrap-servers";
  private static final String CLIENT_ID = "whizbang.kafka.client-id";
  private static final String NAME_PREFIX = "whizbang.kafka.name-prefix";
  private static final String PARTITIONS = "whizbang.kafka.partitions";

  @Override
  public String name() {
    return "kafka";
  }

  @Override
  public List<WhizbangSettings.Key> keys() {
    return List.of(
        new WhizbangSettings.Key(BOOTSTRAP_SERVERS, "host:port list", "",
            "Kafka's bootstrap.servers, comma-separated; required with whizbang.broker=kafka."),
        new WhizbangSettings.Key(CLIENT_ID, "string", "whizbang", "The prefix of every client's client.id."),
        new WhizbangSettings.Key(NAME_PREFIX, "string", "whizbang.", "Starts every topic name: <prefix><domain>.events."),
        new WhizbangSettings.Key(PARTITIONS, "integer (1-10000)", "3", "Partitions of each topic the transport creates."));
  }

  @Override
  public TransportProvider.Settings read(SettingsReader in) {
    KafkaConfig.Builder b = KafkaConfig.builder();
    in.applyCommon(b);
    in.required(BOOTSTRAP_SERVERS, "required with whizbang.broker=kafka: host:port[,host:port...]");
    in.whenGiven(BOOTSTRAP_SERVERS, b::bootstrapServers);
    in.whenGiven(CLIENT_ID, b::clientId);
    in.whenGiven(NAME_PREFIX, b::namePrefix);
    in.whenGivenNumber(PARTITIONS, 1, 10_000, b::partitions);
    return in.settings("whizbang.kafka", b::build, KafkaTransport::connect);
  }
}
