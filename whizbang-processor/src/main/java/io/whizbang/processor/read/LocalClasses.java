package io.whizbang.processor.read;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import io.whizbang.processor.diagnostics.Problem;
import io.whizbang.processor.diagnostics.Reporter;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;

/**
 * Finds Whizbang annotations on local and anonymous classes, which the processor cannot use (no generated code can
 * name them) and which the element API does not even show while annotation processing runs: they live in method
 * bodies, entered only later. So the source trees are scanned, and annotations are recognised by name (simple
 * name with an import of it or of its package, or the qualified name).
 *
 * <p>Uses the javac tree API when the compiler offers it; a build tool that wraps the processing environment
 * (Gradle) only loses this one check.
 */
public final class LocalClasses {

  private static final String PACKAGE = "io.whizbang.annotations";

  private final Trees trees;
  private final Reporter reporter;

  private LocalClasses(Trees trees, Reporter reporter) {
    this.trees = trees;
    this.reporter = reporter;
  }

  public static LocalClasses create(ProcessingEnvironment environment, Reporter reporter) {
    Trees trees;
    try {
      trees = Trees.instance(environment);
    } catch (IllegalArgumentException | LinkageError notJavac) {
      trees = null;
    }
    return new LocalClasses(trees, reporter);
  }

  /** Reports each local or anonymous class inside {@code topLevel} that carries Whizbang annotations. */
  public void check(TypeElement topLevel) {
    if (trees == null) {
      return;
    }
    TreePath path = trees.getPath(topLevel);
    if (path == null) {
      return;
    }
    CompilationUnitTree unit = path.getCompilationUnit();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        Tree parent = getCurrentPath().getParentPath().getLeaf();
        boolean member = parent instanceof ClassTree || parent instanceof CompilationUnitTree;
        if (!member) {
          report(tree, unit);
        }
        return super.visitClass(tree, unused);
      }
    }.scan(path, null);
  }

  private void report(ClassTree local, CompilationUnitTree unit) {
    String name = local.getSimpleName().length() == 0 ? "an anonymous class" : "local class " + local.getSimpleName();
    Optional<AnnotationTree> aggregate = annotation(local.getModifiers(), unit, "EventSourced");
    if (aggregate.isPresent()) {
      reporter.report(Problem.AGGREGATE_SHAPE, (kind, text) -> trees.printMessage(kind, text, aggregate.get(), unit),
          name, "local or anonymous");
      return;
    }
    Optional<AnnotationTree> projection = annotation(local.getModifiers(), unit, "Projection");
    if (projection.isPresent()) {
      reporter.report(Problem.HANDLER_CLASS_SHAPE,
          (kind, text) -> trees.printMessage(kind, text, projection.get(), unit), name, "local or anonymous");
      return;
    }
    for (Tree member : local.getMembers()) {
      if (member instanceof MethodTree method) {
        Optional<AnnotationTree> handles = annotation(method.getModifiers(), unit, "Handles");
        Optional<AnnotationTree> applies = annotation(method.getModifiers(), unit, "Applies");
        if (handles.isPresent()) {
          reporter.report(Problem.HANDLER_CLASS_SHAPE,
              (kind, text) -> trees.printMessage(kind, text, handles.get(), unit), name, "local or anonymous");
          return;
        }
        if (applies.isPresent()) {
          reporter.report(Problem.AGGREGATE_SHAPE,
              (kind, text) -> trees.printMessage(kind, text, applies.get(), unit), name, "local or anonymous");
          return;
        }
      }
    }
  }

  private static Optional<AnnotationTree> annotation(ModifiersTree modifiers, CompilationUnitTree unit,
      String simpleName) {
    for (AnnotationTree annotation : modifiers.getAnnotations()) {
      String written = annotation.getAnnotationType().toString();
      if (written.equals(PACKAGE + "." + simpleName) || written.equals(simpleName) && imports(unit, simpleName)) {
        return Optional.of(annotation);
      }
    }
    return Optional.empty();
  }

  private static boolean imports(CompilationUnitTree unit, String simpleName) {
    for (ImportTree imported : unit.getImports()) {
      String name = imported.getQualifiedIdentifier().toString();
      if (!imported.isStatic() && (name.equals(PACKAGE + "." + simpleName) || name.equals(PACKAGE + ".*"))) {
        return true;
      }
    }
    return false;
  }
}
