package io.whizbang.runtime.feed;

import io.whizbang.runtime.sql.DelegatingDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** A data source that counts the connections borrowed from it and not yet closed (what a pool would count). */
final class CountingDataSource extends DelegatingDataSource {
  private final AtomicInteger open = new AtomicInteger();

  CountingDataSource(DataSource delegate) {
    super(delegate);
  }

  /** Connections handed out and not closed yet. */
  int open() {
    return open.get();
  }

  @Override
  public Connection getConnection() throws SQLException {
    return counted(super.getConnection());
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return counted(super.getConnection(user, password));
  }

  private Connection counted(Connection connection) {
    open.incrementAndGet();
    boolean[] closed = {false};
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          if (method.getName().equals("close")) {
            synchronized (closed) {
              if (!closed[0]) {
                closed[0] = true;
                open.decrementAndGet();
              }
            }
          }
          try {
            return method.invoke(connection, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
