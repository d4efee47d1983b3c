package io.whizbang.runtime.transport.memory;

import io.whizbang.runtime.transport.Transport;
import io.whizbang.runtime.transport.fault.TransportFaultSuite;
import org.junit.jupiter.api.AfterEach;

/**
 * The fault suite on the in-memory transport. It has no process to stop, so a {@link StoppableInMemoryBroker} plays
 * one: stopped, it refuses every publish as a broker that is down does and delivers nothing; its message size limit
 * changes live. A publish fails at once while it is stopped (nothing can be half-confirmed), so no message may
 * reach the subscriber twice.
 */
class InMemoryTransportFaultTest extends TransportFaultSuite {
  private final StoppableInMemoryBroker broker = new StoppableInMemoryBroker();

  @AfterEach
  void closeBroker() {
    broker.close();
  }

  @Override
  protected Transport newTransport() {
    return broker.connect();
  }

  @Override
  protected void stopBroker() {
    broker.stop();
  }

  @Override
  protected void startBroker() {
    broker.start();
  }

  @Override
  protected void refuseLargeMessages() {
    broker.maxMessageBytes(poisonBytes() / 2);
  }

  @Override
  protected void acceptLargeMessages() {
    broker.maxMessageBytes(Integer.MAX_VALUE);
  }

  @Override
  protected boolean mayDuplicateAcrossAnOutage() {
    return false;
  }
}
