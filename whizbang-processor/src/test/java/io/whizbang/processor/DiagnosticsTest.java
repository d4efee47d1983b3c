package io.whizbang.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.whizbang.processor.BadInputs.assertExactlyOne;
import static io.whizbang.processor.BadInputs.assertOnlyError;

import com.google.testing.compile.Compilation;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every diagnostic about messages, handlers, projections and services (aggregates: {@link AggregateDiagnosticsTest}):
 * its stable code, the file and the line it points at, and the words that tell the user what to fix. Each input
 * under src/test/resources/bad/ holds exactly one mistake, so exactly one error (or, for a warning's input, one
 * warning) is expected.
 */
class DiagnosticsTest {

  @Test
  void messageTypeWithoutOwner() {
    assertOnlyError("NoOwner", "WB101", "public record NoOwner", "test.NoOwner has no owning domain",
        "add @OwnedBy(\"<domain>\") to the type, or to the package-info.java");
  }

  @Test
  void messageTypeThatIsNotARecord() {
    assertOnlyError("NotARecord", "WB102", "public final class NotARecord", "implements Event but is not a record");
  }

  @Test
  void messageTypeThatIsBothCommandAndEvent() {
    assertOnlyError("BothKinds", "WB103", "public record BothKinds", "implements both Command and Event");
  }

  @Test
  void ownedByOnATypeThatIsNoMessage() {
    assertOnlyError("OwnedByNonMessage", "WB104", "@OwnedBy(\"orders\")", "implements neither Command nor Event");
  }

  @Test
  void invalidDomainNameIsReportedOnTheAnnotationValue() {
    assertOnlyError("InvalidDomain", "WB105", "@OwnedBy(\"Order Service\")",
        "\"Order Service\" is not a valid domain name", "lower-case letters, digits and '-'");
  }

  @Test
  void invalidWireName() {
    assertOnlyError("InvalidWireName", "WB106", "@WireName(\"orders placed\")", "not a valid wire name");
  }

  @Test
  void duplicateWireNames() {
    assertOnlyError("DuplicateWireNames", "WB107", "public record OrderWasPlaced",
        "wire name \"orders.OrderPlaced\" of test.DuplicateWireNames.OrderWasPlaced is already used by "
            + "test.DuplicateWireNames.OrderPlaced", "give one of them a distinct @WireName");
  }

  @Test
  void genericMessageType() {
    assertExactlyOne(Diagnostic.Kind.ERROR, "MessageGeneric",
        "public record MessageGeneric<T>", "[WB108] test.MessageGeneric declares type parameters. Fix: message "
            + "types are concrete: remove the type parameters");
  }

  @Test
  void messageTypeThatIsNotPublic() {
    assertOnlyError("NotPublicMessage", "WB109", "record NotPublicMessage", "is not public");
  }

  @Test
  void fieldTypeTheCodecCannotHandleNamesTheFieldAndTheType() {
    assertOnlyError("UnsupportedFieldType", "WB110", "java.io.File attachment",
        "field 'attachment' of test.UnsupportedFieldType has type java.io.File");
  }

  @Test
  void mapKeyTheCodecCannotHandle() {
    assertOnlyError("UnsupportedMapKey", "WB110", "Map<Double, String> pricesByWeight",
        "field 'pricesByWeight'", "map keys must be String, UUID, an enum or an integral type");
  }

  @Test
  void unsupportedFieldOfAContainedRecordIsReportedOnThatRecord() {
    assertOnlyError("UnsupportedNestedField", "WB110", "public record Line(String sku, Object extra)",
        "field 'extra' of test.UnsupportedNestedField.Line has type java.lang.Object");
  }

  @Test
  void rawCollectionIsAnUnsupportedFieldTypeNotACrash() {
    assertOnlyError("RawCollection", "WB110", "java.util.List items",
        "field 'items' of test.RawCollection has type java.util.List", "a raw List does not say what it holds");
  }

  @Test
  void nestedAndTopLevelTypesThatGiveOneGeneratedName() {
    assertOnlyError("GeneratedNameClash", "WB144", "record GeneratedNameClash_Line",
        "the class test.GeneratedNameClash_Line_JsonCodec generated for test.GeneratedNameClash_Line would clash "
            + "with the one generated for test.GeneratedNameClash.Line");
  }

