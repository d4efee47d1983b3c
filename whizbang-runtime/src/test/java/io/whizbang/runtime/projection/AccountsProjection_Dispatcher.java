package io.whizbang.runtime.projection;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.dispatch.ProjectionDispatcher;
import io.whizbang.runtime.dispatch.UnknownMessageTypeException;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.feed.Deposits;
import java.util.Set;

/** Written by hand in the shape the processor generates for a {@code @Projection(name, source)} class. */
final class AccountsProjection_Dispatcher implements ProjectionDispatcher {
  private static final JsonFactory JSON = new JsonFactory();
  private final AccountsProjection projection;
  private final String name;
  /** A later version of the event type: also reads an amount written as text ({@code "amount":"10"}). */
  volatile boolean readsTextAmounts;
  /** Reads deposits through their version header, at version 2 ({@link VersionedDeposits}: cents, upcast from 1). */
  volatile boolean versioned;

  AccountsProjection_Dispatcher(AccountsProjection projection, String name) {
    this.projection = projection;
    this.name = name;
  }

  @Override
  public String projectionName() {
    return name;
  }

  @Override
  public String sourceDomain() {
    return projection.domain;
  }

  @Override
  public String handlerName() {
    return "AccountsProjection";
  }

  @Override
  public Set<String> wireNames() {
    return Set.of(Deposits.depositedIn(projection.domain));
  }

  @Override
  public void dispatch(Envelope envelope, HandlerContext context) throws Exception {
    if (!envelope.wireName().equals(Deposits.depositedIn(projection.domain))) {
      throw new UnknownMessageTypeException("AccountsProjection does not handle " + envelope.wireName());
    }
    projection.on(versioned ? VersionedDeposits.asDeposited(envelope) : decode(envelope.payload(), readsTextAmounts),
        context);
  }

  static Deposited decode(byte[] payload) {
    return decode(payload, false);
  }

  /** Strict, like a generated dispatcher: a payload that does not fit the type is a {@link CodecException}. */
  static Deposited decode(byte[] payload, boolean textAmounts) {
    String account = null;
    long seq = 0;
    long amount = 0;
    try (JsonParser p = JSON.createParser(payload)) {
      p.nextToken();
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "account" -> account = p.getText();
          case "seq" -> seq = p.getLongValue();
          case "amount" -> amount = textAmounts && p.currentToken() == JsonToken.VALUE_STRING
              ? Long.parseLong(p.getText()) : p.getLongValue();
          default -> p.skipChildren();
        }
      }
    } catch (java.io.IOException e) {
      throw new CodecException("Cannot decode " + Deposits.DEPOSITED + ": " + e.getMessage(), e);
    }
    return new Deposited(account, seq, amount);
  }
}
