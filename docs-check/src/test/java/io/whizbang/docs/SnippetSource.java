package io.whizbang.docs;

import io.whizbang.docs.Chunks.Chunk;
import io.whizbang.docs.Chunks.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java source compiled for a group of snippets (a block and the blocks marked to compile with it). A block
 * with a {@code package} line is a whole compilation unit and compiles as written. Otherwise the group becomes one
 * class in a package of its own: the {@code given} declarations and the blocks' type and method declarations are
 * its members, their statements the body of one method, with the common imports below. Elided code ({@code ...})
 * is handled by {@link #elided}.
 *
 * @param path the file's path under the source root
 * @param text the source
 * @param origins for each line of the source (0-based), the page and line it came from
 */
record SnippetSource(String path, String text, List<String> origins) {

  /** What a fragment sees without importing: the JDK's everyday packages and every library package. */
  static final List<String> COMMON_IMPORTS = List.of(
      "java.io.*", "java.math.*", "java.net.*", "java.nio.charset.*", "java.sql.*", "java.time.*", "java.util.*",
      "java.util.concurrent.*", "java.util.function.*", "javax.net.ssl.SSLContext", "javax.sql.DataSource",
      // The runtime's and its core's exported API packages only (their module-info.java), so that an example
      // cannot lean on internals.
      "io.whizbang.annotations.*", "io.whizbang.runtime.*", "io.whizbang.runtime.core.*", "io.whizbang.runtime.aggregate.*",
      "io.whizbang.runtime.codec.*", "io.whizbang.runtime.dispatch.*",
      "io.whizbang.runtime.envelope.*", "io.whizbang.runtime.feed.*", "io.whizbang.runtime.inbox.*",
      "io.whizbang.runtime.module.*",
      "io.whizbang.runtime.projection.*", "io.whizbang.runtime.relay.*",
      "io.whizbang.runtime.storage.*", "io.whizbang.runtime.store.*",
      "io.whizbang.runtime.transport.*", "io.whizbang.runtime.transport.memory.*",
      "io.whizbang.kafka.*", "io.whizbang.rabbitmq.*", "io.whizbang.sqs.*",
      "io.whizbang.servicebus.*");

  private static final Pattern ELIDED_BODY = Pattern.compile("\\{\\s*\\.\\.\\.\\s*}");
  private static final String THROWING_BODY = "{ throw new UnsupportedOperationException(); }";
  private static final Pattern TYPE_KEYWORD = Pattern.compile("^\\s*[\\w\\s-]*\\b(class|record|interface|enum)\\s+\\w+");
  private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
  private static final Pattern TOP_LEVEL_TYPE = Pattern.compile(
      "^(?:public\\s+|final\\s+|abstract\\s+|sealed\\s+)*(?:class|record|interface|enum|@interface)\\s+(\\w+)",
      Pattern.MULTILINE);

  static SnippetSource of(List<Snippet> group) {
    Snippet first = group.get(0);
    if (group.size() == 1 && Chunks.of(elided(first.lines())).stream().anyMatch(c -> c.kind() == Kind.PACKAGE)) {
      return asWritten(first);
    }
    return wrapped(group);
  }

  /** A whole compilation unit, as written, with the common imports after its package line. */
  private static SnippetSource asWritten(Snippet snippet) {
    List<String> lines = elided(snippet.lines());
    String text = String.join("\n", lines) + "\n";
    Matcher pkg = PACKAGE.matcher(text);
    pkg.find();
    Matcher type = TOP_LEVEL_TYPE.matcher(text);
    String file = type.find() ? type.group(1) : "package-info";
    Source out = new Source(snippet.where());
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      out.line(line, snippet.page() + ":" + (snippet.firstLine() + i));
      if (PACKAGE.matcher(line).find()) {
        COMMON_IMPORTS.forEach(imported -> out.line("import " + imported + ";"));
        snippet.imports().forEach(imported -> out.line("import " + imported + ";"));
      }
    }
    return new SnippetSource(pkg.group(1).replace('.', '/') + "/" + file + ".java", out.text.toString(), out.origins);
  }

  private static SnippetSource wrapped(List<Snippet> group) {
    Snippet first = group.get(0);
    String pkg = "snippets." + first.page().replaceAll("[^A-Za-z0-9]", "_").toLowerCase() + ".line" + first.firstLine();
    Source out = new Source(first.where());
    out.line("package " + pkg + ";");
    COMMON_IMPORTS.forEach(i -> out.line("import " + i + ";"));
    first.imports().forEach(i -> out.line("import " + i + ";"));
    for (Snippet s : group) {
      each(s, Kind.IMPORT, out, false);
    }
    out.line("@SuppressWarnings(\"all\")");
    out.line("class Snippet {");
    for (Snippet s : group) {
      for (int i = 0; i < s.given().size(); i++) {
        out.line(s.given().get(i), s.page() + ":" + (s.givenLine() + i));
      }
      each(s, Kind.TYPE, out, group.stream().noneMatch(SnippetSource::givesMembers));
      each(s, Kind.METHOD, out, false);
    }
    out.line("void run() throws Exception {");
    for (Snippet s : group) {
      each(s, Kind.STATEMENTS, out, false);
    }
    out.line("}");
    out.line("}");
    return new SnippetSource(pkg.replace('.', '/') + "/Snippet.java", out.text.toString(), out.origins);
  }

  /**
   * Copies the snippet's chunks of one kind. A type becomes a member of the wrapping class; it is made static
   * (so that it is what a top-level type is: creatable from its own static methods) unless it may use the
   * {@code given} fields.
   */
  private static void each(Snippet snippet, Kind kind, Source out, boolean makeStatic) {
    List<String> lines = elided(snippet.lines());
    for (Chunk chunk : Chunks.of(lines)) {
      if (chunk.kind() == kind || kind == Kind.STATEMENTS && chunk.kind() == Kind.PACKAGE) {
        boolean pending = makeStatic;
        for (int i = chunk.from(); i <= chunk.to(); i++) {
          String line = lines.get(i);
          if (pending && TYPE_KEYWORD.matcher(line).find()) {
            line = line.replaceFirst("^(\\s*)", "$1static ");
            pending = false;
          }
          out.line(line, snippet.page() + ":" + (snippet.firstLine() + i));
        }
      }
    }
  }

  /** Whether the {@code given} declares fields or methods (not only types), which a static type cannot use. */
  private static boolean givesMembers(Snippet snippet) {
    String outside = String.join("\n", snippet.given());
    for (String before = ""; !before.equals(outside); ) {
      before = outside;
      outside = outside.replaceAll("\\{[^{}]*\\}", "");
    }
    return outside.contains(";") || outside.contains("(") && !outside.matches("(?s)\\s*((record|class|interface|enum)\\b[^;]*)*");
  }

  /**
   * Elided code: a line that is only {@code ...} is dropped; a body {@code { ... }} throws, so that it stands for a
   * method of any return type.
   */
  static List<String> elided(List<String> lines) {
    return lines.stream().map(l -> l.strip().equals("...") ? "" : ELIDED_BODY.matcher(l).replaceAll(THROWING_BODY))
        .toList();
  }

  private static final class Source {
    final StringBuilder text = new StringBuilder();
    final List<String> origins = new ArrayList<>();
    final String where;

    Source(String where) {
      this.where = where;
    }

    void line(String line) {
      line(line, where);
    }

    void line(String line, String origin) {
      text.append(line).append('\n');
      origins.add(origin);
    }
  }
}
