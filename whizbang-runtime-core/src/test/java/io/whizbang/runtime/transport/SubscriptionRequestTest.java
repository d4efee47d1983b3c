package io.whizbang.runtime.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How the wire names of sources that land in one place (a topic, a queue) are merged, the same for every broker. */
class SubscriptionRequestTest {

  private static SubscriptionRequest request(SubscriptionRequest.Source... sources) {
    return new SubscriptionRequest("billing", List.of(sources), 1);
  }

  private static SubscriptionRequest.Source source(Destination destination, String... wireNames) {
    return new SubscriptionRequest.Source(destination, Set.of(wireNames));
  }

  @Test
  void sourcesOfOnePlaceAddUpTheirNames() {
    Map<String, Set<String>> wanted = request(
        source(Destination.events("orders"), "orders.OrderPlaced"),
        source(Destination.commands("orders"), "orders.CancelOrder"),
        source(Destination.events("stock"), "stock.Reserved"))
        .wireNamesBy(Destination::domain);

    assertThat(wanted).containsExactly(
        Map.entry("orders", Set.of("orders.OrderPlaced", "orders.CancelOrder")),
        Map.entry("stock", Set.of("stock.Reserved")));
  }

  @Test
  void aSourceWithoutNamesMakesItsPlaceWantEveryNameWhicheverComesFirst() {
    SubscriptionRequest.Source named = source(Destination.events("orders"), "orders.OrderPlaced");
    SubscriptionRequest.Source everything = source(Destination.commands("orders"));

    assertThat(request(named, everything).wireNamesBy(Destination::domain)).containsExactly(
        Map.entry("orders", Set.of()));
    assertThat(request(everything, named).wireNamesBy(Destination::domain)).containsExactly(
        Map.entry("orders", Set.of()));
    assertThat(request(named).wireNamesBy(Destination::domain)).containsExactly(
        Map.entry("orders", Set.of("orders.OrderPlaced")));
  }
}
