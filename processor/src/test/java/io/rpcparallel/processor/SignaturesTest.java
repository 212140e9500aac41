package io.rpcparallel.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Method ids and the interface fingerprint, as the generated {@code XRpc} declares them. */
class SignaturesTest {
  @Test
  void methodIdIsTheDigestOfWireNameAndErasedParameterTypes() throws Exception {
    String rpc = counterRpc(Sources.counter());
    assertThat(constant(rpc, "ADD_LONG_INT")).isEqualTo(idOf("add(long,int)"));
    assertThat(constant(rpc, "HISTOGRAM")).isEqualTo(idOf("histogram(java.util.List,byte[])"));
    assertThat(constant(rpc, "SUBMIT")).isEqualTo(idOf("submit(demo.Job,demo.Priority)"));
    // @RpcName("ping-v1") boolean ping(Integer)
    assertThat(constant(rpc, "PING")).isEqualTo(idOf("ping-v1(java.lang.Integer)"));
  }

  @Test
  void fingerprintIsSixteenHexDigits() throws IOException {
    assertThat(fingerprint(Sources.counter())).matches("[0-9a-f]{16}");
  }

  @Test
  void fingerprintCoversRecordComponents() throws IOException {
    String before = fingerprint(Sources.counter());
    String after = fingerprint(replace(Sources.counter(), "demo.Job",
        "Optional<Job.Owner> owner)", "Optional<Job.Owner> manager)"));
    assertThat(after).isNotEqualTo(before);
  }

  @Test
  void fingerprintCoversEnumConstants() throws IOException {
    String before = fingerprint(Sources.counter());
    String after = fingerprint(replace(Sources.counter(), "demo.Priority",
        "LOW, NORMAL, HIGH", "LOW, HIGH, NORMAL"));
    assertThat(after).isNotEqualTo(before);
  }

  @Test
  void fingerprintCoversTheShapesOfIssue3() throws IOException {
    List<JavaFileObject> library = Sources.library();
    String before = fingerprint(library, "demo.LibraryRpc");
    // The order of a sealed interface's subtypes is its tags.
    assertThat(fingerprint(replace(library, "demo.Item", "permits Book, Item.Magazine, Item.Kind",
        "permits Item.Magazine, Book, Item.Kind"), "demo.LibraryRpc")).isNotEqualTo(before);
    // A record reached only through a sealed interface.
    assertThat(fingerprint(replace(library, "demo.Book", "java.util.Set<String> authors",
        "java.util.List<String> authors"), "demo.LibraryRpc")).isNotEqualTo(before);
    // A generic record's type arguments.
    assertThat(fingerprint(replace(library, "demo.Shelf", "Pair<String, Long> tag",
        "Pair<String, Integer> tag"), "demo.LibraryRpc")).isNotEqualTo(before);
    assertThat(fingerprint(library, "demo.LibraryRpc")).isEqualTo(before);
  }

  @Test
  void fingerprintDoesNotDependOnMethodOrder() throws IOException {
    String before = fingerprint(Sources.counter());
    String after = fingerprint(replace(Sources.counter(), "demo.Counter",
        "  long add(long delta);\n\n  long add(long delta, int times);\n",
        "  long add(long delta, int times);\n\n  long add(long delta);\n"));
    assertThat(after).isEqualTo(before);
  }

  private static String idOf(String source) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256")
        .digest(source.getBytes(StandardCharsets.UTF_8));
    return "0x" + HexFormat.of().formatHex(digest, 0, 4);
  }

  private static String fingerprint(List<JavaFileObject> sources) throws IOException {
    return fingerprint(sources, "demo.CounterRpc");
  }

  private static String fingerprint(List<JavaFileObject> sources, String rpc) throws IOException {
    Matcher m = Pattern.compile("FINGERPRINT = \"([^\"]*)\"").matcher(generated(sources, rpc));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static String constant(String rpc, String name) {
    Matcher m = Pattern.compile("static final int " + name + " = (0x[0-9a-f]{8});").matcher(rpc);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static String counterRpc(List<JavaFileObject> sources) throws IOException {
    return generated(sources, "demo.CounterRpc");
  }

  private static String generated(List<JavaFileObject> sources, String name) throws IOException {
    Compilation compilation = Sources.compile(sources);
    assertThat(compilation).succeeded();
    return compilation.generatedSourceFile(name).orElseThrow().getCharContent(false).toString();
  }

  /** The sources with one file's text edited. */
  private static List<JavaFileObject> replace(List<JavaFileObject> sources, String name,
      String from, String to) throws IOException {
    List<JavaFileObject> edited = new ArrayList<>();
    boolean found = false;
    for (JavaFileObject source : sources) {
      String text = source.getCharContent(false).toString();
      if (source.toUri().getPath().endsWith(name.replace('.', '/') + ".java")) {
        assertThat(text).contains(from);
        edited.add(Sources.source(name, text.replace(from, to)));
        found = true;
      } else {
        edited.add(source);
      }
    }
    assertThat(found).isTrue();
    return edited;
  }
}