  @Test
  void partitionKeyOnTwoComponents() {
    assertOnlyError("PartitionKeyTwice", "WB111", "public record PartitionKeyTwice",
        "more than one component with @PartitionKey ('orderId' and 'customerId')");
  }

  @Test
  void partitionKeyOfAnUnsupportedType() {
    assertOnlyError("PartitionKeyType", "WB112", "@PartitionKey double weight",
        "@PartitionKey component 'weight' of test.PartitionKeyType has type double");
  }

  @Test
  void handlerMethodWithoutParameters() {
    assertOnlyError("HandlerWithoutParameters", "WB120", "void onNothing()", "has no message parameter");
  }

  @Test
  void handlerMethodWithTooManyParameters() {
    assertOnlyError("HandlerTooManyParameters", "WB121", "String extra", "has 3 parameters");
  }

  @Test
  void handlerMethodWithAWrongSecondParameter() {
    assertOnlyError("HandlerWrongSecondParameter", "WB122", "String context",
        "the second parameter of @Handles method HandlerWrongSecondParameter.on(...) has type java.lang.String",
        "io.whizbang.runtime.dispatch.HandlerContext");
  }

  @Test
  void handlerMethodThatReturnsAValue() {
    assertOnlyError("HandlerNotVoid", "WB123", "boolean on(OrderPlaced event)", "returns boolean", "return void");
  }

  @Test
  void privateHandlerMethod() {
    assertOnlyError("HandlerPrivate", "WB124", "private void on", "HandlerPrivate.on(...) is private");
  }

  @Test
  void staticHandlerMethod() {
    assertOnlyError("HandlerStatic", "WB124", "static void on", "HandlerStatic.on(...) is static");
  }

  @Test
  void handlerMethodWhoseParameterIsNoMessage() {
    assertOnlyError("HandlerParameterNotMessage", "WB130", "String notAMessage",
        "has type java.lang.String, which is not a message");
  }

  @Test
  void handlerParameterThatIsAnInterfaceGroupingEvents() {
    assertOnlyError("HandlerParameterInterface", "WB130", "void onAny(OrderEvent event)",
        "has type test.HandlerParameterInterface.OrderEvent, which is not a message record");
  }

  @Test
  void handlerParameterThatIsEventItself() {
    assertOnlyError("HandlerParameterEvent", "WB130", "void onAnything(Event event)",
        "has type io.whizbang.annotations.Event, which is not a message record");
  }

  @Test
  void partitionKeyOnAMethod() {
    assertOnlyError("PartitionKeyOnMethod", "WB113", "public String key()",
        "@PartitionKey on method PartitionKeyOnMethod.key() is not on a component of a message record");
  }

  @Test
  void partitionKeyOnARecordThatIsNoMessage() {
    assertOnlyError("PartitionKeyOutsideMessage", "WB113", "@PartitionKey String orderId",
        "@PartitionKey on component 'orderId' of test.PartitionKeyOutsideMessage is not on a component of a message "
            + "record");
  }

  @Test
  void wireNameOnATypeThatIsNoMessage() {
    assertOnlyError("WireNameOnNonMessage", "WB104", "@WireName(\"orders.OrderPlaced\")",
        "test.WireNameOnNonMessage is annotated @WireName but implements neither Command nor Event");
  }

  @Test
  void wireNameWithAnInvisibleCharacterShowsIt() {
    assertOnlyError("InvisibleWireName", "WB106", "@WireName(", "\"orders.Order\\u200BPlaced\" is not a valid wire "
        + "name", "no whitespace, control or format characters");
  }

  @Test
  void handlerMethodsInALocalClass() {
    assertOnlyError("HandlerInLocalClass", "WB125", "@Handles", "handler class local class Local is local or "
        + "anonymous");
  }

  @Test
  void handlerMethodsInAnAnonymousClass() {
    assertOnlyError("HandlerInAnonymousClass", "WB125", "@Handles", "handler class an anonymous class is local or "
        + "anonymous");
  }

  @Test
  void privateHandlerClass() {
    assertOnlyError("HandlerClassPrivate", "WB125", "private static final class Hidden", "is private");
  }

  @Test
  void abstractHandlerClass() {
    assertOnlyError("HandlerClassAbstract", "WB125", "public abstract class HandlerClassAbstract", "is abstract");
  }

  @Test
  void genericHandlerClass() {
    assertOnlyError("HandlerClassGeneric", "WB125", "public final class HandlerClassGeneric<T>", "is generic");
  }

