package io.whizbang.processor.diagnostics;

import static javax.tools.Diagnostic.Kind.ERROR;
import static javax.tools.Diagnostic.Kind.WARNING;

import javax.tools.Diagnostic;

/**
 * Every diagnostic the processor prints, with its stable code, its severity, its message and how to fix it. Codes
 * are never reused: documentation and build logs refer to them.
 */
public enum Problem {
  MESSAGE_WITHOUT_OWNER(101, ERROR, "%s has no owning domain",
      "add @OwnedBy(\"<domain>\") to the type, or to the package-info.java of its package"),
  MESSAGE_NOT_A_RECORD(102, ERROR, "%s implements %s but is not a record",
      "declare it as a record: message types are immutable values encoded field by field"),
  MESSAGE_BOTH_KINDS(103, ERROR, "%s implements both Command and Event",
      "a message is either a request (Command) or a fact (Event): implement exactly one"),
  OWNED_BY_ON_NON_MESSAGE(104, ERROR, "%s is annotated @%s but implements neither Command nor Event",
      "add 'implements Command' or 'implements Event', or remove @%s"),
  INVALID_DOMAIN(105, ERROR, "\"%s\" is not a valid domain name",
      "use lower-case letters, digits and '-', starting with a letter (for example \"orders\" or \"order-billing\")"),
  INVALID_WIRE_NAME(106, ERROR, "\"%s\" is not a valid wire name",
      "use a non-empty name of visible characters (no whitespace, control or format characters such as U+200B), "
          + "by convention \"<domain>.<TypeName>\""),
  DUPLICATE_WIRE_NAME(107, ERROR, "wire name \"%s\" of %s is already used by %s",
      "give one of them a distinct @WireName: a wire name identifies exactly one message type"),
  MESSAGE_GENERIC(108, ERROR, "%s declares type parameters",
      "message types are concrete: remove the type parameters"),
  MESSAGE_NOT_ACCESSIBLE(109, ERROR, "%s is not public (or is nested in a type that is not public)",
      "make the message type public so that the generated module and other services can use it"),
  UNSUPPORTED_FIELD_TYPE(110, ERROR, "field '%s' of %s has type %s, which the JSON codec cannot handle: %s",
      "use a record, an enum, a primitive or its box, String, UUID, BigDecimal, BigInteger, Instant, LocalDate, "
          + "LocalTime, LocalDateTime, OffsetDateTime, ZonedDateTime, Duration, Period, an Optional component, a List "
          + "or Set of these, a Map of them with String, UUID, enum or integral keys, or a primitive array"),
  PARTITION_KEY_TWICE(111, ERROR, "%s marks more than one component with @PartitionKey ('%s' and '%s')",
      "keep @PartitionKey on the one component that identifies the aggregate"),
  PARTITION_KEY_OUTSIDE_MESSAGE(113, ERROR, "@PartitionKey on %s is not on a component of a message record",
      "put @PartitionKey on the record component that holds the aggregate id, in the header of a record that "
          + "implements Command or Event"),
  INVALID_PRIORITY(114, ERROR, "@Priority(%d) on %s is outside 0..9",
      "use 0 (lowest, the default) to 9 (highest), the range of AMQP priorities that RabbitMQ honours"),
  INVALID_TIME_TO_LIVE(115, ERROR, "@TimeToLive(\"%s\") on %s is not a positive ISO-8601 duration",
      "write a positive java.time.Duration text such as \"PT30S\" (30 seconds), \"PT15M\" or \"P1D\""),
  PARTITION_KEY_TYPE(112, ERROR, "@PartitionKey component '%s' of %s has type %s",
      "use a String, UUID, int, long, Integer, Long or enum component as the partition key"),

