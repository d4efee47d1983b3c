package io.whizbang.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.whizbang.cli.CliException;
import io.whizbang.cli.ExitCodes;
import io.whizbang.cli.Output;
import io.whizbang.cli.Table;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.envelope.EnvelopeCodec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code feed head <url>}: the first events of a service's event feed (after a cursor), and where the page ended. */
@Command(name = "head", mixinStandardHelpOptions = true, description = {
    "Reads one page of a service's event feed (GET <url>?limit=n) and shows its first events: cursor, wire name,"
        + " message id, partition key, occurred at; then how the page ended: 'head' (no more events now) or"
        + " 'limit' (more after the last cursor: pass it to --after). Exit code 1 when the page holds no event."})
public final class FeedHead extends Leaf implements Callable<Integer> {
  @Mixin
  Output output;

  @Parameters(paramLabel = "<url>", description = "The feed, e.g. https://orders.example/events.")
  URI url;

  @Option(names = "--limit", paramLabel = "<n>", defaultValue = "10",
      description = "How many events (1 to the feed's page maximum; default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--after", paramLabel = "<cursor>", description = "Start after this cursor (e.g. 812.4051).")
  String after;

  @Option(names = "--types", paramLabel = "<wire names>", description = "Only these wire names, comma-separated.")
  String types;

  @Option(names = "--token", paramLabel = "<token>", defaultValue = "${env:WHIZBANG_FEED_TOKEN}",
      description = "Bearer token of a protected feed (env WHIZBANG_FEED_TOKEN).")
  String token;

  @Override
  public Integer call() throws InterruptedException {
    if (url.getScheme() == null || !url.getScheme().matches("https?")) {
      throw new CliException(ExitCodes.USAGE, "Invalid feed URL '" + url + "': use http(s)://<host>[:port]/events");
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(query()).timeout(Duration.ofSeconds(30))
        .header("Accept", "application/x-ndjson");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response;
    try {
      response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
          .send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new CliException(ExitCodes.UNREACHABLE, "Cannot read the feed at " + url + ": " + e, e);
    }
    if (response.statusCode() != 200) {
      throw new CliException(ExitCodes.UNREACHABLE, "The feed at " + url + " answered " + response.statusCode()
          + ": " + response.body().strip());
    }
    ObjectNode doc = Output.object();
    ArrayNode events = doc.putArray("events");
    Table table = new Table("CURSOR", "WIRE NAME", "MESSAGE ID", "KEY", "OCCURRED AT");
    for (String line : response.body().split("\n")) {
      JsonNode node = line.isBlank() ? null : Output.parseOrNull(line);
      if (node == null) {
        continue;
      }
      if (node.has("event")) {
        Envelope e = EnvelopeCodec.decode(node.get("event").toString().getBytes(StandardCharsets.UTF_8));
        String cursor = node.path("cursor").asText();
        events.addObject().put("cursor", cursor).put("wireName", e.wireName())
            .put("messageId", e.messageId().toString()).put("partitionKey", e.partitionKey())
            .put("occurredAt", Output.iso(e.occurredAt()));
        table.row(cursor, e.wireName(), e.messageId(), e.partitionKey(), e.occurredAt());
      } else if (node.has("end")) {
        doc.set("end", node);
      }
    }
    if (output.json()) {
      Output.print(out(), doc);
    } else {
      table.print(out());
      JsonNode end = doc.path("end");
      out().println();
      out().println("end: " + end.path("end").asText("?") + ", cursor " + end.path("cursor").asText("-")
          + (end.has("message") ? ": " + end.get("message").asText() : ""));
      out().flush();
    }
    return events.isEmpty() ? ExitCodes.NOT_FOUND : ExitCodes.OK;
  }

  private URI query() {
    StringBuilder q = new StringBuilder("limit=").append(limit);
    if (after != null) {
      q.append("&after=").append(URLEncoder.encode(after, StandardCharsets.UTF_8));
    }
    if (types != null) {
      q.append("&types=").append(URLEncoder.encode(types, StandardCharsets.UTF_8));
    }
    String base = url.toString();
    return URI.create(base + (base.contains("?") ? "&" : "?") + q);
  }
}
