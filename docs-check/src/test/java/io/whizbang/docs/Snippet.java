package io.whizbang.docs;

import java.util.List;

/**
 * One fenced {@code ```java} block of a Markdown page, with the markers written in HTML comments just before it.
 *
 * @param page the page, relative to the repository root ({@code docs/inbox.md})
 * @param firstLine the page's line number of the block's first code line (1-based)
 * @param lines the block's code lines
 * @param noCompileReason why the block is not compiled ({@code <!-- no-compile: reason -->}), or null
 * @param withPrevious whether the block compiles together with the page's previous block
 *     ({@code <!-- compile-with-previous -->})
 * @param given declarations the block relies on without showing them ({@code <!-- given: ... -->}), or empty
 * @param givenLine the page's line of the {@code given} comment
 * @param imports what every block of the page imports ({@code <!-- compile-imports: a.b.*, a.c.D -->}) 
 */
record Snippet(String page, int firstLine, List<String> lines, String noCompileReason, boolean withPrevious,
    List<String> given, int givenLine, List<String> imports) {

  String where() {
    return page + ":" + firstLine;
  }
}
