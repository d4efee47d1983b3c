package io.whizbang.runtime.dispatch;

/** The dispatcher of a {@code @Projection} class: it knows the projection's name and the domain it folds. */
public interface ProjectionDispatcher extends MessageDispatcher {

  /** The projection's stable name (its checkpoint and inbox are kept under it). */
  String projectionName();

  /** The domain whose events the projection folds. */
  String sourceDomain();
}
