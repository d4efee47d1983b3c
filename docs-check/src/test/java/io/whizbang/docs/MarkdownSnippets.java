package io.whizbang.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Extracts the {@code ```java} blocks of a Markdown page and the markers in the HTML comments before each. */
final class MarkdownSnippets {
  private static final Pattern NO_COMPILE = Pattern.compile("<!--\\s*no-compile:\\s*(.+?)\\s*-->", Pattern.DOTALL);
  private static final Pattern WITH_PREVIOUS = Pattern.compile("<!--\\s*compile-with-previous\\s*-->");
  private static final Pattern IMPORTS = Pattern.compile("<!--\\s*compile-imports:(.*?)-->", Pattern.DOTALL);
  private static final Pattern GIVEN = Pattern.compile("<!--\\s*given:(.*?)-->", Pattern.DOTALL);

  private MarkdownSnippets() {}

  static List<Snippet> read(Path root, Path page) throws IOException {
    String name = root.relativize(page).toString().replace('\\', '/');
    List<String> text = Files.readAllLines(page);
    List<String> imports = new ArrayList<>();
    Matcher pageImports = IMPORTS.matcher(String.join("\n", text));
    while (pageImports.find()) {
      for (String imported : pageImports.group(1).split("[,\\s]+")) {
        if (!imported.isBlank()) {
          imports.add(imported);
        }
      }
    }
    List<Snippet> snippets = new ArrayList<>();
    StringBuilder comments = new StringBuilder(); // the HTML comments since the last other line
    int commentLine = 0;
    boolean inComment = false;
    for (int i = 0; i < text.size(); i++) {
      String line = text.get(i);
      String trimmed = line.strip();
      if (inComment || trimmed.startsWith("<!--")) {
        if (!inComment) {
          commentLine = comments.length() == 0 ? i + 1 : commentLine;
        }
        comments.append(line).append('\n');
        inComment = !trimmed.endsWith("-->");
        continue;
      }
      if (trimmed.startsWith("```")) {
        int close = closingFence(text, i);
        if (trimmed.equals("```java")) {
          snippets.add(snippet(name, i + 2, text.subList(i + 1, close), comments.toString(), commentLine, imports));
        } else if (trimmed.startsWith("```java")) {
          throw new IllegalStateException(name + ":" + (i + 1) + ": unknown fence '" + trimmed
              + "'; write ```java and mark a block that must not compile with <!-- no-compile: reason -->");
        }
        i = close;
      }
      if (!trimmed.isEmpty()) {
        comments.setLength(0);
      }
    }
    return snippets;
  }

  private static int closingFence(List<String> text, int open) {
    for (int i = open + 1; i < text.size(); i++) {
      if (text.get(i).strip().equals("```")) {
        return i;
      }
    }
    throw new IllegalStateException("unclosed code fence at line " + (open + 1));
  }

  private static Snippet snippet(String page, int firstLine, List<String> lines, String comments, int commentLine,
      List<String> imports) {
    Matcher noCompile = NO_COMPILE.matcher(comments);
    String reason = noCompile.find() ? noCompile.group(1).replaceAll("\\s+", " ") : null;
    Matcher given = GIVEN.matcher(comments);
    List<String> declarations = new ArrayList<>();
    int givenLine = commentLine;
    if (given.find()) {
      String before = comments.substring(0, given.start(1));
      givenLine = commentLine + (int) before.chars().filter(c -> c == '\n').count();
      declarations.addAll(List.of(given.group(1).split("\n", -1)));
    }
    return new Snippet(page, firstLine, List.copyOf(lines), reason, WITH_PREVIOUS.matcher(comments).find(),
        List.copyOf(declarations), givenLine, List.copyOf(imports));
  }
}
