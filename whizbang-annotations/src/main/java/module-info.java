/** The annotations a service's own code carries; the processor reads them at compile time. */
module io.whizbang.annotations {
  exports io.whizbang.annotations;
}
