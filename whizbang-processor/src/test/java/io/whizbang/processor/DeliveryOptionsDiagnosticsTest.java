package io.whizbang.processor;

import static io.whizbang.processor.BadInputs.assertExactlyOne;
import static io.whizbang.processor.BadInputs.assertOnlyError;

import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/** {@code @Priority} and {@code @TimeToLive}: bad values are errors on the annotation, naming the accepted form. */
class DeliveryOptionsDiagnosticsTest {

  @Test
  void priorityOutsideZeroToNine() {
    assertOnlyError("PriorityOutOfRange", "WB114", "@Priority(12)",
        "@Priority(12) on test.PriorityOutOfRange is outside 0..9", "use 0 (lowest, the default) to 9 (highest)");
  }

  @Test
  void timeToLiveThatIsNoDuration() {
    assertOnlyError("TimeToLiveNotADuration", "WB115", "@TimeToLive(\"30 minutes\")",
        "@TimeToLive(\"30 minutes\") on test.TimeToLiveNotADuration is not a positive ISO-8601 duration",
        "\"PT30S\" (30 seconds)");
  }

  @Test
  void negativeTimeToLive() {
    assertOnlyError("TimeToLiveNegative", "WB115", "@TimeToLive(\"-PT5M\")",
        "@TimeToLive(\"-PT5M\") on test.TimeToLiveNegative is not a positive ISO-8601 duration");
  }

  @Test
  void priorityOnATypeThatIsNoMessage() {
    assertOnlyError("PriorityOnNonMessage", "WB104", "@Priority(5)",
        "test.PriorityOnNonMessage is annotated @Priority but implements neither Command nor Event");
  }

  @Test
  void timeToLiveOnAnEventAnAggregateSaves() {
    assertExactlyOne(Diagnostic.Kind.WARNING, "AggregateEventWithTimeToLive", "Order on(QuoteOffered e)",
        "[WB175] Order applies QuoteOffered, which has @TimeToLive: an aggregate's events are stored in the event"
            + " store and published without expiry. Fix: remove @TimeToLive from the event (it is history), or"
            + " schedule or publish a separate message with a time to live from a handler of the event");
  }
}
