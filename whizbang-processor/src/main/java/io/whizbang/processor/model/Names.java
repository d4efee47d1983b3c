package io.whizbang.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.Locale;
import java.util.regex.Pattern;

/** Every naming rule of the processor, so that readers, validators and writers agree. */
public final class Names {

  private static final Pattern DOMAIN = Pattern.compile("[a-z][a-z0-9-]*");

  private Names() {}

  /** {@code com.acme.Order.Line} → {@code com.acme.Order_Line_JsonCodec}. */
  public static ClassName codec(ClassName type) {
    return sibling(type, "JsonCodec");
  }

  /** {@code com.acme.ShippingHandlers} → {@code com.acme.ShippingHandlers_Dispatcher}. */
  public static ClassName dispatcher(ClassName type) {
    return sibling(type, "Dispatcher");
  }

  /** {@code com.acme.Order} → {@code com.acme.Order_AggregateType}. */
  public static ClassName aggregateType(ClassName type) {
    return sibling(type, "AggregateType");
  }

  /** The default stream category of an aggregate, {@code <domain>.<SimpleName>}. */
  public static String defaultCategory(String domain, ClassName type) {
    return domain + "." + type.simpleName();
  }

  /** {@code ("com.acme", "order-service")} → {@code com.acme.WhizbangModule_OrderService}. */
  public static ClassName module(String packageName, String baseName) {
    return ClassName.get(packageName, "WhizbangModule_" + upperCamel(baseName));
  }

  /** The default wire name, {@code <domain>.<SimpleName>}. */
  public static String defaultWireName(String domain, ClassName type) {
    return domain + "." + type.simpleName();
  }

  /** Domains, services and projections share one shape: {@code [a-z][a-z0-9-]*}. */
  public static boolean isValidDomain(String name) {
    return DOMAIN.matcher(name).matches();
  }

  /**
   * Non-empty and visible: no whitespace (U+00A0 included), no control, format (U+200B, U+FEFF), private-use,
   * unassigned or lone surrogate characters, each of which makes two names look alike that differ on the wire.
   */
  public static boolean isValidWireName(String name) {
    return !name.isEmpty() && name.codePoints().allMatch(Names::isVisible);
  }

  /** The name with each invisible character but the plain space written as a Unicode escape, for messages. */
  public static String visible(String name) {
    StringBuilder out = new StringBuilder();
    name.codePoints().forEach(c -> {
      if (isVisible(c) || c == ' ') {
        out.appendCodePoint(c);
      } else {
        out.append(String.format("\\u%04X", c));
      }
    });
    return out.toString();
  }

  private static boolean isVisible(int codePoint) {
    if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
      return false;
    }
    int type = Character.getType(codePoint);
    return type != Character.CONTROL && type != Character.FORMAT && type != Character.PRIVATE_USE
        && type != Character.UNASSIGNED && type != Character.SURROGATE;
  }

  /** {@code order-service} → {@code OrderService}; {@code com.acme.orders} → {@code Orders} (last segment). */
  public static String upperCamel(String name) {
    String last = name.substring(name.lastIndexOf('.') + 1);
    StringBuilder out = new StringBuilder();
    boolean upper = true;
    for (char c : last.toCharArray()) {
      if (c == '-' || c == '_') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  /** {@code orderId} → {@code ORDER_ID}: the constant holding a pre-encoded field name. */
  public static String constant(String componentName) {
    return componentName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  /** {@code com.acme.Outer.ShippingHandlers} → {@code outerShippingHandlers}: a handler parameter name. */
  public static String parameter(ClassName type) {
    String joined = String.join("", type.simpleNames());
    return Character.toLowerCase(joined.charAt(0)) + joined.substring(1);
  }

  /** {@code com.acme.billing.Handlers} → {@code billingHandlers}: tells apart handler classes of equal names. */
  public static String packageQualifiedParameter(ClassName type) {
    String packageName = type.packageName();
    String segment = packageName.substring(packageName.lastIndexOf('.') + 1);
    String joined = String.join("", type.simpleNames());
    if (segment.isEmpty()) {
      return parameter(type);
    }
    return Character.toLowerCase(segment.charAt(0)) + segment.substring(1) + Character.toUpperCase(joined.charAt(0))
        + joined.substring(1);
  }

  /** The name readers use in messages: nested names joined with '.', without the package. */
  public static String display(ClassName type) {
    return String.join(".", type.simpleNames());
  }

  private static ClassName sibling(ClassName type, String role) {
    return ClassName.get(type.packageName(), String.join("_", type.simpleNames()) + "_" + role);
  }
}
