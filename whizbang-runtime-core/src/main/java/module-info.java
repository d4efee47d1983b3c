/**
 * The Whizbang runtime's core: what the code the processor generates and the broker modules build on, with no
 * database and no HTTP. Exported to everyone: the root exception ({@code core}), payload JSON ({@code codec}), the
 * helpers generated codecs call ({@code generated}), the wire format ({@code envelope}), the transport SPI
 * ({@code transport}) and the broker kit ({@code transport.kit}). {@code core.internal} holds small helpers the
 * runtime and the project's own broker modules share; it is exported to them alone and may change in any release.
 * The public API and its count: docs/runtime.md, "Public API" ({@code scripts/dev/public-api.sh} recounts it).
 */
module io.whizbang.runtime.core {
  // In the API: JsonCodec reads and writes with Jackson's streaming types.
  requires transitive com.fasterxml.jackson.core;
  requires org.slf4j;

  exports io.whizbang.runtime.core;
  exports io.whizbang.runtime.codec;
  exports io.whizbang.runtime.envelope;
  exports io.whizbang.runtime.generated;

  // The transport SPI: what a broker module implements (Transport, Delivery...) and the kit it builds with.
  exports io.whizbang.runtime.transport;
  exports io.whizbang.runtime.transport.kit;

  exports io.whizbang.runtime.core.internal to
      io.whizbang.runtime,
      io.whizbang.kafka,
      io.whizbang.rabbitmq,
      io.whizbang.sqs,
      io.whizbang.servicebus;
}
