package io.whizbang.runtime.feed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Checks an {@code Authorization} header in constant time (digests first, so lengths leak nothing either). */
final class BearerToken {
  private final byte[] expected;

  BearerToken(String token) {
    this.expected = sha256("Bearer " + token);
  }

  boolean accepts(String authorization) {
    if (authorization == null) {
      return false;
    }
    return MessageDigest.isEqual(expected, sha256(authorization.trim()));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
