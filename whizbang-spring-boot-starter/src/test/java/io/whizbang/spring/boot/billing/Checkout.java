package io.whizbang.spring.boot.billing;

import io.whizbang.runtime.Whizbang;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/** Application code: a receipt and its event in one Spring transaction. */
public class Checkout {

  private final JdbcTemplate jdbc;
  private final Whizbang whizbang;
  private final String schema;

  public Checkout(JdbcTemplate jdbc, Whizbang whizbang, String schema) {
    this.jdbc = jdbc;
    this.whizbang = whizbang;
    this.schema = schema;
  }

  @Transactional
  public void pay(String account, UUID chargeId, boolean refuse) {
    jdbc.update("insert into " + schema + ".receipts (id) values (?)", chargeId);
    whizbang.publish(new CardCharged(account, chargeId, 500));
    if (refuse) {
      throw new IllegalStateException("payment refused");
    }
  }
}
