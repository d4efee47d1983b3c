package io.whizbang.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventCursorTest {

  @Test
  void tokenRoundTrips() {
    EventCursor cursor = new EventCursor(7_000_123, 42);
    assertThat(EventCursor.parse(cursor.token())).isEqualTo(cursor);
    assertThat(EventCursor.parse(null)).isEqualTo(EventCursor.START);
    assertThat(EventCursor.parse("")).isEqualTo(EventCursor.START);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "1.", ".1", "1.x", "1;drop", "-1.5", "1.2.3"})
  void malformedTokensAreRefusedWithAReason(String token) {
    assertThatThrownBy(() -> EventCursor.parse(token))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cursor");
  }
}
