package io.whizbang.samples.quickstart;

import io.whizbang.annotations.Command;
import io.whizbang.annotations.Event;
import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.envelope.Envelope;
import java.util.ArrayList;
import java.util.List;

/** A HandlerContext that records what handlers send and publish. */
final class RecordingContext implements HandlerContext {
  final List<Command> sent = new ArrayList<>();
  final List<Event> published = new ArrayList<>();
  private final Envelope envelope;

  RecordingContext(Envelope envelope) {
    this.envelope = envelope;
  }

  @Override
  public Envelope envelope() {
    return envelope;
  }

  @Override
  public void send(Command command) {
    sent.add(command);
  }

  @Override
  public void publish(Event event) {
    published.add(event);
  }
}
