/** Generated dispatcher vs a reflective Method.invoke dispatcher over twenty message types. */
@OwnedBy("bench")
package io.whizbang.benchmarks.dispatch;

import io.whizbang.annotations.OwnedBy;
