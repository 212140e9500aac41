package io.rpcparallel.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The generated code of a representative worker, compared byte for byte with the golden files
 * in {@code src/test/resources/golden}. Run with {@code -Drpcparallel.updateGoldens=true} to
 * rewrite them after an intended change, and review the diff.
 */
class GoldenTest {
  private static final boolean UPDATE = Boolean.getBoolean("rpcparallel.updateGoldens");
  private static final List<String> GENERATED = List.of(
      "CounterRpc", "CounterClient", "CounterAsync", "CounterDispatcher", "CounterCodecs",
      "AppRpcParallelMain", "FeedRpc", "FeedClient", "FeedAsync", "FeedDispatcher", "FeedCodecs");

  @Test
  void generatedCodeMatchesGoldens() throws IOException {
    Compilation compilation = Sources.compile(withApp());
    assertThat(compilation).succeededWithoutWarnings();

    Map<String, String> generated = generatedSources(compilation);
    assertThat(generated.keySet()).containsExactlyElementsIn(GENERATED);
    for (String name : GENERATED) {
      compareWithGolden(name, generated.get(name));
    }
  }

  private static void compareWithGolden(String name, String source) throws IOException {
    assertThat(source).isNotNull();
    Path goldens = goldenDirectory();
    Path golden = goldens.resolve(name + ".java");
    if (UPDATE) {
      Files.createDirectories(goldens);
      Files.writeString(golden, source, StandardCharsets.UTF_8);
    } else {
      assertThat(source).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
  }

  @Test
  void codecsOfEveryWireShapeMatchTheirGolden() throws IOException {
    Compilation compilation = Sources.compile(Sources.library());
    assertThat(compilation).succeededWithoutWarnings();
    compareWithGolden("LibraryCodecs", generatedSources(compilation).get("LibraryCodecs"));
  }

  @Test
  void generatedCodeIsTheSameOnEveryBuild() throws IOException {
    Map<String, String> first = generatedSources(Sources.compile(withApp()));
    Map<String, String> second = generatedSources(Sources.compile(withApp()));
    assertThat(first).isNotEmpty();
    assertThat(second).isEqualTo(first);
  }

  private static List<JavaFileObject> withApp() {
    List<JavaFileObject> sources = new java.util.ArrayList<>(Sources.counter());
    sources.add(Sources.feed());
    sources.add(Sources.source("demo.App", """
        package demo;

        import io.rpcparallel.annotations.RpcParallelApp;

        @RpcParallelApp
        public final class App {
          public static void main(String[] args) {}
        }
        """));
    return sources;
  }

  /** Simple name -> source text of every generated source file. */
  static Map<String, String> generatedSources(Compilation compilation) throws IOException {
    Map<String, String> sources = new TreeMap<>();
    for (JavaFileObject file : compilation.generatedSourceFiles()) {
      String path = file.toUri().getPath();
      String name = path.substring(path.lastIndexOf('/') + 1, path.length() - ".java".length());
      sources.put(name, file.getCharContent(false).toString());
    }
    return sources;
  }

  /** The goldens in the source tree (not the copies on the class path), so updates stick. */
  private static Path goldenDirectory() {
    String base = System.getProperty("basedir", System.getProperty("user.dir"));
    return Path.of(base, "src", "test", "resources", "golden");
  }
}
