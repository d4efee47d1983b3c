package io.whizbang.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.transport.Transport;
import io.whizbang.runtime.transport.memory.InMemoryTransport;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SettingsReaderTest {

  @Test
  void aMissingRequiredKeyIsAProblemAndNothingIsBuilt() {
    SettingsReader in = new SettingsReader(Map.of());
    AtomicInteger builds = new AtomicInteger();
    in.required("whizbang.x.host", "required with whizbang.broker=x");
    in.settings("whizbang.x", builds::incrementAndGet, built -> InMemoryTransport.builder().build());
    assertThat(in.problems()).singleElement().satisfies(p -> assertThat(p.toString()).contains("whizbang.x.host"));
    assertThat(builds).hasValue(0);
  }

  @Test
  void aRefusedBuildIsReportedAgainstThePrefixAndAGoodOneConnectsWithWhatWasBuilt() throws Exception {
    SettingsReader refused = new SettingsReader(Map.of());
    refused.settings("whizbang.x", () -> {
      throw new IllegalArgumentException("port must be 1 to 65535");
    }, built -> InMemoryTransport.builder().build());
    assertThat(refused.problems()).singleElement()
        .satisfies(p -> assertThat(p.toString()).contains("whizbang.x").contains("port must be 1 to 65535"));

    SettingsReader good = new SettingsReader(Map.of("whizbang.x.host", "h"));
    good.required("whizbang.x.host", "required");
    Transport[] connected = new Transport[1];
    TransportProvider.Settings settings = good.settings("whizbang.x", () -> "config-of-h", built -> {
      assertThat(built).isEqualTo("config-of-h");
      return connected[0] = InMemoryTransport.builder().build();
    });
    assertThat(good.hasProblems()).isFalse();
    try (Transport transport = settings.connect()) {
      assertThat(transport).isSameAs(connected[0]);
    }
  }
}
