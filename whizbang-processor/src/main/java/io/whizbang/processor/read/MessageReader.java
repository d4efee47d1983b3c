package io.whizbang.processor.read;

import com.palantir.javapoet.ClassName;
import io.whizbang.processor.diagnostics.Problem;
import io.whizbang.processor.diagnostics.Reporter;
import io.whizbang.processor.model.DeliveryOptions;
import io.whizbang.processor.model.MessageModel;
import io.whizbang.processor.model.Names;
import io.whizbang.processor.model.PartitionKeyModel;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads command and event types: kind, owning domain, wire name, partition key and (for types of this
 * compilation) the record structure for the codec. Each type is read once; a failed read is remembered so that
 * handlers referring to it do not repeat the error.
 */
public final class MessageReader {

  private final Elements elements;
  private final Types types;
  private final Reporter reporter;
  private final DeliveryOptionsReader deliveryOptions;
  private final RecordReader records;
  private final Set<String> compiledTypes;
  private final Map<String, Optional<MessageModel>> read = new HashMap<>();

  public MessageReader(Elements elements, Types types, Reporter reporter, RecordReader records,
      Set<String> compiledTypes) {
    this.elements = elements;
    this.types = types;
    this.reporter = reporter;
    this.deliveryOptions = new DeliveryOptionsReader(elements, reporter);
    this.records = records;
    this.compiledTypes = compiledTypes;
  }

  /** Whether {@code type} claims to be a message (implements Command/Event, or is annotated @OwnedBy). */
  public boolean isCandidate(TypeElement type) {
    return implementsMarker(type, AnnotationValues.COMMAND) || implementsMarker(type, AnnotationValues.EVENT)
        || AnnotationValues.find(type, AnnotationValues.OWNED_BY).isPresent();
  }

