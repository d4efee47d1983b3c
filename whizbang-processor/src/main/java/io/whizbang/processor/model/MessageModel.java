package io.whizbang.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * A command or event type with its routing facts.
 *
 * @param inCompilation declared in the sources being compiled (its codec is generated here and it is listed in the
 *     module); false for message types of libraries referenced by handlers
 * @param origin the source element, for diagnostics of whole-compilation checks and the Filer
 * @param version the version of the shape the codec writes ({@code @MessageVersion}, 1 when absent)
 * @param delivery its {@code @Priority} and {@code @TimeToLive}
 */
public record MessageModel(
    ClassName type,
    Kind kind,
    String domain,
    String wireName,
    ClassName codec,
    Optional<PartitionKeyModel> partitionKey,
    boolean inCompilation,
    TypeElement origin,
    int version,
    DeliveryOptions delivery) {

  public enum Kind {
    COMMAND,
    EVENT
  }
}
