package io.whizbang.runtime.sql;

/** The body of {@link SqlStorage#inTransaction}. */
@FunctionalInterface
public interface TxWork<T> {
  T run(Tx tx) throws Exception;
}
