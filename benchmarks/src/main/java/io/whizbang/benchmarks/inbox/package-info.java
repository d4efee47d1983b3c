/** Inbox-guarded consumption against a bare handler with the same effect; the step events are owned here. */
@OwnedBy("benchinbox")
package io.whizbang.benchmarks.inbox;

import io.whizbang.annotations.OwnedBy;
