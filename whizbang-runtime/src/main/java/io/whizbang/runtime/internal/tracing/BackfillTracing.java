package io.whizbang.runtime.internal.tracing;

import io.whizbang.runtime.envelope.Envelope;
import java.util.List;

/** The spans of a projection's backfill: one per applied page, linked to its events' trace contexts. */
public interface BackfillTracing {

  /** Starts the span of a page of events about to be applied. */
  PageTrace page(List<Envelope> events);

  /** The span of one applied page. */
  interface PageTrace {
    /** Ends the span; {@code failure} null when the page was applied. */
    void end(int applied, Throwable failure);
  }
}
