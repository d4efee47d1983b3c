/**
 * Test fixtures: hand-written stand-ins for what the annotation processor generates (codecs, dispatchers with a
 * switch on the wire name, modules), shaped like the generated code, so the runtime can be tested end to end on
 * its own. Not part of the product.
 */
package io.whizbang.runtime.testfixtures;
