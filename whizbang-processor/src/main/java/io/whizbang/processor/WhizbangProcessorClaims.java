package io.whizbang.processor;

import com.google.auto.service.AutoService;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Claims the Whizbang annotations (and {@code @Generated}, which the generated classes carry), so that
 * {@code -Xlint:processing} (part of {@code -Xlint:all}) does not warn that no processor claimed them, and
 * {@code -Werror} builds pass. {@link WhizbangProcessor} itself handles every type ({@code "*"}) and so cannot
 * claim: claiming "*" would hide every other annotation from later processors.
 * Registered after it (services are listed in name order), so it never keeps the Whizbang processor from a round.
 */
@AutoService(Processor.class)
public final class WhizbangProcessorClaims extends AbstractProcessor {

  private static final String ANNOTATIONS = "io.whizbang.annotations.";

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(ANNOTATIONS + "OwnedBy", ANNOTATIONS + "WireName", ANNOTATIONS + "PartitionKey",
        ANNOTATIONS + "Handles", ANNOTATIONS + "Projection", ANNOTATIONS + "WhizbangService",
        ANNOTATIONS + "EventSourced", ANNOTATIONS + "Applies", ANNOTATIONS + "MessageVersion",
        ANNOTATIONS + "Upcasts", ANNOTATIONS + "Priority", ANNOTATIONS + "TimeToLive",
        // On the generated classes, read by no processor; unclaimed, it would warn in the round after generation.
        "javax.annotation.processing.Generated");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    return true;
  }
}
