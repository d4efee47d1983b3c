package io.whizbang.processor.diagnostics;

import javax.tools.Diagnostic;

/** A place in a source file that has no element yet (the body of a local or anonymous class): prints there. */
public interface SourcePosition {
  void print(Diagnostic.Kind kind, String text);
}
