package io.whizbang.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.whizbang.cli.Output;
import io.whizbang.runtime.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A dead letter as JSON, and its body as text: the envelope's JSON when it is one, else Base64. */
final class DeadLetterJson {
  private DeadLetterJson() {}

  static ObjectNode summary(DeadLetter d) {
    ObjectNode o = Output.object();
    o.put("id", d.id());
    o.put("source", d.source().name());
    o.put("owner", d.owner());
    o.put("messageId", d.messageId() == null ? null : d.messageId().toString());
    o.put("wireName", d.wireName());
    o.put("partitionKey", d.partitionKey());
    o.put("attempts", d.attempts());
    o.put("parkedAt", Output.iso(d.parkedAt()));
    o.put("reason", d.reason());
    return o;
  }

  static ObjectNode detail(DeadLetter d) {
    ObjectNode o = summary(d);
    o.put("stackTrace", d.stackTrace());
    o.put("cursor", d.cursor());
    String text = utf8(d.body());
    JsonNode body = text == null ? null : Output.parseOrNull(text);
    if (body != null) {
      o.set("body", body);
    } else {
      o.put("bodyBase64", Base64.getEncoder().encodeToString(d.body()));
    }
    return o;
  }

  /** The body as text when it is UTF-8 (an envelope is), else Base64 marked as such. */
  static String bodyText(byte[] body) {
    String text = utf8(body);
    return text != null ? text : "(not UTF-8; Base64) " + Base64.getEncoder().encodeToString(body);
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
