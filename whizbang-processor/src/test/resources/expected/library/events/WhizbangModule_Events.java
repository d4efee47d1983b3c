package library.events;

import io.whizbang.runtime.dispatch.HandlerSet;
import io.whizbang.runtime.module.MessageType;
import io.whizbang.runtime.module.WhizbangModule;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The message types and handlers of {@code library.events}. Found by {@link java.util.ServiceLoader}
 * or passed to the builder explicitly; bind handler instances with {@link #handlers}.
 */
@Generated("io.whizbang.processor.WhizbangProcessor")
public final class WhizbangModule_Events implements WhizbangModule {
  private static final List<MessageType<?>> MESSAGE_TYPES = List.of(
      MessageType.event("billing.InvoiceIssued.v2", "billing", InvoiceIssued.class, InvoiceIssued_JsonCodec.INSTANCE, message -> String.valueOf(message.invoiceNumber())));

  @Override
  public String name() {
    return "library.events";
  }

  @Override
  public List<String> ownedDomains() {
    return List.of();
  }

  @Override
  public List<MessageType<?>> messageTypes() {
    return MESSAGE_TYPES;
  }

  /**
   * Binds one instance of each handler class of this compilation to its generated dispatcher.
   */
  public static HandlerSet handlers() {
    return HandlerSet.of(List.of());
  }
}
