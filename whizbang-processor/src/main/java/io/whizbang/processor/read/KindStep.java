package io.whizbang.processor.read;

import io.whizbang.processor.model.AggregateModel;
import io.whizbang.processor.model.HandlerClassModel;
import io.whizbang.processor.model.MessageModel;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.lang.model.element.TypeElement;

/**
 * One round's reading of one kind of type (message records, handler classes or aggregates): each candidate is read
 * now, or deferred to the next round when it refers to a type that does not exist yet. Keeps the models read so
 * far, over all rounds, one per type.
 *
 * @param <M> the model this kind reads into
 */
public final class KindStep<M> {

  /** Why a candidate cannot be read this round, if it cannot. */
  private interface Wait {
    Optional<String> of(TypeElement type, Predicate<String> isDeferred);
  }

  private final Predicate<TypeElement> isCandidate;
  private final Wait wait;
  private final Function<TypeElement, Optional<M>> reader;
  private final Function<M, String> key;
  private final Map<String, M> read = new LinkedHashMap<>();

  private KindStep(Predicate<TypeElement> isCandidate, Wait wait, Function<TypeElement, Optional<M>> reader,
      Function<M, String> key) {
    this.isCandidate = isCandidate;
    this.wait = wait;
    this.reader = reader;
    this.key = key;
  }

  /** Message records: they wait for an unresolved type in their components, or in the records those contain. */
  public static KindStep<MessageModel> messages(MessageReader reader) {
    return new KindStep<>(reader::isCandidate, (type, isDeferred) -> Unresolved.inRecord(type), reader::read,
        message -> message.type().canonicalName());
  }

  /** Handler classes: they wait for an unresolved type in a @Handles signature, or for a deferred message. */
  public static KindStep<HandlerClassModel> handlers(HandlerReader reader) {
    return new KindStep<>(HandlerReader::isCandidate, onSignatures(Unresolved::inHandlers), reader::read,
        handler -> handler.type().canonicalName());
  }

  /** Aggregates: they wait for an unresolved type in an @Applies signature, or for a deferred event. */
  public static KindStep<AggregateModel> aggregates(AggregateReader reader) {
    return new KindStep<>(AggregateReader::isCandidate, onSignatures(Unresolved::inAppliers), reader::read,
        aggregate -> aggregate.type().canonicalName());
  }

  /** The candidates of this kind among a round's types, in their order. */
  public Set<TypeElement> candidates(List<TypeElement> types) {
    Set<TypeElement> candidates = new LinkedHashSet<>();
    types.stream().filter(isCandidate).forEach(candidates::add);
    return candidates;
  }

  /**
   * Reads every candidate that can be read now and returns the ones it defers. {@code earlier} are the types the
   * steps before this one deferred in this round: a handler or aggregate taking such a message waits with it.
   */
  public Deferred read(Set<TypeElement> candidates, Deferred earlier) {
    Map<String, String> deferred = new LinkedHashMap<>();
    Predicate<String> isDeferred = name -> earlier.contains(name) || deferred.containsKey(name);
    for (TypeElement type : candidates) {
      Optional<String> waitsFor = wait.of(type, isDeferred);
      if (waitsFor.isPresent()) {
        deferred.put(type.getQualifiedName().toString(), waitsFor.get());
        continue;
      }
      reader.apply(type).ifPresent(model -> read.put(key.apply(model), model));
    }
    return new Deferred(deferred);
  }

  /** Every model read so far, in the order first read. */
  public List<M> models() {
    return List.copyOf(read.values());
  }

  /** Waits for an unresolved type in the method signatures, or for a message a step before deferred. */
  private static Wait onSignatures(Function<TypeElement, Optional<String>> unresolved) {
    return (type, isDeferred) -> unresolved.apply(type).or(() ->
        Unresolved.parameterTypes(type).stream().anyMatch(isDeferred)
            ? Optional.of("a deferred message type") : Optional.empty());
  }
}
