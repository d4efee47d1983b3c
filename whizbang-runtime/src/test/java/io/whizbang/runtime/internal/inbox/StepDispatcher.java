package io.whizbang.runtime.internal.inbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.dispatch.UnknownMessageTypeException;
import io.whizbang.runtime.envelope.Envelope;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A hand-written dispatcher as the processor would generate it: decodes {@code test.Step} strictly and calls the
 * "handler", which records one effect row in the inbox transaction. Failures can be planned per step.
 */
final class StepDispatcher implements MessageDispatcher {
  private static final JsonFactory JSON = new JsonFactory();

  private final String effects;
  private final AtomicInteger calls = new AtomicInteger();
  private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
  private volatile Predicate<Step> alwaysFails = s -> false;
  private final Map<String, java.util.Queue<Throwable>> plannedThrows = new ConcurrentHashMap<>();

  record Step(String key, int seq) {}

  StepDispatcher(String effectsTable) {
    this.effects = effectsTable;
  }

  static String createTableSql(String table) {
    return "create table " + table + " (id bigint generated always as identity primary key,"
        + " k varchar(100) not null, seq int not null, message_id uuid not null)";
  }

  /** The step {@code key}/{@code seq} fails its next {@code times} attempts. */
  StepDispatcher failTimes(String key, int seq, int times) {
    failuresLeft.put(key + "#" + seq, new AtomicInteger(times));
    return this;
  }

  /** Runs of the step {@code key}/{@code seq} throw {@code failures}, one per run, in order; later runs succeed. */
  StepDispatcher throwInOrder(String key, int seq, Throwable... failures) {
    plannedThrows.put(key + "#" + seq, new java.util.concurrent.ConcurrentLinkedQueue<>(java.util.List.of(failures)));
    return this;
  }

  StepDispatcher failAlways(Predicate<Step> which) {
    alwaysFails = which;
    return this;
  }

  int calls() {
    return calls.get();
  }

  @Override
  public String handlerName() {
    return "StepHandlers";
  }

  @Override
  public Set<String> wireNames() {
    return Set.of(Steps.WIRE_NAME);
  }

  @Override
  public void dispatch(Envelope envelope, HandlerContext context) throws Exception {
    if (!envelope.wireName().equals(Steps.WIRE_NAME)) {
      throw new UnknownMessageTypeException("StepHandlers does not handle " + envelope.wireName());
    }
    Step step = decode(envelope.payload());
    calls.incrementAndGet();
    handle(step, context);
  }

  private void handle(Step step, HandlerContext context) throws Exception {
    java.util.Queue<Throwable> planned = plannedThrows.get(step.key() + "#" + step.seq());
    Throwable next = planned == null ? null : planned.poll();
    if (next instanceof Exception e) {
      throw e;
    }
    if (next instanceof Error e) {
      throw e;
    }
    AtomicInteger left = failuresLeft.get(step.key() + "#" + step.seq());
    if (left != null && left.getAndDecrement() > 0) {
      throw new IllegalStateException("planned failure of " + step);
    }
    if (alwaysFails.test(step)) {
      throw new IllegalStateException("the handler of " + step + " is broken");
    }
    try (PreparedStatement s = context.connection().prepareStatement(
        "insert into " + effects + " (k, seq, message_id) values (?, ?, ?)")) {
      s.setString(1, step.key());
      s.setInt(2, step.seq());
      s.setObject(3, context.envelope().messageId());
      s.executeUpdate();
    }
  }

  static Step decode(byte[] payload) {
    String key = null;
    Integer seq = null;
    try (JsonParser p = JSON.createParser(payload)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new CodecException("test.Step must be a JSON object");
      }
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        switch (field) {
          case "key" -> {
            if (v != JsonToken.VALUE_STRING) {
              throw new CodecException("test.Step.key must be a string, found " + v);
            }
            key = p.getText();
          }
          case "seq" -> {
            if (v != JsonToken.VALUE_NUMBER_INT) {
              throw new CodecException("test.Step.seq must be an integer, found " + v);
            }
            seq = p.getIntValue();
          }
          default -> p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new CodecException("test.Step is not valid JSON: " + e.getMessage(), e);
    }
    if (key == null || seq == null) {
      throw new CodecException("test.Step is missing required field " + (key == null ? "key" : "seq"));
    }
    return new Step(key, seq);
  }
}
