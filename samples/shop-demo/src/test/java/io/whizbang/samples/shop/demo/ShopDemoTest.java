package io.whizbang.samples.shop.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo scenario, smaller: in-memory transport and H2, with every kind of trouble; every check must hold. */
class ShopDemoTest {

  @Test
  void everyServiceSeesEachEventExactlyOnceDespiteTheTrouble() throws Exception {
    Settings settings = Settings.parse(List.of("--orders", "200", "--timeout", "50"), Map.of());

    Report report = new Scenario(settings, System.out).run();
    report.print(System.out);

    assertThat(report.checks()).hasSize(11);
    assertThat(report.checks()).allSatisfy(check ->
        assertThat(check.passed()).as(check.name() + " (" + check.evidence() + ")").isTrue());
    assertThat(report.passed()).isTrue();
    // The summary an operator would read, from the services' meters.
    assertThat(report.lines()).anySatisfy(line -> assertThat(line).matches(" +whizbang\\.inbox\\.messages \\[applied\\] +[0-9,]+"))
        .anySatisfy(line -> assertThat(line).matches(" +whizbang\\.inbox\\.messages \\[dead_lettered\\] +1"))
        .anySatisfy(line -> assertThat(line).matches(" +whizbang\\.outbox\\.published +[0-9,]+"))
        .anySatisfy(line -> assertThat(line).matches(" +whizbang\\.projection\\.phase \\[LIVE\\] +1"))
        .anySatisfy(line -> assertThat(line).startsWith("Scheduled reviews:      200 RequestReview scheduled"));
  }
}
