package io.whizbang.sqs;

import io.whizbang.runtime.config.WhizbangSettings;
import io.whizbang.runtime.config.SettingsReader;
import io.whizbang.runtime.config.TransportProvider;
import java.util.List;
import java.util.Optional;

/** Reads {@code whizbang.sqs.*} for {@code whizbang.broker=sqs} (docs/configuration.md). */
public final class SqsTransportProvider implements TransportProvider {

  private static final String REGION = "whizbang.sqs.region";
  private static final String ENDPOINT = "whizbang.sqs.endpoint";
  private static final String ACCESS_KEY_ID = "whizbang.sqs.access-key-id";
  private static final String SECRET_ACCESS_KEY = "whizbang.sqs.secret-access-key";
  private static final String FIFO = "whizbang.sqs.fifo";
  private static final String NAME_PREFIX = "whizbang.sqs.name-prefix";

  @Override
  public String name() {
    return "sqs";
  }

  @Override
  public List<WhizbangSettings.Key> keys() {
    return List.of(
        new WhizbangSettings.Key(REGION, "AWS region id", "the SDK's region chain", "The AWS region, such as eu-west-1."),
        new WhizbangSettings.Key(ENDPOINT, "http(s) URL", "AWS's", "Sends every call here instead (an emulator, a VPC"
            + " endpoint)."),
        new WhizbangSettings.Key(ACCESS_KEY_ID, "string", "the SDK's credential chain",
            "A fixed access key id, with secret-access-key (tests, emulators)."),
        new WhizbangSettings.Key(SECRET_ACCESS_KEY, "string", "", "The secret of access-key-id."),
        new WhizbangSettings.Key(FIFO, "boolean", "true", "FIFO queues and topics (ordered per partition key)."),
        new WhizbangSettings.Key(NAME_PREFIX, "string", "whizbang", "Starts every queue and topic name."));
  }

  @Override
  public TransportProvider.Settings read(SettingsReader in) {
    SqsConfig.Builder b = SqsConfig.builder();
    in.applyCommon(b);
    in.whenGiven(REGION, b::region);
    in.whenGiven(ENDPOINT, b::endpoint);
    Optional<String> key = in.text(ACCESS_KEY_ID);
    Optional<String> secret = in.text(SECRET_ACCESS_KEY);
    if (key.isPresent() != secret.isPresent()) {
      in.problem(key.isPresent() ? SECRET_ACCESS_KEY : ACCESS_KEY_ID,
          "access-key-id and secret-access-key are given together or not at all");
    } else if (key.isPresent()) {
      b.staticCredentials(key.get(), secret.get());
    }
    b.fifo(in.flag(FIFO, true));
    in.whenGiven(NAME_PREFIX, b::namePrefix);
    return in.settings("whizbang.sqs", b::build, SqsTransport::connect);
  }
}
