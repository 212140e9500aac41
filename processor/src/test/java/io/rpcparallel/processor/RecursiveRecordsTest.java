package io.rpcparallel.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The codecs of exactly the records that can hold themselves count their levels of nesting:
 * recursion directly, through a sealed interface, through another record, through collections,
 * optionals, arrays and generic records all count; a record that only holds a recursive one
 * does not.
 */
class RecursiveRecordsTest {
  @Test
  void onlyRecordsOnACycleCountTheirLevels() throws IOException {
    Compilation compilation = Sources.compile(Sources.source("demo.Nest", """
        package demo;

        import io.rpcparallel.annotations.RpcWorker;
        import java.util.*;

        @RpcWorker
        public interface Nest {
          record Tree(String label, List<Tree> children) {}
          record Holder(Tree tree, Leaf leaf) {}
          record Leaf(String name) {}
          sealed interface Expr permits Num, Add {}
          record Num(int value) implements Expr {}
          record Add(Expr left, Expr right) implements Expr {}
          record Ping(Optional<Pong> pong) {}
          record Pong(Map<String, Ping[]> pings) {}
          record Node<T>(T value, Node<T> next) {}
          record Box<T>(T item) {}
          record Wrap(Box<Wrap> inner) {}

          Holder holder(Holder h);
          Expr expr(Expr e);
          Ping ping(Ping p);
          Node<String> node(Node<String> n);
          Box<Leaf> box(Box<Leaf> b);
          Wrap wrap(Wrap w);
        }
        """));
    assertThat(compilation).succeededWithoutWarnings();
    String codecs = compilation.generatedSourceFile("demo.NestCodecs").orElseThrow()
        .getCharContent(false).toString();
    for (String recursive : List.of("demo.Nest.Tree", "demo.Nest.Add", "demo.Nest.Ping",
        "demo.Nest.Pong", "demo.Nest.Node", "demo.Nest.Wrap", "demo.Nest.Box")) {
      assertThat(codecs).contains("out.enterNested(\"" + recursive + "\")");
      assertThat(codecs).contains("in.enterNested(\"" + recursive + "\")");
    }
    for (String flat : List.of("demo.Nest.Holder", "demo.Nest.Leaf", "demo.Nest.Num",
        "demo.Nest.Expr")) {
      assertThat(codecs).doesNotContain("Nested(\"" + flat + "\")");
    }
    // Box<Wrap> is on a cycle and Box<Leaf> is not: one of the two Box codecs counts.
    assertThat(codecs.split("out.enterNested\\(\"demo.Nest.Box\"\\)", -1)).hasLength(2);
  }
}
