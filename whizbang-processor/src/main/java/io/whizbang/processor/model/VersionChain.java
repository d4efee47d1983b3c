package io.whizbang.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;

/**
 * How a message's codec reads its older versions: {@code older.get(i)} is version {@code i + 1}, read with its own
 * record's codec and moved forward by the upcasters of every later version, in order.
 *
 * @param message the message type, whose codec reads them
 * @param current the version the message's codec writes
 */
public record VersionChain(ClassName message, int current, List<OldVersion> older) {
  public VersionChain {
    older = List.copyOf(older);
  }

  /**
   * One older version.
   *
   * @param record the record that keeps its shape
   * @param codec that record's generated codec
   * @param upcaster the static method, declared in the record of the next version, that makes the next version
   *     from this one
   */
  public record OldVersion(int version, ClassName record, ClassName codec, Upcaster upcaster) {}

  /** A static method {@code declaringType.name(previous)}. */
  public record Upcaster(ClassName declaringType, String name) {}
}
