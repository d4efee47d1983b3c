package io.whizbang.spring.boot;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The data source the service's storage runs on. Outside a Spring transaction it is the application's. Inside one
 * (an {@code @Transactional} method, or a handler, see {@link InboxTransactionDispatcher}) it hands out the
 * transaction's own connection, whose commit, rollback and close belong to that transaction: so
 * {@code whizbang.publish(event)} writes its outbox row in the caller's transaction, and a rollback removes it.
 */
final class TransactionJoiningDataSource extends DelegatingDataSource {

  TransactionJoiningDataSource(DataSource application) {
    super(application);
  }

  @Override
  public Connection getConnection() throws SQLException {
    Object bound = TransactionSynchronizationManager.getResource(obtainTargetDataSource());
    if (bound instanceof ConnectionHolder holder && (holder instanceof InboxTransactionDispatcher.InboxConnection
        || TransactionSynchronizationManager.isActualTransactionActive())) {
      return joined(holder);
    }
    return obtainTargetDataSource().getConnection();
  }

  /**
   * The transaction's connection, whose transaction calls are its owner's: a rollback the storage asks for marks the
   * transaction rollback-only (the exception that caused it reaches the caller as well).
   */
  private static Connection joined(ConnectionHolder holder) {
    Connection target = holder.getConnection();
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "setAutoCommit", "commit", "close" -> null;
          case "rollback" -> {
            if (args == null) {
              holder.setRollbackOnly();
            }
            yield null;
          }
          case "getAutoCommit" -> false;
          case "isClosed" -> target.isClosed();
          case "equals" -> proxy == args[0];
          case "hashCode" -> System.identityHashCode(proxy);
          default -> invoke(target, method, args);
        });
  }

  private static Object invoke(Connection target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
