package io.whizbang.processor.read;

import io.whizbang.processor.diagnostics.Problem;
import io.whizbang.processor.diagnostics.Reporter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The types a round could not read because they refer to a type that does not exist yet (another processor may
 * generate it in a later round), each with the type it waits for, in the order they were deferred.
 *
 * <p>Kept by qualified name, not by element: every round has its own elements, so a deferred type is looked up
 * again in the round that retries it.
 */
public final class Deferred {

  public static final Deferred NONE = new Deferred(Map.of());

  private final Map<String, String> waitingFor;

  Deferred(Map<String, String> waitingFor) {
    this.waitingFor = Collections.unmodifiableMap(new LinkedHashMap<>(waitingFor));
  }

  /**
   * These deferrals followed by {@code later}'s. A type deferred by both keeps its first place and the later
   * reason, as when every kind of a round recorded into one map.
   */
  public Deferred and(Deferred later) {
    if (later.isEmpty()) {
      return this;
    }
    Map<String, String> both = new LinkedHashMap<>(waitingFor);
    both.putAll(later.waitingFor);
    return new Deferred(both);
  }

  public boolean isEmpty() {
    return waitingFor.isEmpty();
  }

  boolean contains(String qualifiedName) {
    return waitingFor.containsKey(qualifiedName);
  }

  /** The deferred types as the current round sees them, to read them again. */
  public List<TypeElement> retry(Elements elements) {
    List<TypeElement> types = new ArrayList<>();
    for (String name : waitingFor.keySet()) {
      Optional.ofNullable(elements.getTypeElement(name)).ifPresent(types::add);
    }
    return types;
  }

  /** Reports, once processing is over, every type still waiting: what it waited for was never generated. */
  public void reportNeverResolved(Elements elements, Reporter reporter) {
    waitingFor.forEach((name, unresolved) ->
        reporter.report(Problem.UNRESOLVED_TYPE, elements.getTypeElement(name), name, unresolved));
  }
}
