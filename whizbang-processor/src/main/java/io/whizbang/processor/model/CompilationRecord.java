package io.whizbang.processor.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a compilation's generated code was made from, kept in the class output so that a later compilation of only
 * some of the sources (an IDE or an incremental build) can read the other types back from their class files and
 * generate a complete module again.
 *
 * @param service the element declaring {@code @WhizbangService}: {@code package shop} or {@code type shop.App}
 * @param messages qualified names of the message types the module lists
 * @param handlers qualified names of the handler and projection classes the module binds
 * @param aggregates qualified names of the {@code @EventSourced} types
 */
public record CompilationRecord(Optional<String> service, List<String> messages, List<String> handlers,
    List<String> aggregates) {

  public CompilationRecord {
    messages = List.copyOf(messages);
    handlers = List.copyOf(handlers);
    aggregates = List.copyOf(aggregates);
  }

  public static final CompilationRecord EMPTY = new CompilationRecord(Optional.empty(), List.of(), List.of(),
      List.of());

  public boolean isEmpty() {
    return service.isEmpty() && messages.isEmpty() && handlers.isEmpty() && aggregates.isEmpty();
  }

  /** Where the record is kept in the class output. */
  public static final String PATH = "META-INF/whizbang/compilation.txt";

  /** The text form: one {@code <kind> <name>} per line, read back by {@link #parse}. */
  public String text() {
    StringBuilder out = new StringBuilder("# Written by the Whizbang processor: the types its generated code was made "
        + "from, read back\n# when a later build recompiles only some sources.\n");
    service().ifPresent(service -> out.append("service ").append(service).append('\n'));
    messages().forEach(name -> out.append("message ").append(name).append('\n'));
    handlers().forEach(name -> out.append("handler ").append(name).append('\n'));
    aggregates().forEach(name -> out.append("aggregate ").append(name).append('\n'));
    return out.toString();
  }

  /** Parses {@link #text}; lines it does not understand are skipped (a file from another version). */
  public static CompilationRecord parse(String text) {
    Optional<String> service = Optional.empty();
    List<String> messages = new ArrayList<>();
    List<String> handlers = new ArrayList<>();
    List<String> aggregates = new ArrayList<>();
    for (String line : text.split("\n")) {
      int space = line.indexOf(' ');
      if (line.startsWith("#") || space < 0) {
        continue;
      }
      String value = line.substring(space + 1).trim();
      switch (line.substring(0, space)) {
        case "service" -> service = Optional.of(value);
        case "message" -> messages.add(value);
        case "handler" -> handlers.add(value);
        case "aggregate" -> aggregates.add(value);
        default -> { }
      }
    }
    return new CompilationRecord(service, messages, handlers, aggregates);
  }
}
