package io.whizbang.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import io.whizbang.processor.diagnostics.Problem;
import io.whizbang.processor.diagnostics.Reporter;
import io.whizbang.processor.model.AggregateModel;
import io.whizbang.processor.model.CompilationRecord;
import io.whizbang.processor.model.HandlerClassModel;
import io.whizbang.processor.model.MessageModel;
import io.whizbang.processor.model.ModuleModel;
import io.whizbang.processor.model.RecordModel;
import io.whizbang.processor.model.ServiceModel;
import io.whizbang.processor.model.VersionChain;
import io.whizbang.processor.read.AggregateReader;
import io.whizbang.processor.read.Deferred;
import io.whizbang.processor.read.HandlerReader;
import io.whizbang.processor.read.KindStep;
import io.whizbang.processor.read.LocalClasses;
import io.whizbang.processor.read.MessageReader;
import io.whizbang.processor.read.ModuleReads;
import io.whizbang.processor.read.PreviousBuild;
import io.whizbang.processor.read.RecordReader;
import io.whizbang.processor.read.SchemaBaseline;
import io.whizbang.processor.read.ServiceReader;
import io.whizbang.processor.read.StrayAnnotations;
import io.whizbang.processor.read.VersionReader;
import io.whizbang.processor.validate.AggregateValidator;
import io.whizbang.processor.validate.CompilationValidator;
import io.whizbang.processor.validate.GeneratedNamesValidator;
import io.whizbang.processor.validate.SchemaCompatibility;
import io.whizbang.processor.write.AggregateTypeWriter;
import io.whizbang.processor.write.AsciiSource;
import io.whizbang.processor.write.CodecWriter;
import io.whizbang.processor.write.DispatcherWriter;
import io.whizbang.processor.write.GeneratedTypes;
import io.whizbang.processor.write.ModuleWriter;
import io.whizbang.processor.write.ServicesFile;
import io.whizbang.processor.write.schema.AsyncApiDocument;
import io.whizbang.processor.write.schema.MessageSchemas;
import io.whizbang.processor.write.schema.SchemaFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * Reads {@code @OwnedBy} message records, {@code @Handles} classes, {@code @Projection}s, {@code @EventSourced}
 * aggregates and the {@code @WhizbangService}, checks them, and generates JSON codecs, dispatchers, aggregate types
 * and one module per compilation.
 *
 * <p>Rounds: every round reads the new types (and the types deferred because they referred to a type not generated
 * yet), one {@link KindStep} per kind, each returning what it deferred. As soon as nothing is deferred, the whole
 * compilation is validated and every file is written at once; a round that brings new message, handler or aggregate
 * types after that is an error. Nothing ever propagates to javac: a crash is reported as an error with its stack
 * trace.
 */
@AutoService(Processor.class)
public final class WhizbangProcessor extends AbstractProcessor {

  private static final String ANNOTATIONS = "io.whizbang.annotations.";
  /** The {@code info.version} of the AsyncAPI document (the service's version, say); default 0.0.0. */
  static final String ASYNCAPI_VERSION_OPTION = "whizbang.asyncapiVersion";

  private Elements elements;
  private Filer filer;
  private Reporter reporter;
  private RecordReader records;
  private ServiceReader serviceReader;
  private VersionReader versionReader;
  private KindStep<MessageModel> messages;
  private KindStep<HandlerClassModel> handlers;
  private KindStep<AggregateModel> aggregates;
  /** Messages first, so that handlers and aggregates refer to message types already read (or deferred). */
  private List<KindStep<?>> steps;

  /** Qualified names of every type of this compilation seen so far, over all rounds. */
  private final Set<String> compiledTypes = new HashSet<>();
  /** Types to read again next round because they refer to a type that does not exist yet. */
  private Deferred deferred = Deferred.NONE;
  private Optional<ServiceModel> service = Optional.empty();
  private Optional<Element> serviceElement = Optional.empty();
  private boolean written;
  private PreviousBuild previousBuild;
  private StrayAnnotations strayAnnotations;
  private LocalClasses localClasses;
  /** What the previous build generated from; null until the first round read it. */
  private CompilationRecord previous;
  /** Whether generated classes may carry {@code @Generated} (see {@link ModuleReads}). */
  private Boolean generatedAnnotation;

