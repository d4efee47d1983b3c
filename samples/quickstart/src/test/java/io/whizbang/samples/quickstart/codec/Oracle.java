package io.whizbang.samples.quickstart.codec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.whizbang.runtime.codec.Json;

/**
 * Jackson databind, configured as the generated codecs' documented equivalent: ISO-8601 strings for dates and
 * durations, zone ids kept, no adjustment to the context time zone. Test-only: the runtime never uses it.
 */
final class Oracle {
  static final ObjectMapper MAPPER = new ObjectMapper(Json.factory().copy())
      .registerModule(new JavaTimeModule())
      .registerModule(new Jdk8Module())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      .enable(SerializationFeature.WRITE_DATES_WITH_ZONE_ID)
      .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

  private Oracle() {}
}
