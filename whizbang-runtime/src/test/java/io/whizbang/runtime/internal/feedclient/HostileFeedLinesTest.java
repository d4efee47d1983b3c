package io.whizbang.runtime.internal.feedclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.hostile.HostileCorpus;
import io.whizbang.runtime.hostile.HostileCorpus.Case;
import io.whizbang.runtime.hostile.HostileEnvelopesTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The hostile envelopes of the corpus as the event of a feed line, as a projection reads them during a backfill:
 * each line is an event or a {@code MalformedEnvelopeException} naming the line, never another exception.
 */
@Timeout(120) // A hang guard only.
class HostileFeedLinesTest {

  @Test
  void everyHostileEventLineIsAMalformedEnvelopeExceptionOrAnEvent() {
    Map<String, String> outcomes = new LinkedHashMap<>();
    for (Case c : HostileEnvelopesTest.envelopeCases()) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      line.writeBytes("{\"cursor\":\"7.42\",\"event\":".getBytes(StandardCharsets.UTF_8));
      line.writeBytes(c.bytes());
      line.writeBytes("}".getBytes(StandardCharsets.UTF_8));
      byte[] bytes = line.toByteArray();
      outcomes.put(c.name(), HostileCorpus.outcome(() -> {
        FeedLine parsed = FeedLine.parse(bytes, 0, bytes.length);
        return parsed.cursor().token() + " " + HostileEnvelopesTest.describe(parsed.envelope());
      }));
    }
    assertThat(outcomes).hasSizeGreaterThan(300);
    HostileCorpus.assertOutcomes("FeedLine", outcomes);
  }
}
