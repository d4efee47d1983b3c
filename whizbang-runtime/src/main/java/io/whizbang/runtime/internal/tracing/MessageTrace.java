package io.whizbang.runtime.internal.tracing;

/**
 * The span of one delivered message, from its arrival to its settlement. Confined to the lane thread handling it.
 *
 * <pre>{@code
 * MessageTrace trace = consumer.received(envelope);
 * try (MessageTrace.Scope s = trace.current()) { ...run the handlers... }
 * trace.end(released);
 * }</pre>
 */
public interface MessageTrace {

  /** No span: every call does nothing (the shared instance of {@link Tracing#NONE}). */
  MessageTrace NONE = NoTracing.INSTANCE;

  /** Makes the span the current one (messages the handler sends become its children) until the scope closes. */
  Scope current();

  /** Records what became of the message, when it is not simply applied or released ({@link #end}). */
  void outcome(InboxOutcome outcome);

  /** The handler threw: the span gets an error status. */
  void failed(Throwable failure);

  /**
   * Ends the span: {@code released} (the broker redelivers it later) records {@link InboxOutcome#RETRIED}, else
   * the outcome recorded, or {@link InboxOutcome#APPLIED} when none was.
   */
  void end(boolean released);

  /** A current span's scope; closing restores the context that was current before. */
  interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
