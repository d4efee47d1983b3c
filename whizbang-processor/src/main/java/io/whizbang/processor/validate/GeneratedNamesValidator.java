package io.whizbang.processor.validate;

import com.palantir.javapoet.ClassName;
import io.whizbang.processor.diagnostics.Problem;
import io.whizbang.processor.diagnostics.Reporter;
import io.whizbang.processor.model.AggregateModel;
import io.whizbang.processor.model.HandlerClassModel;
import io.whizbang.processor.model.Names;
import io.whizbang.processor.model.RecordModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;

/**
 * Checks that every class the processor is about to write has a name of its own. Generated names join nested
 * type names with '_', so {@code Order.Line} and a top-level {@code Order_Line} both ask for
 * {@code Order_Line_JsonCodec}; the Filer would fail on the second one with an exception instead of an error that
 * names the two types.
 */
public final class GeneratedNamesValidator {

  private final Reporter reporter;

  public GeneratedNamesValidator(Reporter reporter) {
    this.reporter = reporter;
  }

  /**
   * Reports each generated class that another generated class or a type of this compilation already uses.
   *
   * @param compiledTypes qualified names of the types declared in this compilation
   */
  public void validate(List<RecordModel> codecs, List<HandlerClassModel> handlers, List<AggregateModel> aggregates,
      Set<String> compiledTypes) {
    Map<String, ClassName> claimedBy = new HashMap<>();
    for (RecordModel record : codecs) {
      claim(record.codec(), record.type(), record.origin(), claimedBy, compiledTypes);
    }
    for (HandlerClassModel handler : handlers) {
      claim(handler.dispatcher(), handler.type(), handler.origin(), claimedBy, compiledTypes);
    }
    for (AggregateModel aggregate : aggregates) {
      claim(aggregate.aggregateType(), aggregate.type(), aggregate.origin(), claimedBy, compiledTypes);
    }
  }

  private void claim(ClassName generated, ClassName source, Element origin, Map<String, ClassName> claimedBy,
      Set<String> compiledTypes) {
    String name = generated.canonicalName();
    ClassName first = claimedBy.putIfAbsent(name, source);
    if (first != null) {
      reporter.report(Problem.GENERATED_NAME_CLASH, origin, name, source.canonicalName(),
          "the one generated for " + first.canonicalName());
    } else if (compiledTypes.contains(name)) {
      reporter.report(Problem.GENERATED_NAME_CLASH, origin, name, source.canonicalName(),
          "the type " + Names.display(generated) + " declared in this compilation");
    }
  }
}
