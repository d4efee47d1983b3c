package io.whizbang.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A message that refers to a type another processor generates is retried in a later round instead of failing, and
 * its handler waits with it.
 */
class DeferredTypesTest {

  private static final JavaFileObject MESSAGE = JavaFileObjects.forSourceLines("test.PaymentTaken",
      "package test;",
      "",
      "import io.whizbang.annotations.Event;",
      "import io.whizbang.annotations.OwnedBy;",
      "",
      "@OwnedBy(\"payments\")",
      "public record PaymentTaken(String id, Money amount) implements Event {}");

  private static final JavaFileObject HANDLER = JavaFileObjects.forSourceLines("test.Receipts",
      "package test;",
      "",
      "import io.whizbang.annotations.Handles;",
      "",
      "final class Receipts {",
      "  @Handles",
      "  void on(PaymentTaken event) {}",
      "}");

  @Test
  void aTypeGeneratedByAnotherProcessorInALaterRoundIsNotAnError() {
    Compilation compilation = Sources.compile(List.of(MESSAGE, HANDLER), new MoneyGenerator());

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.PaymentTaken_JsonCodec").isNotNull();
    assertThat(compilation).generatedSourceFile("test.Money_JsonCodec").isNotNull();
    assertThat(compilation).generatedSourceFile("test.Receipts_Dispatcher").isNotNull();
    assertThat(compilation).generatedSourceFile("test.WhizbangModule_Test").contentsAsUtf8String()
        .contains("PaymentTaken_JsonCodec.INSTANCE");
  }

  @Test
  void anAggregateApplyingADeferredEventWaitsForIt() {
    JavaFileObject service = JavaFileObjects.forSourceLines("test.package-info",
        "@io.whizbang.annotations.WhizbangService(name = \"payments\", owns = \"payments\")",
        "package test;");
    JavaFileObject account = JavaFileObjects.forSourceLines("test.Account",
        "package test;",
        "",
        "import io.whizbang.annotations.Applies;",
        "import io.whizbang.annotations.EventSourced;",
        "",
        "@EventSourced",
        "public record Account(String id, long paid) {",
        "  static Account initial(String id) {",
        "    return new Account(id, 0);",
        "  }",
        "",
        "  @Applies",
        "  Account on(PaymentTaken event) {",
        "    return new Account(id, paid + event.amount().cents());",
        "  }",
        "}");

    Compilation compilation = Sources.compile(List.of(service, MESSAGE, account), new MoneyGenerator());

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.Account_AggregateType").contentsAsUtf8String()
        .contains("if (event instanceof PaymentTaken e)");
  }

  @Test
  void aMessageGeneratedAfterTheModuleWasWrittenIsAnError() {
    JavaFileObject trigger = JavaFileObjects.forSourceLines("test.Trigger",
        "package test;",
        "",
        "@io.whizbang.annotations.OwnedBy(\"payments\")",
        "public record Trigger(String id) implements io.whizbang.annotations.Event {}");

    Compilation compilation = Sources.compile(List.of(trigger), new LateMessageGenerator());

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[WB143] test.Late appeared in a processing round after the module "
        + "was generated");
  }

  /** Generates {@code test.Money} in its first round, as a value-type generator would. */
  static final class MoneyGenerator extends AbstractProcessor {
    private boolean done;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!done) {
        done = true;
        generate(processingEnv.getFiler(), "test.Money", "package test;\n\npublic record Money(long cents, String currency) {}\n");
      }
      return false;
    }
  }

  /** Generates a message type two rounds late, after the Whizbang module was written. */
  static final class LateMessageGenerator extends AbstractProcessor {
    private int round;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (++this.round == 2) {
        generate(processingEnv.getFiler(), "test.Late", "package test;\n\n@io.whizbang.annotations.OwnedBy(\"payments\")\n"
            + "public record Late(String id) implements io.whizbang.annotations.Event {}\n");
      }
      return false;
    }
  }

  private static void generate(javax.annotation.processing.Filer filer, String name, String source) {
    try (Writer out = filer.createSourceFile(name).openWriter()) {
      out.write(source);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
