package io.whizbang.servicebus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServiceBusNamesTest {

  private final ServiceBusNames names = new ServiceBusNames("shop");

  @Test
  void entitiesAreNamedFromThePrefixTheDomainAndTheSubscriber() {
    assertThat(names.topic("orders")).isEqualTo("shop.orders.events");
    assertThat(names.commandQueue("orders")).isEqualTo("shop.orders.commands");
    assertThat(names.subscription("billing")).isEqualTo("billing");
  }

  @Test
  void aPrefixWithCharactersServiceBusRefusesIsNamedWithTheRule() {
    assertThatThrownBy(() -> new ServiceBusNames("my shop"))
        .isInstanceOf(ServiceBusConfigException.class)
        .hasMessageContaining("namePrefix must be 1 to 100 letters, digits, '.', '-' or '_'")
        .hasMessageContaining("'my shop'");
    assertThatThrownBy(() -> new ServiceBusNames("-shop")).hasMessageContaining("starting with a letter or digit");
    assertThatThrownBy(() -> new ServiceBusNames("")).isInstanceOf(ServiceBusConfigException.class);
  }

  @Test
  void anEntityNameOverTwoHundredSixtyCharactersIsRefusedSayingWhatToShorten() {
    ServiceBusNames longPrefix = new ServiceBusNames("p".repeat(100));
    String domain = "d".repeat(160);

    assertThatThrownBy(() -> longPrefix.topic(domain))
        .isInstanceOf(ServiceBusConfigException.class)
        .hasMessageContaining("at most 260")
        .hasMessageContaining("choose a shorter namePrefix or domain name");
  }

  @Test
  void aSubscriberIdOverFiftyCharactersCannotNameASubscription() {
    assertThatThrownBy(() -> names.subscription("s".repeat(51)))
        .isInstanceOf(ServiceBusConfigException.class)
        .hasMessageContaining("at most 50")
        .hasMessageContaining("choose a shorter service or projection name");
    assertThat(names.subscription("s".repeat(50))).hasSize(50);
  }

  @Test
  void aDomainWithCharactersServiceBusRefusesIsNamed() {
    assertThatThrownBy(() -> names.topic("or ders"))
        .hasMessageContaining("the domain 'or ders' has characters Service Bus names do not allow");
    assertThatThrownBy(() -> names.commandQueue("orders-")).hasMessageContaining("ending with a letter or digit");
  }

  @Test
  void aWireNameThatIsAValidRuleNameNamesItsRule() {
    assertThat(ServiceBusNames.rule("orders.OrderPlaced")).isEqualTo("orders.OrderPlaced");
  }

  @Test
  void aLongOrOddWireNameGetsAShortenedRuleNameWithAHashThatKeepsItUnique() {
    String longName = "orders." + "VeryLongEventName".repeat(10);
    String a = ServiceBusNames.rule(longName);
    String b = ServiceBusNames.rule(longName + "2");

    assertThat(a).hasSizeLessThanOrEqualTo(50).startsWith("orders.VeryLong").isNotEqualTo(b);
    assertThat(ServiceBusNames.rule("$Default")).doesNotStartWith("$").hasSizeLessThanOrEqualTo(50);
    assertThat(ServiceBusNames.rule("ünïcode/name")).matches("[A-Za-z0-9._-]+").hasSizeLessThanOrEqualTo(50);
  }

  @Test
  void aPartitionKeyIsTheSessionIdUpToOneHundredTwentyEightCharactersAndAHashBeyond() {
    assertThat(ServiceBusNames.sessionId("order-42")).isEqualTo("order-42");
    String longKey = "k".repeat(129);
    assertThat(ServiceBusNames.sessionId(longKey)).startsWith("wb-sha256-").hasSizeLessThanOrEqualTo(128)
        .isNotEqualTo(ServiceBusNames.sessionId(longKey + "x"));
  }
}
