package io.whizbang.runtime.feed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks an {@code Authorization} header in constant time (digests first, so lengths leak nothing either). The
 * scheme name is case-insensitive, as HTTP authentication schemes are: {@code bearer <token>} is accepted too.
 */
final class BearerToken {
  private static final String SCHEME = "bearer ";

  private final byte[] expected;

  BearerToken(String token) {
    this.expected = sha256(token);
  }

  boolean accepts(String authorization) {
    if (authorization == null) {
      return false;
    }
    String header = authorization.trim();
    if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return false;
    }
    return MessageDigest.isEqual(expected, sha256(header.substring(SCHEME.length()).trim()));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
