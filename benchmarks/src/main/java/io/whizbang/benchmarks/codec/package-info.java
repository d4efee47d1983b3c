/** Generated JSON codec vs Jackson databind vs hand-written streaming code, on one 8-field record. */
@OwnedBy("bench")
package io.whizbang.benchmarks.codec;

import io.whizbang.annotations.OwnedBy;
