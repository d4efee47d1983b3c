package io.whizbang.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compilation whose only Whizbang types are records implementing Command or Event, without any Whizbang
 * annotation in its sources: the processor still runs, so such a record gets its codec, or its WB101.
 */
class UnannotatedMessagesTest {

  @TempDir Path dir;

  @Test
  void anUnannotatedEventWithoutOwnerIsReported() {
    JavaFileObject event = JavaFileObjects.forSourceLines("test.Shipped",
        "package test;",
        "public record Shipped(String id) implements io.whizbang.annotations.Event {}");

    Compilation compilation = Sources.compile(List.of(event));

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[WB101] test.Shipped has no owning domain").inFile(event)
        .onLineContaining("public record Shipped");
  }

  @Test
  void anUnannotatedEventOwnedThroughACompiledPackageInfoGetsItsCodec() throws IOException {
    Compilation packageInfo = Sources.compile(List.of(JavaFileObjects.forSourceLines("test.package-info",
        "@io.whizbang.annotations.OwnedBy(\"shipping\")",
        "package test;")));
    assertThat(packageInfo).succeededWithoutWarnings();
    Path classes = dir.resolve("classes/test");
    Files.createDirectories(classes);
    try (InputStream in = packageInfo.generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT, "test",
        "package-info.class").orElseThrow().openInputStream()) {
      Files.copy(in, classes.resolve("package-info.class"));
    }
    List<File> classpath = new ArrayList<>();
    classpath.add(dir.resolve("classes").toFile());
    DiskProject.libraryPath().forEach(path -> classpath.add(path.toFile()));

    Compilation compilation = Compiler.javac().withProcessors(Sources.processors()).withClasspath(classpath)
        .compile(JavaFileObjects.forSourceLines("test.Shipped",
            "package test;",
            "public record Shipped(String id) implements io.whizbang.annotations.Event {}"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.Shipped_JsonCodec").isNotNull();
    assertThat(compilation).generatedSourceFile("test.WhizbangModule_Test").contentsAsUtf8String()
        .contains("MessageType.event(\"shipping.Shipped\", \"shipping\"");
  }
}
