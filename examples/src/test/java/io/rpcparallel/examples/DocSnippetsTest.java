package io.rpcparallel.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holds the code in the docs to the sources the build compiles and runs. In {@code README.md} and
 * {@code docs/*.md}, a fenced {@code java} block right after a line
 * {@code <!-- snippet: path#name [path#name | ...] -->} must be, byte for byte, the named regions
 * of those files (paths from the repository's root), joined by a blank line (or by a line
 * {@code ...} where the marker says {@code ...}). A region is the lines between
 * {@code // snippet:name} and {@code // end-snippet}, less their common indentation; inside it,
 * lines between {@code // snippet-hide} and {@code // end-hide} are left out, and a line
 * {@code // snippet-line: text} stands for {@code text}. The test fails listing every stale block;
 * with {@code -Ddocs.update=true} it rewrites them from the sources instead. A {@code java} block
 * without a marker is an error too: every piece of Java in the docs comes from a compiled source.
 */
class DocSnippetsTest {
  private static final Pattern MARKER = Pattern.compile("^<!-- snippet: (.+?) -->$");
  private static final Pattern START = Pattern.compile("^\\s*// snippet:(\\S+)\\s*$");
  private static final Pattern END = Pattern.compile("^\\s*// end-snippet\\s*$");
  private static final Pattern HIDE = Pattern.compile("^\\s*// snippet-hide\\s*$");
  private static final Pattern END_HIDE = Pattern.compile("^\\s*// end-hide\\s*$");
  private static final Pattern LINE = Pattern.compile("^(\\s*)// snippet-line:(?: (.*))?$");

  @Test
  void everySnippetInTheDocsIsTheRegionOfItsSource() throws IOException {
    Path root = repositoryRoot();
    List<String> stale = new ArrayList<>();
    int checked = check(root, Boolean.getBoolean("docs.update"), stale);
    if (!stale.isEmpty()) {
      fail(stale.size() + " code block(s) in the docs do not match their sources (rewrite them with"
          + " ./mvnw -o -q -pl examples -am verify -Dtest=DocSnippetsTest -Dsurefire.failIfNoSpecifiedTests=false"
          + " -Dfuzz.seconds=1 -Ddocs.update=true):\n  " + String.join("\n  ", stale));
    }
    assertTrue(checked > 0, "no snippet markers found under " + root);
  }

  @Test
  void aStaleBlockIsReportedAndRewritten(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("docs"));
    Files.writeString(root.resolve("A.java"), "class A {\n  // snippet:m\n  int m() { return 2; }\n  // end-snippet\n}\n");
    Files.writeString(root.resolve("README.md"), "# R\n");
    String doc = "Text\n\n<!-- snippet: A.java#m -->\n```java\nint m() { return 1; }\n```\n\n```\n"
        + "<!-- snippet: inside a plain fence, not a marker -->\n```\n\n```java\nint unchecked() { return 3; }\n```\n";
    Files.writeString(root.resolve("docs/a.md"), doc);
    List<String> stale = new ArrayList<>();
    assertEquals(1, check(root, false, stale));
    String unmarked = "docs/a.md:12: a java block without a snippet marker: nothing checks its code";
    assertEquals(List.of("docs/a.md:3: A.java#m differs from its source", unmarked), stale);
    stale.clear();
    check(root, true, stale);
    assertEquals(List.of(unmarked), stale);
    assertEquals(doc.replace("return 1;", "return 2;"), Files.readString(root.resolve("docs/a.md")));
    stale.clear();
    check(root, false, stale);
    assertEquals(List.of(unmarked), stale);
  }

  /**
   * Checks (or with {@code update}, rewrites) every snippet block of the docs under {@code root},
   * adding what is wrong to {@code stale}; returns how many blocks it checked.
   */
  static int check(Path root, boolean update, List<String> stale) throws IOException {
    int checked = 0;
    for (Path doc : docs(root)) {
      List<String> lines = new ArrayList<>(Files.readAllLines(doc, StandardCharsets.UTF_8));
      boolean changed = false;
      boolean inFence = false;
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).startsWith("```")) {
          inFence = !inFence;
          if (inFence && lines.get(i).equals("```java") && (i == 0 || !MARKER.matcher(lines.get(i - 1)).matches())) {
            stale.add(root.relativize(doc) + ":" + (i + 1) + ": a java block without a snippet marker: nothing checks its code");
          }
        }
        Matcher m = MARKER.matcher(lines.get(i));
        if (inFence || !m.matches()) {
          continue;
        }
        String where = root.relativize(doc) + ":" + (i + 1);
        if (i + 1 >= lines.size() || !lines.get(i + 1).equals("```java")) {
          stale.add(where + ": a snippet marker must be followed by a ```java fence");
          continue;
        }
        int close = i + 2;
        while (close < lines.size() && !lines.get(close).equals("```")) {
          close++;
        }
        if (close == lines.size()) {
          stale.add(where + ": the fence after the marker is never closed");
          continue;
        }
        List<String> expected;
        try {
          expected = snippet(root, m.group(1));
        } catch (IllegalArgumentException e) {
          stale.add(where + ": " + e.getMessage());
          continue;
        }
        checked++;
        List<String> actual = lines.subList(i + 2, close);
        if (!actual.equals(expected)) {
          if (update) {
            actual.clear();
            actual.addAll(expected);
            changed = true;
          } else {
            stale.add(where + ": " + m.group(1) + " differs from its source");
          }
        }
      }
      if (changed) {
        Files.writeString(doc, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        System.out.println("rewrote the snippets of " + root.relativize(doc));
      }
    }
    return checked;
  }

  @Test
  void regionsDropHiddenLinesAndTheirIndentation(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("A.java"), String.join("\n",
        "class A {",
        "  // snippet:m",
        "  void m() {",
        "    // snippet-hide",
        "    secret();",
        "    // end-hide",
        "    // snippet-line: ...",
        "  }",
        "  // end-snippet",
        "}", ""));
    assertEquals(List.of("void m() {", "  ...", "}"), snippet(dir, "A.java#m"));
    assertEquals(List.of("void m() {", "  ...", "}", "...", "void m() {", "  ...", "}"),
        snippet(dir, "A.java#m ... A.java#m"));
    assertEquals(List.of("void m() {", "  ...", "}", "", "void m() {", "  ...", "}"),
        snippet(dir, "A.java#m A.java#m"));
  }

  /** The lines a marker's list of regions stands for. */
  static List<String> snippet(Path root, String spec) {
    List<String> out = new ArrayList<>();
    boolean dots = false;
    for (String token : spec.trim().split("\\s+")) {
      if (token.equals("...")) {
        dots = true;
        continue;
      }
      if (!out.isEmpty()) {
        out.add(dots ? "..." : "");
      }
      dots = false;
      int hash = token.indexOf('#');
      if (hash < 0) {
        throw new IllegalArgumentException("'" + token + "' does not name a region (path#name)");
      }
      out.addAll(region(root.resolve(token.substring(0, hash)), token.substring(hash + 1)));
    }
    return out;
  }

  /** The region {@code name} of {@code file}, as the docs show it. */
  static List<String> region(Path file, String name) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e);
    }
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = START.matcher(lines.get(i));
      if (m.matches() && m.group(1).equals(name)) {
        start = i + 1;
        break;
      }
    }
    if (start < 0) {
      throw new IllegalArgumentException(file.getFileName() + " has no region '// snippet:" + name + "'");
    }
    List<String> kept = new ArrayList<>();
    boolean hidden = false;
    int depth = 0;
    for (int i = start; ; i++) {
      if (i == lines.size()) {
        throw new IllegalArgumentException("region " + name + " of " + file.getFileName() + " has no // end-snippet");
      }
      String l = lines.get(i);
      if (START.matcher(l).matches()) {
        depth++;
        continue;
      }
      if (END.matcher(l).matches()) {
        if (depth-- == 0) {
          break;
        }
        continue;
      }
      if (HIDE.matcher(l).matches()) {
        hidden = true;
        continue;
      }
      if (END_HIDE.matcher(l).matches()) {
        hidden = false;
        continue;
      }
      if (hidden) {
        continue;
      }
      Matcher line = LINE.matcher(l);
      kept.add(line.matches() ? (line.group(2) == null ? "" : line.group(1) + line.group(2)) : l);
    }
    int indent = kept.stream().filter(s -> !s.isBlank())
        .mapToInt(s -> s.length() - s.stripLeading().length()).min().orElse(0);
    List<String> out = new ArrayList<>();
    for (String s : kept) {
      out.add(s.isBlank() ? "" : s.substring(indent));
    }
    return out;
  }

  private static List<Path> docs(Path root) {
    List<Path> docs = new ArrayList<>();
    docs.add(root.resolve("README.md"));
    try (Stream<Path> s = Files.list(root.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return docs;
  }

  /** The repository's root: the nearest directory up from here that holds README.md and docs/. */
  static Path repositoryRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("docs"))) {
        return p;
      }
    }
    throw new IllegalStateException("no README.md and docs/ above " + Path.of("").toAbsolutePath());
  }
}
