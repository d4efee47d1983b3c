package io.whizbang.runtime.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.whizbang.runtime.codec.CodecException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The malformed-input corpus: hostile inputs under {@code src/test/resources/hostile-input/} (shipped in the runtime
 * test-jar, so the processor's tests run them through generated codecs too), and what each decoder made of each.
 *
 * <p>An input file holds one case a line, {@code name: input}; {@code #} starts a comment. The input is taken as
 * written, except {@code \xHH}, which stands for that raw byte (invalid UTF-8, control characters), and
 * {@code \\x}, which stands for the two characters {@code \x}.
 *
 * <p>The outcomes are compared with a reviewed copy, {@code hostile-expected/<decoder>.txt} in the test resources of
 * the module that runs the decoder: the exact message a user sees. Run with {@code WHIZBANG_UPDATE_GOLDEN=1} to
 * rewrite the copies from the current output, and review the diff. An outcome that is neither a value nor a
 * {@link CodecException} fails the test whatever the copy says.
 */
public final class HostileCorpus {

  private static final boolean UPDATE = "1".equals(System.getenv("WHIZBANG_UPDATE_GOLDEN"));

  /** One hostile input. */
  public record Case(String name, byte[] bytes) {
    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private HostileCorpus() {}

  /** The cases of {@code hostile-input/<file>}, in file order. */
  public static List<Case> load(String file) {
    String resource = "/hostile-input/" + file;
    try (InputStream in = HostileCorpus.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("No corpus file " + resource + " on the test classpath");
      }
      List<Case> cases = new ArrayList<>();
      int lineNumber = 0;
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
        lineNumber++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int colon = line.indexOf(": ");
        if (colon <= 0) {
          throw new IllegalStateException(resource + " line " + lineNumber + ": expected 'name: input'");
        }
        cases.add(new Case(line.substring(0, colon), unescape(line.substring(colon + 2))));
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] unescape(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("\\\\x", i)) {
        out.writeBytes("\\x".getBytes(StandardCharsets.UTF_8));
        i += 3;
      } else if (text.startsWith("\\x", i) && i + 4 <= text.length()) {
        out.write(Integer.parseInt(text.substring(i + 2, i + 4), 16));
        i += 4;
      } else {
        int cp = text.codePointAt(i);
        out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(cp);
      }
    }
    return out.toByteArray();
  }

  /**
   * Cases built from one valid object, given as its fields in order with their JSON values: each field's value
   * replaced by each of {@code values} ({@code field=value-name}), each field twice with its valid value
   * ({@code field-twice}) and each field left out ({@code field-missing}).
   */
  public static List<Case> matrix(Map<String, String> validFields, List<Case> values) {
    List<Case> cases = new ArrayList<>();
    for (String field : validFields.keySet()) {
      for (Case value : values) {
        cases.add(new Case(field + "=" + value.name(), object(validFields, field, value.text(), false)));
      }
      cases.add(new Case(field + "-twice", object(validFields, field, validFields.get(field), true)));
      cases.add(new Case(field + "-missing", object(validFields, field, null, false)));
    }
    return cases;
  }

  /** The valid object with {@code field} set to {@code value} (left out when null, written twice if asked). */
  public static byte[] object(Map<String, String> fields, String field, String value, boolean twice) {
    StringBuilder json = new StringBuilder("{");
    fields.forEach((name, valid) -> {
      String v = name.equals(field) ? value : valid;
      if (v != null) {
        json.append(json.length() > 1 ? "," : "").append('"').append(name).append("\":").append(v);
        if (twice && name.equals(field)) {
          json.append(",\"").append(name).append("\":").append(v);
        }
      }
    });
    return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A case built in code: too large, too deep or too repetitive to keep in a file. */
  public static Case generated(String name, String text) {
    return new Case(name, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * What a decoder made of one input, as one line: {@code OK <value>} or {@code <ExceptionClass>: <message>} for a
   * {@link CodecException} (or subclass), or {@code UNEXPECTED ...} for anything else.
   */
  public static String outcome(Callable<?> decode) {
    try {
      return "OK " + oneLine(String.valueOf(decode.call()));
    } catch (CodecException e) {
      return e.getClass().getSimpleName() + ": " + oneLine(e.getMessage());
    } catch (Throwable e) {
      return "UNEXPECTED " + e.getClass().getName() + ": " + oneLine(String.valueOf(e.getMessage()));
    }
  }

  /** One line of readable text: control characters, lone surrogates and bidi controls written as escapes. */
  private static String oneLine(String s) {
    StringBuilder flat = new StringBuilder(Math.min(s.length(), 3100));
    for (int i = 0; i < s.length() && flat.length() < 3000; i++) {
      char c = s.charAt(i);
      boolean lone = Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1)));
      if (Character.isHighSurrogate(c) && !lone) {
        flat.append(c).append(s.charAt(++i));
      } else if (c == '\\') {
        flat.append("\\\\");
      } else if (c < 0x20 || c >= 0x7f && c < 0xa0 || lone || c >= 0x202a && c <= 0x202e
          || c >= 0x2066 && c <= 0x2069) {
        flat.append(String.format("\\u%04x", (int) c));
      } else {
        flat.append(c);
      }
    }
    return flat.length() >= 3000 ? flat + "...(clipped by the corpus)" : flat.toString();
  }

  /**
   * Checks that no outcome is an unexpected exception, then compares every outcome with
   * {@code src/test/resources/hostile-expected/<decoder>.txt} of the running module.
   */
  public static void assertOutcomes(String decoder, Map<String, String> outcomes) {
    assertThat(outcomes).as("outcomes of " + decoder + " that are neither a value nor a CodecException")
        .allSatisfy((name, outcome) -> assertThat(outcome).as(name).doesNotStartWith("UNEXPECTED"));
    StringBuilder actual = new StringBuilder();
    outcomes.forEach((name, outcome) -> actual.append(name).append(" => ").append(outcome).append('\n'));
    Path file = Path.of("src/test/resources/hostile-expected", decoder + ".txt");
    try {
      if (UPDATE) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      assertThat(file).as("reviewed outcomes; create with WHIZBANG_UPDATE_GOLDEN=1").exists();
      Map<String, String> expected = new LinkedHashMap<>();
      for (String line : Files.readString(file, StandardCharsets.UTF_8).split("\n")) {
        int arrow = line.indexOf(" => ");
        if (arrow > 0) {
          expected.put(line.substring(0, arrow), line.substring(arrow + 4));
        }
      }
      assertThat(outcomes).as("outcomes of " + decoder + " (rewrite with WHIZBANG_UPDATE_GOLDEN=1 and review)")
          .containsExactlyEntriesOf(expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