  /** Whether {@code type} is a message type at all (a record or not). */
  public boolean isMessage(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return false;
    }
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    return implementsMarker(element, AnnotationValues.COMMAND) || implementsMarker(element, AnnotationValues.EVENT);
  }

  /**
   * Reads a message type; empty after reporting a problem, or when it is an interface that only groups messages
   * ({@code sealed interface OrderEvent extends Event}).
   */
  public Optional<MessageModel> read(TypeElement type) {
    String name = type.getQualifiedName().toString();
    Optional<MessageModel> cached = read.get(name);
    if (cached != null) {
      return cached;
    }
    Optional<MessageModel> model = readUncached(type);
    read.put(name, model);
    return model;
  }

  private Optional<MessageModel> readUncached(TypeElement type) {
    boolean command = implementsMarker(type, AnnotationValues.COMMAND);
    boolean event = implementsMarker(type, AnnotationValues.EVENT);
    Optional<AnnotationMirror> ownedBy = AnnotationValues.find(type, AnnotationValues.OWNED_BY);
    if (command && event) {
      reporter.report(Problem.MESSAGE_BOTH_KINDS, type, type.getQualifiedName());
      return Optional.empty();
    }
    if (!command && !event) {
      // @OwnedBy on an enclosing type owns the messages nested in it; anywhere else it is a mistake.
      if (!enclosesMessages(type)) {
        ownedBy.ifPresent(mirror -> reporter.report(Problem.OWNED_BY_ON_NON_MESSAGE, type, mirror, null,
            type.getQualifiedName(), "OwnedBy", "OwnedBy"));
      }
      return Optional.empty();
    }
    if (type.getKind() == ElementKind.INTERFACE) {
      return Optional.empty();
    }
    boolean ok = true;
    if (type.getKind() != ElementKind.RECORD) {
      reporter.report(Problem.MESSAGE_NOT_A_RECORD, type, type.getQualifiedName(), command ? "Command" : "Event");
      ok = false;
    }
    if (!type.getTypeParameters().isEmpty()) {
      reporter.report(Problem.MESSAGE_GENERIC, type, type.getQualifiedName());
      ok = false;
    }
    if (!isPublic(type)) {
      reporter.report(Problem.MESSAGE_NOT_ACCESSIBLE, type, type.getQualifiedName());
      ok = false;
    }
    Optional<String> domain = domain(type);
    ok &= domain.isPresent();
    if (!ok) {
      return Optional.empty();
    }
    ClassName className = ClassName.get(type);
    Optional<String> wireName = wireName(type, className, domain.get());
    Optional<Optional<PartitionKeyModel>> key = partitionKey(type);
    boolean inCompilation = compiledTypes.contains(type.getQualifiedName().toString());
    boolean structure = !inCompilation || records.read(type).isPresent();
    Optional<DeliveryOptions> delivery = deliveryOptions.read(type);
    if (wireName.isEmpty() || key.isEmpty() || !structure || delivery.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new MessageModel(className, command ? MessageModel.Kind.COMMAND : MessageModel.Kind.EVENT,
        domain.get(), wireName.get(), Names.codec(className), key.get(), inCompilation, type,
        AnnotationValues.version(elements, type), delivery.get()));
  }

  /** The @OwnedBy of the type, an enclosing type or the package, checked for a valid name. */
  private Optional<String> domain(TypeElement type) {
    for (Element e = type; e != null; e = e.getEnclosingElement()) {
      Optional<AnnotationMirror> mirror = AnnotationValues.find(e, AnnotationValues.OWNED_BY);
      if (mirror.isPresent()) {
        AnnotationValue value = AnnotationValues.value(elements, mirror.get(), "value");
        String domain = String.valueOf(value.getValue());
        if (!Names.isValidDomain(domain)) {
          reporter.report(Problem.INVALID_DOMAIN, e, mirror.get(), value, domain);
          return Optional.empty();
        }
        return Optional.of(domain);
      }
      if (e instanceof PackageElement) {
        break;
      }
    }
    reporter.report(Problem.MESSAGE_WITHOUT_OWNER, type, type.getQualifiedName());
    return Optional.empty();
  }

  private Optional<String> wireName(TypeElement type, ClassName className, String domain) {
    Optional<AnnotationMirror> mirror = AnnotationValues.find(type, AnnotationValues.WIRE_NAME);
    if (mirror.isEmpty()) {
      return Optional.of(Names.defaultWireName(domain, className));
    }
    AnnotationValue value = AnnotationValues.value(elements, mirror.get(), "value");
    String wireName = String.valueOf(value.getValue());
    if (!Names.isValidWireName(wireName)) {
      reporter.report(Problem.INVALID_WIRE_NAME, type, mirror.get(), value, Names.visible(wireName));
      return Optional.empty();
    }
    return Optional.of(wireName);
  }

  /** Empty after a report; otherwise the key, which may itself be absent. */
  private Optional<Optional<PartitionKeyModel>> partitionKey(TypeElement type) {
    RecordComponentElement keyComponent = null;
    for (RecordComponentElement component : type.getRecordComponents()) {
      // On the component, or (written on an explicit accessor, say) on one of its carriers.
      if (ComponentCarriers.of(component).stream()
          .noneMatch(e -> AnnotationValues.find(e, AnnotationValues.PARTITION_KEY).isPresent())) {
        continue;
      }
      if (keyComponent != null) {
        reporter.report(Problem.PARTITION_KEY_TWICE, RecordReader.site(component), type.getQualifiedName(),
            keyComponent.getSimpleName(), component.getSimpleName());
        return Optional.empty();
      }
      keyComponent = component;
    }
    if (keyComponent == null) {
      return Optional.of(Optional.empty());
    }
    Optional<PartitionKeyModel.Style> style = keyStyle(keyComponent.asType());
    if (style.isEmpty()) {
      reporter.report(Problem.PARTITION_KEY_TYPE, RecordReader.site(keyComponent), keyComponent.getSimpleName(),
          type.getQualifiedName(), keyComponent.asType());
      return Optional.empty();
    }
    return Optional.of(Optional.of(new PartitionKeyModel(keyComponent.getSimpleName().toString(), style.get())));
  }

  private Optional<PartitionKeyModel.Style> keyStyle(TypeMirror type) {
    if (type.getKind() == TypeKind.INT || type.getKind() == TypeKind.LONG) {
      return Optional.of(PartitionKeyModel.Style.PRIMITIVE);
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    switch (element.getQualifiedName().toString()) {
      case "java.lang.String":
        return Optional.of(PartitionKeyModel.Style.STRING);
      case "java.util.UUID":
      case "java.lang.Integer":
      case "java.lang.Long":
        return Optional.of(PartitionKeyModel.Style.OBJECT);
      default:
        return element.getKind() == ElementKind.ENUM
            ? Optional.of(PartitionKeyModel.Style.ENUM) : Optional.empty();
    }
  }

  private boolean enclosesMessages(TypeElement type) {
    for (TypeElement nested : javax.lang.model.util.ElementFilter.typesIn(type.getEnclosedElements())) {
      if (isMessage(nested.asType()) || enclosesMessages(nested)) {
        return true;
      }
    }
    return false;
  }

  private boolean implementsMarker(TypeElement type, String marker) {
    TypeElement markerType = elements.getTypeElement(marker);
    return markerType != null
        && types.isAssignable(types.erasure(type.asType()), types.erasure(markerType.asType()));
  }

  private static boolean isPublic(TypeElement type) {
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (!e.getModifiers().contains(Modifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }
}
