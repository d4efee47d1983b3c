package io.whizbang.runtime.projection;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.whizbang.annotations.Event;
import io.whizbang.runtime.aggregate.AggregateType;
import io.whizbang.runtime.codec.CodecException;
import io.whizbang.runtime.codec.JsonCodec;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.feed.Deposits;
import io.whizbang.runtime.generated.MessageVersions;
import io.whizbang.runtime.module.MessageType;
import java.io.IOException;
import java.util.List;

/**
 * The deposit event of {@link Deposits} at its version 2, written by hand in the shape the processor generates for
 * {@code @MessageVersion(2)} with an {@code @Upcasts} method: version 1 ({@code "amount"} in whole units, what
 * {@link Deposits} writes) is kept as {@link DepositV1}; version 2 carries {@code "cents"}. A dispatcher, a projection
 * and an aggregate use it, each decoding through {@link MessageVersions}, as generated code does.
 */
final class VersionedDeposits {
  private VersionedDeposits() {}

  /** Version 1, kept to read the events stored before version 2. */
  record DepositV1(String account, long seq, long amount) {}

  /** Version 2, what the code writes now. */
  record Deposit(String account, long seq, long cents) implements Event {
    /** The upcaster: the method a generated codec calls directly. */
    static Deposit from(DepositV1 old) {
      return new Deposit(old.account(), old.seq(), old.amount() * 100);
    }
  }

  static final MessageType<Deposit> TYPE = MessageType.event(Deposits.DEPOSITED, Deposits.DOMAIN, Deposit.class,
      new DepositCodec(), Deposit::account);

  /** The generated codec's shape: {@code version()} and {@code read(in, version)} over the chain. */
  static final class DepositCodec implements JsonCodec<Deposit> {
    @Override
    public int version() {
      return 2;
    }

    @Override
    public Deposit read(JsonParser in, int version) throws IOException {
      return switch (version) {
        case 2 -> read(in);
        case 1 -> Deposit.from(readV1(in));
        default -> throw MessageVersions.unknown("Deposit", version, 2);
      };
    }

    @Override
    public void write(JsonGenerator out, Deposit value) throws IOException {
      out.writeStartObject();
      out.writeStringField("account", value.account());
      out.writeNumberField("seq", value.seq());
      out.writeNumberField("cents", value.cents());
      out.writeEndObject();
    }

    @Override
    public Deposit read(JsonParser in) throws IOException {
      Fields f = fields(in, "cents");
      return new Deposit(f.account, f.seq, f.number);
    }

    private static DepositV1 readV1(JsonParser in) throws IOException {
      Fields f = fields(in, "amount");
      return new DepositV1(f.account, f.seq, f.number);
    }
  }

  private static final class Fields {
    String account;
    long seq;
    Long numberOrNull;
    long number;
  }

  /** Strict like a generated codec: a missing field is a {@link CodecException}, so a misread cannot pass. */
  private static Fields fields(JsonParser in, String numberField) throws IOException {
    Fields f = new Fields();
    for (JsonToken t = in.nextToken(); t == JsonToken.FIELD_NAME; t = in.nextToken()) {
      String field = in.currentName();
      in.nextToken();
      if (field.equals("account")) {
        f.account = in.getText();
      } else if (field.equals("seq")) {
        f.seq = in.getLongValue();
      } else if (field.equals(numberField)) {
        f.numberOrNull = in.getLongValue();
      } else {
        in.skipChildren();
      }
    }
    if (f.account == null || f.numberOrNull == null) {
      throw new CodecException("Cannot decode Deposit: 'account' or '" + numberField + "' is missing");
    }
    f.number = f.numberOrNull;
    return f;
  }

  /**
   * The envelope's deposit as the projection folds it, decoded through its version header as generated dispatchers
   * decode ({@link AccountsProjection_Dispatcher#versioned}).
   */
  static Deposited asDeposited(Envelope envelope) {
    Deposit deposit = MessageVersions.decode(TYPE.codec(), envelope);
    return new Deposited(deposit.account(), deposit.seq(), deposit.cents());
  }

  /** An account's balance in cents, replayed from its deposits. */
  record Balance(String account, long cents, long deposits) {}

  static final class BalanceType implements AggregateType<Balance> {
    @Override
    public String category() {
      return "bank.Account";
    }

    @Override
    public Balance initial(String id) {
      return new Balance(id, 0, 0);
    }

    @Override
    public Balance apply(Balance state, Event event) {
      Deposit d = (Deposit) event;
      return new Balance(state.account(), state.cents() + d.cents(), state.deposits() + 1);
    }

    @Override
    public List<MessageType<? extends Event>> eventTypes() {
      return List.of(TYPE);
    }
  }
}
