package io.whizbang.rabbitmq;

import io.whizbang.runtime.config.WhizbangSettings;
import io.whizbang.runtime.config.SettingsReader;
import io.whizbang.runtime.config.TransportProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * Reads {@code whizbang.rabbitmq.*} for {@code whizbang.broker=rabbitmq} (docs/configuration.md): a {@code uri}, or
 * its parts; a part given besides the {@code uri} wins over it.
 */
public final class RabbitMqTransportProvider implements TransportProvider {

  private static final String URI_KEY = "whizbang.rabbitmq.uri";
  private static final String HOST = "whizbang.rabbitmq.host";
  private static final String PORT = "whizbang.rabbitmq.port";
  private static final String VIRTUAL_HOST = "whizbang.rabbitmq.virtual-host";
  private static final String USERNAME = "whizbang.rabbitmq.username";
  private static final String PASSWORD = "whizbang.rabbitmq.password";
  private static final String PREFETCH = "whizbang.rabbitmq.prefetch";
  private static final String NAME_PREFIX = "whizbang.rabbitmq.name-prefix";

  @Override
  public String name() {
    return "rabbitmq";
  }

  @Override
  public List<WhizbangSettings.Key> keys() {
    return List.of(
        new WhizbangSettings.Key(URI_KEY, "amqp:// or amqps:// URI", "",
            "amqp://user:password@host:port/virtual-host in one key; amqps connects over TLS."),
        new WhizbangSettings.Key(HOST, "host name", "127.0.0.1", "The broker's host."),
        new WhizbangSettings.Key(PORT, "integer (1-65535)", "5672", "The broker's AMQP port."),
        new WhizbangSettings.Key(VIRTUAL_HOST, "string", "/", "The virtual host."),
        new WhizbangSettings.Key(USERNAME, "string", "guest", "The user."),
        new WhizbangSettings.Key(PASSWORD, "string", "guest", "The user's password."),
        new WhizbangSettings.Key(PREFETCH, "integer (1-65535)", "100", "Unacknowledged messages per consumer channel."),
        new WhizbangSettings.Key(NAME_PREFIX, "string", "whizbang.", "Starts every exchange and queue name."));
  }

  @Override
  public TransportProvider.Settings read(SettingsReader in) {
    RabbitMqConfig.Builder b = RabbitMqConfig.builder();
    in.applyCommon(b);
    in.whenGiven(URI_KEY, uri -> applyUri(b, uri));
    in.whenGiven(HOST, b::host);
    in.whenGivenNumber(PORT, 1, 65_535, b::port);
    in.whenGiven(VIRTUAL_HOST, b::virtualHost);
    if (in.text(USERNAME).isPresent() || in.text(PASSWORD).isPresent()) {
      b.credentials(in.text(USERNAME, "guest"), in.text(PASSWORD, "guest"));
    }
    in.whenGivenNumber(PREFETCH, 1, 65_535, b::prefetch);
    in.whenGiven(NAME_PREFIX, b::namePrefix);
    return in.settings("whizbang.rabbitmq", b::build, RabbitMqTransport::connect);
  }

  private static void applyUri(RabbitMqConfig.Builder b, String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      uri = null;
    }
    if (uri == null || uri.getHost() == null || !("amqp".equals(uri.getScheme()) || "amqps".equals(uri.getScheme()))) {
      throw new IllegalArgumentException("an amqp:// or amqps:// URI with a host, such as"
          + " amqp://guest:guest@127.0.0.1:5672/%2F");
    }
    boolean tls = uri.getScheme().equals("amqps");
    b.host(uri.getHost()).port(uri.getPort() > 0 ? uri.getPort() : tls ? 5671 : 5672);
    if (uri.getRawUserInfo() != null) {
      String[] user = uri.getRawUserInfo().split(":", 2);
      b.credentials(decode(user[0]), user.length > 1 ? decode(user[1]) : "");
    }
    String path = uri.getRawPath();
    if (path != null && path.length() > 1) {
      b.virtualHost(decode(path.substring(1)));
    }
    if (tls) {
      try {
        b.tls(SSLContext.getDefault());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("amqps needs the JVM's default TLS context: " + e.getMessage(), e);
      }
    }
  }

  private static String decode(String part) {
    return URLDecoder.decode(part, StandardCharsets.UTF_8);
  }
}
