package io.whizbang.runtime.transport.memory;

import io.whizbang.runtime.transport.Transport;
import io.whizbang.runtime.transport.contract.TransportContractTest;

/** The in-memory transport gives every guarantee of the transport contract. */
class InMemoryTransportContractTest extends TransportContractTest {
  @Override
  protected Transport newTransport() {
    return new InMemoryTransport();
  }
}
