package io.whizbang.servicebus;

import io.whizbang.runtime.config.WhizbangSettings;
import io.whizbang.runtime.config.SettingsReader;
import io.whizbang.runtime.config.TransportProvider;
import java.util.List;

/** Reads {@code whizbang.servicebus.*} for {@code whizbang.broker=servicebus} (docs/configuration.md). */
public final class ServiceBusTransportProvider implements TransportProvider {

  private static final String CONNECTION_STRING = "whizbang.servicebus.connection-string";
  private static final String NAME_PREFIX = "whizbang.servicebus.name-prefix";

  @Override
  public String name() {
    return "servicebus";
  }

  @Override
  public List<WhizbangSettings.Key> keys() {
    return List.of(
        new WhizbangSettings.Key(CONNECTION_STRING, "string", "",
            "Endpoint=sb://<namespace>/;SharedAccessKeyName=...;SharedAccessKey=...; required with"
                + " whizbang.broker=servicebus."),
        new WhizbangSettings.Key(NAME_PREFIX, "string", "whizbang", "Starts every entity name: <prefix>.<domain>.events."));
  }

  @Override
  public TransportProvider.Settings read(SettingsReader in) {
    ServiceBusConfig.Builder b = ServiceBusConfig.builder();
    in.applyCommon(b);
    in.required(CONNECTION_STRING, "required with whizbang.broker=servicebus: Endpoint=sb://<namespace>/;"
        + "SharedAccessKeyName=...;SharedAccessKey=...");
    in.whenGiven(CONNECTION_STRING, b::connectionString);
    in.whenGiven(NAME_PREFIX, b::namePrefix);
    return in.settings("whizbang.servicebus", b::build, ServiceBusTransport::connect);
  }
}
