package io.whizbang.spring.boot.billing;

import io.whizbang.annotations.Handles;
import io.whizbang.runtime.dispatch.HandlerContext;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;

/** A Spring bean writing through JdbcTemplate, which runs on the inbox transaction's connection. */
public class BillingHandlers {

  private final JdbcTemplate jdbc;
  private final String schema;
  private final AtomicInteger failures = new AtomicInteger();
  private final List<UUID> heard = new CopyOnWriteArrayList<>();

  public BillingHandlers(JdbcTemplate jdbc, String schema) {
    this.jdbc = jdbc;
    this.schema = schema;
  }

  @Handles
  void charge(ChargeCard command, HandlerContext context) {
    jdbc.update("insert into " + schema + ".charges (id, cents) values (?, ?)", command.chargeId(), command.cents());
    if (command.cents() < 0) {
      failures.incrementAndGet();
      throw new IllegalArgumentException("a charge must not be negative, was " + command.cents());
    }
  }

  @Handles
  void on(CardCharged event, HandlerContext context) {
    heard.add(event.chargeId());
  }

  /** Calls of the charge handler that failed after their insert. */
  public int failures() {
    return failures.get();
  }

  /** The charges this service heard of, in order. */
  public List<UUID> heard() {
    return heard;
  }
}
