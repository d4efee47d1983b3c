package io.whizbang.spring.boot;

import io.whizbang.runtime.config.WhizbangSettingsException;
import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints bad {@code whizbang.*} properties as Spring Boot's start-up failure report: each key, then what to do. */
final class BadSettingsFailureAnalyzer extends AbstractFailureAnalyzer<WhizbangSettingsException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, WhizbangSettingsException cause) {
    String keys = cause.problems().stream()
        .map(p -> "  " + p.key() + (p.value() == null ? "" : " = " + p.value()) + "\n    " + p.accepted())
        .collect(Collectors.joining("\n"));
    return new FailureAnalysis("The Whizbang properties have " + cause.problems().size() + " problem(s):\n" + keys,
        "Correct the properties above; every whizbang.* key is listed in docs/configuration.md.", cause);
  }
}
