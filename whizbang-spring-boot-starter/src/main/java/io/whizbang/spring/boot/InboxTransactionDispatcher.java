package io.whizbang.spring.boot;

import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.dispatch.HandlerSet;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.envelope.Envelope;
import java.sql.Connection;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a generated dispatcher with the inbox transaction's connection bound to Spring for the application's data
 * source, as {@code DataSourceTransactionManager} binds its own: {@code JdbcTemplate}, {@code JdbcClient} and
 * {@code DataSourceUtils} in a handler then work on {@code context.connection()}, so the handler's effects, the inbox
 * row and the outgoing messages commit or roll back together, and an {@code @Transactional} method the handler calls
 * joins that transaction. The inbox commits; Spring never does.
 */
final class InboxTransactionDispatcher implements MessageDispatcher {

  private final MessageDispatcher generated;
  private final DataSource application;

  private InboxTransactionDispatcher(MessageDispatcher generated, DataSource application) {
    this.generated = generated;
    this.application = application;
  }

  /** {@code handlers}, each of its dispatchers bound this way. */
  static HandlerSet bind(HandlerSet handlers, DataSource application) {
    return HandlerSet.of(handlers.dispatchers().stream()
        .<MessageDispatcher>map(d -> new InboxTransactionDispatcher(d, application)).toList());
  }

  @Override
  public String handlerName() {
    return generated.handlerName();
  }

  @Override
  public Set<String> wireNames() {
    return generated.wireNames();
  }

  @Override
  public void dispatch(Envelope envelope, HandlerContext context) throws Exception {
    TransactionSynchronizationManager.bindResource(application, new InboxConnection(context.connection()));
    try {
      generated.dispatch(envelope, context);
    } finally {
      TransactionSynchronizationManager.unbindResource(application);
    }
  }

  /** The inbox's connection, seen by Spring as an active transaction that another party commits. */
  static final class InboxConnection extends ConnectionHolder {
    InboxConnection(Connection connection) {
      super(connection, true);
      setSynchronizedWithTransaction(true);
    }
  }
}
