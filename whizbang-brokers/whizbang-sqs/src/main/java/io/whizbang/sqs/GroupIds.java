package io.whizbang.sqs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The FIFO message group of a message: its partition key, so that SQS keeps the messages of one key in order. */
final class GroupIds {

  private static final int MAX = 128;

  private GroupIds() {}

  /**
   * The partition key, or the message id for a message without one (it needs no order). Keys longer than the
   * 128 characters SQS allows become a digest of themselves: still one group per key.
   */
  static String of(WireMessage m) {
    String key = m.message().partitionKey();
    if (key == null || key.isEmpty()) {
      return m.message().messageId().toString();
    }
    if (key.length() <= MAX && key.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
      return key;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