  @Override
  public synchronized void init(ProcessingEnvironment processingEnv) {
    super.init(processingEnv);
    elements = processingEnv.getElementUtils();
    filer = processingEnv.getFiler();
    reporter = new Reporter(processingEnv.getMessager(), this::inCompilation);
    records = new RecordReader(elements, reporter, compiledTypes);
    MessageReader messageReader = new MessageReader(elements, processingEnv.getTypeUtils(), reporter, records,
        compiledTypes);
    serviceReader = new ServiceReader(elements, reporter);
    versionReader = new VersionReader(elements, processingEnv.getTypeUtils(), reporter, records, messageReader);
    messages = KindStep.messages(messageReader);
    handlers = KindStep.handlers(new HandlerReader(elements, reporter, messageReader));
    aggregates = KindStep.aggregates(new AggregateReader(elements, processingEnv.getTypeUtils(), reporter,
        messageReader));
    steps = List.of(messages, handlers, aggregates);
    previousBuild = new PreviousBuild(filer, elements);
    strayAnnotations = new StrayAnnotations(elements, reporter, messageReader);
    localClasses = LocalClasses.create(processingEnv, reporter);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    // Every type, not only annotated ones: a record implementing Command or Event needs its codec (or its WB101)
    // even when no Whizbang annotation appears in the sources compiled, as in a build that recompiles one record.
    return Set.of("*");
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(ASYNCAPI_VERSION_OPTION, SchemaBaseline.OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      if (round.processingOver()) {
        deferred.reportNeverResolved(elements, reporter);
      } else {
        processRound(round);
      }
    } catch (Throwable failure) {
      reporter.internalError(failure);
    }
    // Never claims: with "*" that would hide every annotation from later processors (WhizbangProcessorClaims
    // claims the Whizbang annotations alone).
    return false;
  }

  private void processRound(RoundEnvironment round) throws IOException {
    List<TypeElement> types = new ArrayList<>(deferred.retry(elements));
    deferred = Deferred.NONE;
    for (TypeElement type : ElementFilter.typesIn(round.getRootElements())) {
      collect(type, types);
    }
    if (previous == null) {
      // First round: complete a partial recompilation with the types the previous build generated code for.
      previous = previousBuild.record();
      Set<String> declared = new HashSet<>();
      types.forEach(type -> declared.add(type.getQualifiedName().toString()));
      previousBuild.carriedTypes(previous, declared).forEach(type -> collect(type, types));
    }
    types.forEach(type -> compiledTypes.add(type.getQualifiedName().toString()));
    if (generatedAnnotation == null && !types.isEmpty()) {
      // Every type of a compilation belongs to the one module being compiled.
      generatedAnnotation = ModuleReads.readsJavaCompiler(elements, types.get(0));
    }

    readService(round);
    strayAnnotations.check(round);
    ElementFilter.typesIn(round.getRootElements()).forEach(localClasses::check);
    if (written) {
      for (KindStep<?> step : steps) {
        step.candidates(types).forEach(type -> reporter.report(Problem.LATE_TYPE, type, type.getQualifiedName(),
            type.getQualifiedName()));
      }
      return;
    }
    Deferred deferredNow = Deferred.NONE;
    for (KindStep<?> step : steps) {
      deferredNow = deferredNow.and(step.read(step.candidates(types), deferredNow));
    }
    deferred = deferredNow;
    if (deferred.isEmpty()) {
      written = true;
      writeAll();
    }
  }

  private void readService(RoundEnvironment round) {
    TypeElement annotation = elements.getTypeElement(ANNOTATIONS + "WhizbangService");
    if (annotation == null) {
      return;
    }
    List<Element> declarations = new ArrayList<>(round.getElementsAnnotatedWith(annotation));
    if (serviceElement.isEmpty() && declarations.isEmpty()) {
      previousBuild.carriedService(previous, Set.copyOf(round.getRootElements())).ifPresent(declarations::add);
    }
    for (Element element : declarations) {
      Optional<ServiceModel> read = serviceReader.read(element, serviceElement);
      if (serviceElement.isEmpty()) {
        serviceElement = Optional.of(element);
        service = read;
      }
    }
  }

  private void writeAll() throws IOException {
    List<MessageModel> compiled = messages.models().stream().filter(MessageModel::inCompilation).toList();
    Optional<ModuleModel> module = new CompilationValidator(reporter)
        .validate(compiled, handlers.models(), service);
    List<AggregateModel> aggregateTypes = new AggregateValidator(reporter)
        .validate(aggregates.models(), service);
    // Before the names check: the records of older versions get codecs of their own.
    Map<com.palantir.javapoet.ClassName, VersionChain> versions = versionReader.read(compiled, compiledTypes);
    new GeneratedNamesValidator(reporter).validate(records.plannedCodecs(), handlers.models(),
        aggregateTypes, compiledTypes);
    if (reporter.hasErrors()) {
      // One build shows every error; generating half a module would only add follow-up errors.
      return;
    }
    MessageSchemas schemas = new MessageSchemas(records.plannedCodecs());
    checkBaseline(compiled, schemas);
    if (reporter.hasErrors()) {
      return;
    }
    GeneratedTypes generatedTypes = new GeneratedTypes(!Boolean.FALSE.equals(generatedAnnotation));
    CodecWriter codecWriter = new CodecWriter(generatedTypes);
    for (RecordModel record : records.plannedCodecs()) {
      write(codecWriter.write(record, Optional.ofNullable(versions.get(record.type()))));
    }
    DispatcherWriter dispatcherWriter = new DispatcherWriter(generatedTypes);
    for (HandlerClassModel handler : handlers.models()) {
      write(dispatcherWriter.write(handler));
    }
    AggregateTypeWriter aggregateTypeWriter = new AggregateTypeWriter(generatedTypes);
    for (AggregateModel aggregate : aggregateTypes) {
      write(aggregateTypeWriter.write(aggregate));
    }
    if (module.isPresent()) {
      write(new ModuleWriter(generatedTypes).write(module.get()));
      writeResource(ServicesFile.PATH, ServicesFile.contents(module.get()), module.get().origins());
    }
    writeSchemas(compiled, schemas, module);
    writeRecord(compiled, aggregateTypes);
  }

