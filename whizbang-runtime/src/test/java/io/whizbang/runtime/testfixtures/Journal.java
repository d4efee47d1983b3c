package io.whizbang.runtime.testfixtures;

import io.whizbang.runtime.envelope.Envelope;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** What fixture handlers were called with, in call order; thread-safe. */
public final class Journal {

  /** One handler call. */
  public record Call(String handler, Envelope envelope, Object message) {}

  private final List<Call> calls = new ArrayList<>();

  synchronized void add(String handler, Envelope envelope, Object message) {
    calls.add(new Call(handler, envelope, message));
  }

  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  public synchronized List<Call> calls(String handler) {
    return calls.stream().filter(c -> c.handler().equals(handler)).toList();
  }

  public synchronized long count(Predicate<Call> p) {
    return calls.stream().filter(p).count();
  }
}