  HANDLER_WITHOUT_MESSAGE(120, ERROR, "@Handles method %s has no message parameter",
      "declare the handled message (a Command or Event record) as the first parameter"),
  HANDLER_TOO_MANY_PARAMETERS(121, ERROR, "@Handles method %s has %d parameters",
      "declare (Message) or (Message, HandlerContext): one message per handler method"),
  HANDLER_WRONG_SECOND_PARAMETER(122, ERROR, "the second parameter of @Handles method %s has type %s",
      "the only allowed second parameter is io.whizbang.runtime.dispatch.HandlerContext"),
  HANDLER_NOT_VOID(123, ERROR, "@Handles method %s returns %s",
      "return void; send commands and publish events through the HandlerContext parameter"),
  HANDLER_PRIVATE_OR_STATIC(124, ERROR, "@Handles method %s is %s",
      "make it a non-private instance method: the generated dispatcher calls it on the handler instance"),
  HANDLER_CLASS_SHAPE(125, ERROR, "handler class %s is %s",
      "make it a non-private, non-abstract, non-generic top-level or static nested class"),
  COMMAND_HANDLED_OUTSIDE_OWNER(126, ERROR, "%s handles command %s of domain \"%s\", which this service does not own%s",
      "handle a command only in the service that owns its domain: add \"%s\" to @WhizbangService(owns = ...) "
          + "or move the handler to that service"),
  COMMAND_HANDLED_TWICE(127, ERROR, "command %s is handled by both %s and %s",
      "a command has exactly one handler per service: remove one of the @Handles methods"),
  MESSAGE_HANDLED_TWICE_IN_CLASS(128, ERROR, "%s is handled twice in %s (by %s and %s)",
      "merge the two methods into one"),
  MESSAGE_WITHOUT_CODEC(129, ERROR, "%s has no generated codec (%s not found)",
      "compile the module that declares %s with the Whizbang annotation processor"),
  HANDLER_PARAMETER_NOT_A_MESSAGE(130, ERROR,
      "the first parameter of @Handles method %s has type %s, which is not a message record",
      "handle a record that implements Command or Event: the dispatcher picks the method by the record's wire "
          + "name, so an interface grouping messages (or Event itself) cannot be handled"),

  PROJECTION_HANDLES_COMMAND(131, ERROR, "projection %s handles command %s",
      "projections fold events only: handle the command in a plain handler class of its owning service"),
  PROJECTION_FOREIGN_EVENT(132, ERROR, "projection %s has source \"%s\" but handles %s of domain \"%s\"",
      "a projection folds the events of its source domain only: handle it in another projection or class"),
  INVALID_PROJECTION_NAME(133, ERROR, "\"%s\" is not a valid projection name",
      "use lower-case letters, digits and '-', starting with a letter (for example \"order-analytics\")"),
  PROJECTION_WITHOUT_HANDLERS(134, WARNING, "projection %s has no @Handles methods",
      "add a @Handles method for each event of \"%s\" it folds"),

