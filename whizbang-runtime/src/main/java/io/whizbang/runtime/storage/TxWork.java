package io.whizbang.runtime.storage;

/** The body of {@link SqlStorage#inTransaction}. */
@FunctionalInterface
public interface TxWork<T> {
  T run(Tx tx) throws Exception;
}