  /** With {@code -Awhizbang.schemaBaseline}: every change that breaks a reader or writer of the baseline is an error. */
  private void checkBaseline(List<MessageModel> compiled, MessageSchemas schemas) {
    try {
      SchemaBaseline.read(processingEnv.getOptions())
          .ifPresent(baseline -> new SchemaCompatibility(reporter, baseline, schemas).check(compiled));
    } catch (SchemaBaseline.Unreadable e) {
      Element where = serviceElement.orElse(compiled.isEmpty() ? null : compiled.get(0).origin());
      reporter.report(Problem.BASELINE_UNREADABLE, where, processingEnv.getOptions().get(SchemaBaseline.OPTION),
          e.getMessage());
    }
  }

  /** A JSON Schema per message type and the module's AsyncAPI document, under META-INF/whizbang/. */
  private void writeSchemas(List<MessageModel> compiled, MessageSchemas schemas, Optional<ModuleModel> module)
      throws IOException {
    for (MessageModel message : compiled) {
      writeResource(SchemaFiles.schemaPath(message.wireName()), schemas.text(message), List.of(message.origin()));
    }
    if (module.isPresent()) {
      String version = processingEnv.getOptions().getOrDefault(ASYNCAPI_VERSION_OPTION, "0.0.0");
      writeResource(SchemaFiles.ASYNCAPI, new AsyncApiDocument(version).text(module.get(), service.isPresent()), module.get().origins());
    }
  }

  /** A resource of the class output, in UTF-8 (as service files are by definition, whatever the source encoding). */
  private void writeResource(String path, String text, List<Element> origins) throws IOException {
    FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", path, origins.toArray(Element[]::new));
    try (OutputStream out = file.openOutputStream()) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Records what this build generated from, for a later build that recompiles only some of the sources. */
  private void writeRecord(List<MessageModel> compiled, List<AggregateModel> aggregateTypes) throws IOException {
    CompilationRecord record = new CompilationRecord(serviceElement.map(PreviousBuild::describe),
        compiled.stream().map(m -> m.type().canonicalName()).toList(),
        handlers.models().stream().map(h -> h.type().canonicalName()).toList(),
        aggregateTypes.stream().map(a -> a.type().canonicalName()).toList());
    if (record.isEmpty()) {
      return;
    }
    List<Element> origins = new ArrayList<>();
    serviceElement.ifPresent(origins::add);
    compiled.forEach(m -> origins.add(m.origin()));
    handlers.models().forEach(h -> origins.add(h.origin()));
    aggregateTypes.forEach(a -> origins.add(a.origin()));
    writeResource(CompilationRecord.PATH, record.text(), origins);
  }

  /** Writes one source file, ASCII only, so that it reads the same in any source encoding. */
  private void write(JavaFile file) throws IOException {
    String name = file.packageName().isEmpty() ? file.typeSpec().name()
        : file.packageName() + "." + file.typeSpec().name();
    JavaFileObject source = filer.createSourceFile(name,
        file.typeSpec().originatingElements().toArray(Element[]::new));
    try (Writer out = source.openWriter()) {
      out.write(AsciiSource.escape(file.toString()));
    }
  }

  /** Whether an element belongs to a type (or a package) of this compilation, not to a library on the class path. */
  private boolean inCompilation(Element element) {
    for (Element e = element; e != null; e = e.getEnclosingElement()) {
      if (e instanceof TypeElement type) {
        return compiledTypes.contains(type.getQualifiedName().toString());
      }
      if (e instanceof PackageElement pkg) {
        String prefix = pkg.getQualifiedName() + ".";
        return compiledTypes.stream().anyMatch(n -> n.startsWith(prefix) && n.indexOf('.', prefix.length()) < 0);
      }
    }
    return true;
  }

  private static void collect(TypeElement type, List<TypeElement> into) {
    into.add(type);
    for (TypeElement nested : ElementFilter.typesIn(type.getEnclosedElements())) {
      collect(nested, into);
    }
  }
}