  SERVICE_WITHOUT_CONTENTS(135, WARNING,
      "service \"%s\" has no message types or handlers in this compilation: its module %s registers nothing",
      "declare the service's message records and @Handles classes in this compilation, or remove @WhizbangService"),
  MULTIPLE_SERVICES(140, ERROR, "@WhizbangService is declared more than once in this compilation (also on %s)",
      "declare @WhizbangService once per compilation, on package-info.java or one class"),
  INVALID_SERVICE_NAME(141, ERROR, "\"%s\" is not a valid service name",
      "use lower-case letters, digits and '-', starting with a letter (for example \"shipping\")"),
  NO_MODULE_PACKAGE(142, ERROR, "cannot choose a package for the generated module: the message types share no package",
      "add @WhizbangService(name = ...) to the package-info.java of the package the module should live in"),
  LATE_TYPE(143, ERROR, "%s appeared in a processing round after the module was generated",
      "make the processor that generates %s run before the Whizbang processor, or declare the type in source"),
  GENERATED_NAME_CLASH(144, ERROR, "the class %s generated for %s would clash with %s",
      "rename one of the types: generated names join nested type names with '_', so Order.Line and a top-level "
          + "Order_Line both give Order_Line_JsonCodec"),
  AGGREGATE_SHAPE(160, ERROR, "@EventSourced type %s is %s",
      "make it a non-private, non-abstract, non-generic record or class, top-level or static nested"),
  INVALID_CATEGORY(161, ERROR, "\"%s\" is not a valid stream category",
      "use a non-empty name of visible characters (no whitespace, control or format characters), or leave "
          + "category empty for \"<domain>.<TypeName>\""),
  AGGREGATE_WITHOUT_INITIAL(162, ERROR, "@EventSourced type %s has no initial-state factory",
      "declare 'static %s initial(String id)' returning the state before the first event"),
  INITIAL_SHAPE(163, ERROR, "initial-state factory %s %s",
      "declare it as 'static %s initial(String id)', not private"),
  APPLIER_PRIVATE_OR_STATIC(164, ERROR, "@Applies method %s is %s",
      "make it a non-private instance method: the generated aggregate type calls it on the current state"),
  APPLIER_PARAMETERS(165, ERROR, "@Applies method %s has %d parameters",
      "take exactly one parameter, the event it applies"),
  APPLIER_PARAMETER_NOT_AN_EVENT(166, ERROR, "the parameter of @Applies method %s has type %s, which is not an event",
      "apply a record that implements Event; an aggregate's state changes only through its own events"),
  APPLIER_RETURN(167, ERROR, "@Applies method %s returns %s",
      "return the next state (%s)%s"),
  EVENT_APPLIED_TWICE(168, ERROR, "%s is applied twice in %s (by %s and %s)",
      "merge the two methods into one: replay calls exactly one applier per event"),
  AGGREGATE_WITHOUT_APPLIERS(169, ERROR, "@EventSourced type %s has no @Applies methods",
      "add an @Applies method for each event the aggregate raises"),
  APPLIES_OUTSIDE_AGGREGATE(170, ERROR, "@Applies method %s is declared in %s, which is not @EventSourced",
      "annotate the state type with @EventSourced, or use @Handles for a message handler"),
  AGGREGATE_MIXED_DOMAINS(171, ERROR, "%s applies %s of domain \"%s\" and %s of domain \"%s\"",
      "an aggregate's events belong to the one domain that owns the aggregate: move the event or the applier"),
  AGGREGATE_OUTSIDE_OWNER(172, ERROR, "%s applies events of domain \"%s\", which this service does not own%s",
      "raise events only in the service that owns their domain: add \"%s\" to @WhizbangService(owns = ...) "
          + "or move the aggregate to that service"),
  PARTITION_KEYS_DIFFER(173, ERROR, "%s applies %s keyed by '%s' and %s keyed by '%s'",
      "mark the component holding the aggregate id with @PartitionKey in every event it applies: the events of "
          + "one stream must share a partition to stay in order"),
  DUPLICATE_CATEGORY(174, ERROR, "stream category \"%s\" of %s is already used by %s",
      "give one of them a distinct @EventSourced(category = ...): a category names exactly one aggregate type"),
  AGGREGATE_EVENT_TIME_TO_LIVE(175, WARNING, "%s applies %s, which has @TimeToLive: an aggregate's events are stored"
      + " in the event store and published without expiry",
      "remove @TimeToLive from the event (it is history), or schedule or publish a separate message with a time to"
          + " live from a handler of the event"),
  BASELINE_COMPONENT_REMOVED(180, ERROR, "event %s no longer has the required component '%s' of the schema baseline",
      "keep writing the component until no consumer built against the baseline remains, then refresh the baseline "
          + "(docs/schemas.md); a renamed component is a new one, so keep the old name too"),
  BASELINE_TYPE_CHANGED(181, ERROR, "'%s' of %s was %s in the schema baseline and is %s now",
      "add a component with the new type beside the old one, or refresh the baseline once no reader or writer of "
          + "the old form remains"),
  BASELINE_NEW_REQUIRED(182, ERROR, "'%s' of %s is required but is not in the schema baseline: %s",
      "mark it @Nullable or make it Optional: a message without it then reads as null or empty"),
  BASELINE_REQUIREDNESS_CHANGED(183, ERROR, "'%s' of %s %s",
      "keep it as the baseline has it, or refresh the baseline once no reader or writer of the old form remains"),
  BASELINE_ENUM_CONSTANTS(184, ERROR, "the constants of '%s' of %s changed from the schema baseline: %s",
      "keep every constant of the baseline (and, in an event, add new ones only once every consumer knows them), "
          + "or refresh the baseline"),
  BASELINE_WIRE_NAME(185, ERROR, "%s is \"%s\" in the schema baseline but its wire name is \"%s\" now",
      "restore @WireName(\"%s\"): consumers and stored messages know the message by it"),
  BASELINE_OWNER(186, ERROR, "%s is %s of domain \"%s\" in the schema baseline and %s of domain \"%s\" now",
      "keep its kind and owning domain, which decide its channel and who handles it; declare a new message type "
          + "instead"),
  BASELINE_PARTITION_KEY(187, ERROR, "%s is partitioned by %s in the schema baseline and by %s now",
      "keep @PartitionKey on the baseline's component: the messages of one aggregate keep their order only while "
          + "they keep their key"),
  BASELINE_UNREADABLE(188, ERROR, "the schema baseline %s cannot be read: %s",
      "point -Awhizbang.schemaBaseline at a folder of the .schema.json files the processor writes to "
          + "META-INF/whizbang/schemas/ (docs/schemas.md)"),
  VERSION_INVALID(190, ERROR, "@MessageVersion on %s: %s",
      "number a message's versions from 1; keep each older version as a record that is not a message, annotated "
          + "@MessageVersion(value = <n>, of = <Message>.class) with n below the message's own version"),
  VERSION_WITHOUT_UPCASTER(191, ERROR, "%s is version %d of %s but has no @Upcasts method from version %d",
      "declare 'static %s from(<the record of version %d> old)' in %s: every older version is read through the "
          + "chain of upcasters, one version at a time"),
  VERSION_DECLARED_TWICE(192, ERROR, "%s and %s are both version %d of %s",
      "keep one record per version: the chain of upcasters reads each version through exactly one record"),
  UPCASTERS_TWICE(193, ERROR, "%s has two @Upcasts methods (%s and %s)",
      "keep one: a version is made from the previous one in exactly one way"),
  UPCASTER_SHAPE(194, ERROR, "@Upcasts method %s %s",
      "declare it as 'static <Version n+1> from(<Version n> old)', not private, in the record of the version it "
          + "returns (the message type itself for the last step)"),
  UPCASTER_PARAMETER(195, ERROR, "the parameter of @Upcasts method %s has type %s, which is not version %d of %s",
      "take the record of version %d, annotated @MessageVersion(value = %d, of = %s.class): an upcaster moves a "
          + "message exactly one version forward"),
  UPCASTER_RETURN(196, ERROR, "@Upcasts method %s returns %s, not the record it is declared in (%s)",
      "return the version this record is (%s), built from the previous one: an upcaster moves a message exactly "
          + "one version forward, never back"),
  UNRESOLVED_TYPE(150, ERROR, "%s refers to a type that could not be resolved: %s",
      "check the imports and the classpath; a generated type must be produced by an annotation processor"),
  INTERNAL_ERROR(199, ERROR, "the Whizbang processor failed unexpectedly: %s",
      "please report this with the stack trace below");