  @Test
  void innerHandlerClass() {
    assertOnlyError("HandlerClassInner", "WB125", "final class Inner", "an inner (non-static) class");
  }

  @Test
  void commandHandledOutsideItsOwningService() {
    assertOnlyError("CommandOutsideOwner", "WB126", "void place(PlaceOrder command)",
        "handles command PlaceOrder of domain \"orders\", which this service does not own",
        "add \"orders\" to @WhizbangService(owns = ...)");
  }

  @Test
  void commandHandledInACompilationWithoutService() {
    assertOnlyError("CommandWithoutService", "WB126", "void place(PlaceOrder command)",
        "this compilation declares no @WhizbangService");
  }

  @Test
  void twoHandlersForOneCommand() {
    assertOnlyError("CommandHandledTwice", "WB127", "void placeAgain(PlaceOrder command)",
        "command PlaceOrder is handled by both First.place and Second.placeAgain");
  }

  @Test
  void oneMessageHandledTwiceInOneClass() {
    assertOnlyError("HandledTwiceInClass", "WB128", "void alsoOn(OrderPlaced event)",
        "OrderPlaced is handled twice in HandledTwiceInClass (by on and alsoOn)");
  }

  @Test
  void projectionHandlingACommand() {
    assertOnlyError("ProjectionHandlesCommand", "WB131", "void on(PlaceOrder command)",
        "projection ProjectionHandlesCommand handles command PlaceOrder", "projections fold events only");
  }

  @Test
  void projectionHandlingAnEventOfAnotherDomain() {
    assertOnlyError("ProjectionForeignEvent", "WB132", "void on(ParcelShipped event)",
        "has source \"orders\" but handles ParcelShipped of domain \"shipping\"");
  }

  @Test
  void invalidProjectionName() {
    assertOnlyError("InvalidProjectionName", "WB133", "@Projection(name = \"Order List\"",
        "\"Order List\" is not a valid projection name");
  }

  @Test
  void projectionWithoutHandlesMethodsIsAWarning() {
    assertExactlyOne(Diagnostic.Kind.WARNING, "ProjectionWithoutHandlers",
        "public final class ProjectionWithoutHandlers", "[WB134] projection test.ProjectionWithoutHandlers has no "
            + "@Handles methods. Fix: add a @Handles method for each event of \"orders\" it folds");
  }

  @Test
  void serviceWithoutMessagesOrHandlersIsAWarning() {
    assertExactlyOne(Diagnostic.Kind.WARNING, "ServiceWithoutContents",
        "public final class ServiceWithoutContents", "[WB135] service \"shipping\" has no message types or "
            + "handlers in this compilation: its module WhizbangModule_Shipping registers nothing. Fix: declare the "
            + "service's message records and @Handles classes in this compilation, or remove @WhizbangService");
  }

  @Test
  void messagesAndHandlersInUnrelatedPackagesWithoutAService() {
    BadInputs.Compiled compiled = BadInputs.compile("NoModulePackage");
    assertExactlyOne(Diagnostic.Kind.ERROR, compiled, compiled.source("orders/OrderPlaced.java"),
        "public record OrderPlaced", "[WB142] cannot choose a package for the generated module: the message types "
            + "share no package. Fix: add @WhizbangService(name = ...) to the package-info.java of the package the "
            + "module should live in");
  }

  @Test
  void moreThanOneServiceInACompilation() {
    assertOnlyError("MultipleServices", "WB140", "@WhizbangService(name = \"shipping\"",
        "@WhizbangService is declared more than once in this compilation (also on test.MultipleServices)");
  }

  @Test
  void invalidServiceName() {
    assertOnlyError("InvalidServiceName", "WB141", "@WhizbangService(name = \"Orders_Service\"",
        "\"Orders_Service\" is not a valid service name");
  }

  @Test
  void aTypeThatIsNeverGeneratedIsReportedWhenProcessingIsOver() {
    BadInputs.Compiled compiled = BadInputs.compile("UnresolvedType");
    JavaFileObject source = compiled.source();
    Compilation compilation = compiled.compilation();

    assertThat(compilation).failed();
    // javac reports the missing symbol itself; the processor adds why it could not generate the codec.
    assertThat(compilation).hadErrorContaining("[WB150] test.UnresolvedType refers to a type that could not be "
        + "resolved: NeverGenerated").inFile(source).onLineContaining("public record UnresolvedType");
  }
}
