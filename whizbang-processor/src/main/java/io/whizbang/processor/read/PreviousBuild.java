package io.whizbang.processor.read;

import io.whizbang.processor.model.CompilationRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.StandardLocation;

/**
 * Reads back what the previous build of this compilation generated from (its {@link CompilationRecord} in the
 * class output), so that a build recompiling only a handler, or only one message record, still generates the
 * whole module. A recorded type is carried over only while its class file is in the class output: one whose
 * source was deleted is gone once the build tool removes its class, and a type that moved to a library is not
 * this compilation's any more.
 */
public final class PreviousBuild {

  private final Filer filer;
  private final Elements elements;

  public PreviousBuild(Filer filer, Elements elements) {
    this.filer = filer;
    this.elements = elements;
  }

  /** The record of the previous build, or {@link CompilationRecord#EMPTY} for a first or clean build. */
  public CompilationRecord record() {
    try (InputStream in = filer.getResource(StandardLocation.CLASS_OUTPUT, "", CompilationRecord.PATH)
        .openInputStream()) {
      return CompilationRecord.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException e) {
      // No previous build (or an output the file manager cannot read back): nothing to carry over.
      return CompilationRecord.EMPTY;
    }
  }

  /** The recorded types that this compilation does not declare itself, read from their class files. */
  public List<TypeElement> carriedTypes(CompilationRecord record, Set<String> declaredHere) {
    List<String> names = new ArrayList<>(record.messages());
    names.addAll(record.handlers());
    names.addAll(record.aggregates());
    List<TypeElement> carried = new ArrayList<>();
    for (String name : names) {
      if (declaredHere.contains(name)) {
        continue;
      }
      TypeElement type = elements.getTypeElement(name);
      if (type != null && inClassOutput(type)) {
        carried.add(type);
      }
    }
    return carried;
  }

  /** The element that declared {@code @WhizbangService} in the previous build, unless this compilation has it. */
  public Optional<Element> carriedService(CompilationRecord record, Set<Element> declaredHere) {
    return record.service().flatMap(this::serviceElement).filter(element -> !declaredHere.contains(element))
        .filter(element -> AnnotationValues.find(element, AnnotationValues.SERVICE).isPresent());
  }

  /** {@code package shop} or {@code type shop.App}, as {@link #describe} writes it. */
  private Optional<Element> serviceElement(String description) {
    if (description.startsWith("package ")) {
      return Optional.ofNullable(elements.getPackageElement(description.substring("package ".length())));
    }
    if (description.startsWith("type ")) {
      return Optional.ofNullable(elements.getTypeElement(description.substring("type ".length())));
    }
    return Optional.empty();
  }

  /** How the record names the element declaring the service. */
  public static String describe(Element service) {
    return service instanceof PackageElement p ? "package " + p.getQualifiedName()
        : "type " + ((TypeElement) service).getQualifiedName();
  }

  private boolean inClassOutput(TypeElement type) {
    String binary = elements.getBinaryName(type).toString();
    int dot = binary.lastIndexOf('.');
    String packageName = dot < 0 ? "" : binary.substring(0, dot);
    try (InputStream in = filer.getResource(StandardLocation.CLASS_OUTPUT, packageName,
        binary.substring(dot + 1) + ".class").openInputStream()) {
      return true;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }
}