  private final String code;
  private final String message;
  private final String fix;
  private final Diagnostic.Kind kind;

  Problem(int code, Diagnostic.Kind kind, String message, String fix) {
    this.code = "WB" + code;
    this.kind = kind;
    this.message = message;
    this.fix = fix;
  }

  /** The stable code, for example {@code WB101}. */
  public String code() {
    return code;
  }

  /** ERROR fails the build; WARNING is for code that works but is very likely not what was meant. */
  public Diagnostic.Kind kind() {
    return kind;
  }

  /**
   * The printed text, {@code [WB101] <what is wrong>. Fix: <what to do>}. Arguments fill the message first and
   * then the fix, in order.
   */
  public String format(Object... args) {
    int messageArgs = countPlaceholders(message);
    Object[] first = java.util.Arrays.copyOfRange(args, 0, Math.min(messageArgs, args.length));
    Object[] rest = args.length > messageArgs
        ? java.util.Arrays.copyOfRange(args, messageArgs, args.length) : new Object[0];
    return "[" + code + "] " + String.format(message, first) + ". Fix: " + String.format(fix, rest);
  }

  private static int countPlaceholders(String template) {
    int count = 0;
    for (int i = template.indexOf('%'); i >= 0; i = template.indexOf('%', i + 2)) {
      count++;
    }
    return count;
  }
}
