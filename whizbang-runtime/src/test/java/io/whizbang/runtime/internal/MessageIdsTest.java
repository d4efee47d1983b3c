package io.whizbang.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

  @Test
  void idsAreVersion7WithTheRfcVariant() {
    UUID id = MessageIds.next();
    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
  }

  @Test
  void idsOfOneJvmStrictlyIncreaseAndNeverRepeat() {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      ids.add(MessageIds.next());
    }
    assertThat(new HashSet<>(ids)).hasSize(ids.size());
    assertThat(ids).isSorted();
    // Byte-wise order too, which is how databases compare uuid columns.
    for (int i = 1; i < ids.size(); i++) {
      assertThat(ids.get(i).toString()).isGreaterThan(ids.get(i - 1).toString());
    }
  }

  @Test
  void theTimestampIsTheCreationTime() {
    long before = System.currentTimeMillis();
    UUID id = MessageIds.next();
    long after = System.currentTimeMillis();
    // The stamp may run ahead when ids are made faster than 4,096 per millisecond, never behind.
    assertThat(MessageIds.timestampOf(id).toEpochMilli()).isGreaterThanOrEqualTo(before);
    assertThat(MessageIds.timestampOf(id)).isBefore(Instant.ofEpochMilli(after).plusSeconds(60));
  }

  @Test
  void aClockGoingBackDoesNotMakeIdsGoBack() {
    MessageIds.Stamps stamps = new MessageIds.Stamps();
    long first = stamps.next(1_000_000);
    long second = stamps.next(999_000);
    assertThat(second).isGreaterThan(first);
    assertThat(second >>> 12).as("borrowed millisecond").isEqualTo(1_000_000);
  }

  @Test
  void theSequenceCountsWithinAMillisecondAndThenBorrowsTheNext() {
    MessageIds.Stamps stamps = new MessageIds.Stamps();
    long last = 0;
    for (int i = 0; i < 4_096; i++) {
      last = stamps.next(5_000);
    }
    assertThat(last).isEqualTo((5_000L << 12) | 4_095);
    assertThat(stamps.next(5_000)).isEqualTo(5_001L << 12);
  }

  @Test
  void timestampOfRefusesOtherVersions() {
    assertThatThrownBy(() -> MessageIds.timestampOf(UUID.randomUUID()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 7");
  }
}
