package io.whizbang.benchmarks.harness;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source whose connections time every round trip to the database on the calling thread: statement
 * executions (by {@link SqlKind}), commits, rollbacks, savepoints, auto-commit switches and opening a connection,
 * into a {@link JdbcTimes}. Times are
 * client-side wall time, so a call that waits for a core on a loaded machine counts that wait too; the counts are
 * exact. Rows a result set fetches lazily (a fetch size in a transaction) are not counted as calls.
 */
public final class TimedDataSource implements DataSource {
  /** Connection methods that may talk to the server (a savepoint is a statement of its own on PostgreSQL). */
  private static final Set<String> CONNECTION_CALLS = Set.of("commit", "rollback", "setSavepoint",
      "releaseSavepoint", "setAutoCommit", "setTransactionIsolation", "isValid");
  private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch",
      "executeLargeUpdate", "executeLargeBatch");

  private final DataSource delegate;
  private final JdbcTimes times;

  public TimedDataSource(DataSource delegate, JdbcTimes times) {
    this.delegate = delegate;
    this.times = times;
  }

  public JdbcTimes times() {
    return times;
  }

  @Override
  public Connection getConnection() throws SQLException {
    long start = System.nanoTime();
    Connection c = delegate.getConnection();
    times.record("connect", start, System.nanoTime() - start);
    return timed(c);
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    long start = System.nanoTime();
    Connection c = delegate.getConnection(user, password);
    times.record("connect", start, System.nanoTime() - start);
    return timed(c);
  }

  private Connection timed(Connection connection) {
    return proxy(Connection.class, connection, (method, args) -> {
      String name = method.getName();
      if (CONNECTION_CALLS.contains(name)) {
        return timedCall(name, connection, method, args);
      }
      Object result = invoke(connection, method, args);
      if (result instanceof CallableStatement s) {
        return statement(CallableStatement.class, s, (String) args[0]);
      }
      if (result instanceof PreparedStatement s) {
        return statement(PreparedStatement.class, s, (String) args[0]);
      }
      if (result instanceof Statement s) {
        return statement(Statement.class, s, null);
      }
      return result;
    });
  }

  private <T extends Statement> T statement(Class<T> type, T statement, String preparedSql) {
    return proxy(type, statement, (method, args) -> {
      if (!EXECUTIONS.contains(method.getName())) {
        return invoke(statement, method, args);
      }
      String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : preparedSql;
      String kind = sql == null ? "?" : SqlKind.of(sql);
      if (method.getName().contains("Batch")) {
        kind += " (batch)";
      }
      return timedCall(kind, statement, method, args);
    });
  }

  private Object timedCall(String kind, Object target, Method method, Object[] args) throws Throwable {
    long start = System.nanoTime();
    try {
      return invoke(target, method, args);
    } finally {
      times.record(kind, start, System.nanoTime() - start);
    }
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private interface Call {
    Object apply(Method method, Object[] args) throws Throwable;
  }

  private static <T> T proxy(Class<T> type, T target, Call call) {
    InvocationHandler handler = (p, method, args) -> {
      if (method.getName().equals("unwrap") && args.length == 1 && ((Class<?>) args[0]).isInstance(p)) {
        return p;
      }
      return call.apply(method, args);
    };
    return type.cast(Proxy.newProxyInstance(TimedDataSource.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || delegate.isWrapperFor(iface);
  }
}
