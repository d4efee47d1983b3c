package io.whizbang.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a snippet's lines into top-level chunks — a type or method declaration, an import, or statements — by
 * following braces outside strings and comments. A fragment is rarely a valid compilation unit, so each chunk is
 * put where Java allows it: declarations into a class, statements into a method body.
 */
final class Chunks {
  enum Kind { PACKAGE, IMPORT, TYPE, METHOD, STATEMENTS }

  /** A chunk: its kind and the indexes of its lines in the snippet. */
  record Chunk(Kind kind, int from, int to) {}

  private static final Pattern TYPE_HEADER = Pattern.compile(
      "^((@[\\w.]+(\\([^)]*\\))?|public|protected|private|static|final|abstract|sealed|non-sealed|strictfp)\\s+)*"
          + "(class|record|interface|enum|@interface)\\s+\\w+.*", Pattern.DOTALL);
  private static final Pattern METHOD_HEADER = Pattern.compile(
      "^((@[\\w.]+(\\([^)]*\\))?|public|protected|private|static|final|abstract|synchronized|default)\\s+)*"
          + "(<[^>]+>\\s+)?[\\w.<>\\[\\], ?]+\\s+\\w+\\s*\\([^;{]*\\)\\s*(throws\\s+[\\w., ]+)?\\s*\\{.*", Pattern.DOTALL);
  private static final Pattern STATEMENT_START = Pattern.compile(
      "^(if|for|while|do|try|switch|synchronized|return|throw|else|catch|finally|new|yield)\\b.*", Pattern.DOTALL);

  private Chunks() {}

  static List<Chunk> of(List<String> lines) {
    List<Chunk> chunks = new ArrayList<>();
    Lexer lexer = new Lexer();
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      String code = lexer.code(lines.get(i)).strip(); // the line without comments and literals' contents
      lexer.advance();
      if (start < 0 && code.isEmpty()) {
        continue;
      }
      if (start < 0) {
        start = i;
      }
      if (lexer.depth() == 0 && !lexer.inComment() && (code.endsWith(";") || code.endsWith("}"))) {
        chunks.add(new Chunk(kind(lines, start, i), start, i));
        start = -1;
      }
    }
    if (start >= 0) {
      chunks.add(new Chunk(kind(lines, start, lines.size() - 1), start, lines.size() - 1));
    }
    return chunks;
  }

  private static Kind kind(List<String> lines, int from, int to) {
    StringBuilder header = new StringBuilder();
    Lexer lexer = new Lexer();
    for (int i = from; i <= to; i++) {
      header.append(lexer.code(lines.get(i))).append(' ');
      lexer.advance();
    }
    String text = header.toString().strip().replaceAll("\\s+", " ");
    String withoutAnnotations = text.replaceAll("^(@[\\w.]+(\\([^)]*\\))?\\s*)+", "");
    if (withoutAnnotations.startsWith("package ")) {
      return Kind.PACKAGE;
    }
    if (text.startsWith("import ")) {
      return Kind.IMPORT;
    }
    if (TYPE_HEADER.matcher(text).matches()) {
      return Kind.TYPE;
    }
    if (!STATEMENT_START.matcher(withoutAnnotations).matches() && METHOD_HEADER.matcher(text).matches()
        && !text.substring(0, text.indexOf('(')).contains("=")) {
      return Kind.METHOD;
    }
    return Kind.STATEMENTS;
  }

  /** Tracks brace depth line by line, outside string, char and text-block literals and comments. */
  private static final class Lexer {
    private int depth;
    private int nextDepth;
    private boolean blockComment;
    private boolean textBlock;

    int depth() {
      return depth;
    }

    boolean inComment() {
      return blockComment || textBlock;
    }

    void advance() {
      depth = nextDepth;
    }

    /** The line's code with comments removed and literals emptied; updates the depth the next line starts at. */
    String code(String line) {
      StringBuilder code = new StringBuilder();
      int d = depth;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (blockComment) {
          if (line.startsWith("*/", i)) {
            blockComment = false;
            i++;
          }
        } else if (textBlock) {
          if (line.startsWith("\"\"\"", i)) {
            textBlock = false;
            code.append("\"\"");
            i += 2;
          }
        } else if (line.startsWith("//", i)) {
          break;
        } else if (line.startsWith("/*", i)) {
          blockComment = true;
          i++;
        } else if (line.startsWith("\"\"\"", i)) {
          textBlock = true;
          i += 2;
        } else if (c == '"' || c == '\'') {
          int end = i + 1;
          while (end < line.length() && line.charAt(end) != c) {
            end += line.charAt(end) == '\\' ? 2 : 1;
          }
          code.append(c).append(c);
          i = end;
        } else {
          d += c == '{' ? 1 : c == '}' ? -1 : 0;
          code.append(c);
        }
      }
      nextDepth = d;
      return code.toString();
    }
  }
}
