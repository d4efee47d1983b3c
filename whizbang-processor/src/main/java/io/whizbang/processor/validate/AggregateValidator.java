package io.whizbang.processor.validate;

import io.whizbang.processor.diagnostics.Problem;
import io.whizbang.processor.diagnostics.Reporter;
import io.whizbang.processor.model.AggregateModel;
import io.whizbang.processor.model.ApplierModel;
import io.whizbang.processor.model.MessageModel;
import io.whizbang.processor.model.Names;
import io.whizbang.processor.model.PartitionKeyModel;
import io.whizbang.processor.model.ServiceModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that each aggregate belongs to one domain its service owns and that its events share one partition key,
 * then settles its stream category. Every problem is reported before the result is returned.
 */
public final class AggregateValidator {

  private final Reporter reporter;

  public AggregateValidator(Reporter reporter) {
    this.reporter = reporter;
  }

  /** The aggregates with their categories; only the valid ones are returned, problems are reported. */
  public List<AggregateModel> validate(List<AggregateModel> aggregates, Optional<ServiceModel> service) {
    List<AggregateModel> valid = new ArrayList<>();
    Map<String, AggregateModel> byCategory = new HashMap<>();
    for (AggregateModel aggregate : aggregates) {
      Optional<String> domain = oneDomain(aggregate);
      if (domain.isEmpty() || !owned(aggregate, domain.get(), service) || !oneKey(aggregate)) {
        continue;
      }
      AggregateModel resolved = aggregate.category().isEmpty()
          ? aggregate.withCategory(Names.defaultCategory(domain.get(), aggregate.type())) : aggregate;
      AggregateModel first = byCategory.putIfAbsent(resolved.category(), resolved);
      if (first != null) {
        reporter.report(Problem.DUPLICATE_CATEGORY, aggregate.origin(), resolved.category(),
            aggregate.type().canonicalName(), first.type().canonicalName());
        continue;
      }
      valid.add(resolved);
      warnOfTimeToLive(resolved);
    }
    return valid;
  }

  /** A time to live on an event the aggregate saves would be silently ignored: the repository sets no expiry. */
  private void warnOfTimeToLive(AggregateModel aggregate) {
    for (ApplierModel applier : aggregate.appliers()) {
      MessageModel event = applier.event();
      if (event.delivery().timeToLive().isPresent()) {
        reporter.report(Problem.AGGREGATE_EVENT_TIME_TO_LIVE, applier.element(), aggregate.type().simpleName(),
            event.type().simpleName());
      }
    }
  }

  private Optional<String> oneDomain(AggregateModel aggregate) {
    MessageModel first = aggregate.appliers().get(0).event();
    boolean ok = true;
    for (ApplierModel applier : aggregate.appliers()) {
      MessageModel event = applier.event();
      if (!event.domain().equals(first.domain())) {
        reporter.report(Problem.AGGREGATE_MIXED_DOMAINS, applier.element(), aggregate.type().simpleName(),
            first.type().simpleName(), first.domain(), event.type().simpleName(), event.domain());
        ok = false;
      }
    }
    return ok ? Optional.of(first.domain()) : Optional.empty();
  }

  private boolean owned(AggregateModel aggregate, String domain, Optional<ServiceModel> service) {
    if (service.isPresent() && service.get().owns().contains(domain)) {
      return true;
    }
    String why = service.isEmpty() ? " (this compilation declares no @WhizbangService)"
        : " (service \"" + service.get().name() + "\" owns " + service.get().owns() + ")";
    reporter.report(Problem.AGGREGATE_OUTSIDE_OWNER, aggregate.origin(), aggregate.type().simpleName(), domain, why,
        domain);
    return false;
  }

  /** Events without a key are keyed by the aggregate id at save time, so only declared keys must agree. */
  private boolean oneKey(AggregateModel aggregate) {
    ApplierModel keyed = null;
    boolean ok = true;
    for (ApplierModel applier : aggregate.appliers()) {
      Optional<PartitionKeyModel> key = applier.event().partitionKey();
      if (key.isEmpty()) {
        continue;
      }
      if (keyed == null) {
        keyed = applier;
      } else if (!keyed.event().partitionKey().get().accessor().equals(key.get().accessor())) {
        reporter.report(Problem.PARTITION_KEYS_DIFFER, applier.element(), aggregate.type().simpleName(),
            keyed.event().type().simpleName(), keyed.event().partitionKey().get().accessor(),
            applier.event().type().simpleName(), key.get().accessor());
        ok = false;
      }
    }
    return ok;
  }
}
