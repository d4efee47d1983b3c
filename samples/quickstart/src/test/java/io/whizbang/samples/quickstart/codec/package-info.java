/** Message types that cover every shape the generated codecs support; compiled with the processor. */
@OwnedBy("codec-test")
package io.whizbang.samples.quickstart.codec;

import io.whizbang.annotations.OwnedBy;
