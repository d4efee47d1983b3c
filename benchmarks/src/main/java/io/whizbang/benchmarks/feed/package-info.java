/** Backfill over the HTTP event feed against an in-process scan; the deposit events are owned here. */
@OwnedBy("benchfeed")
package io.whizbang.benchmarks.feed;

import io.whizbang.annotations.OwnedBy;
