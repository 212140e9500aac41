package io.rpcparallel.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/** Shapes of worker the golden test does not cover; their generated code must compile cleanly. */
class VariantsTest {
  @Test
  void workerWithoutInitTakesNoInitArgument() throws IOException {
    Compilation compilation = Sources.compile(Sources.source("demo.Pinger", """
        package demo;

        @io.rpcparallel.annotations.RpcWorker
        public interface Pinger {
          void ping();
        }
        """));
    assertThat(compilation).succeededWithoutWarnings();
    String rpc = compilation.generatedSourceFile("demo.PingerRpc").orElseThrow()
        .getCharContent(false).toString();
    assertThat(rpc).contains("Void.class, Codecs.VOID)");
    assertThat(rpc).contains("spawn(Class<? extends Pinger> implementation, SpawnOptions options)");
    assertThat(rpc).contains("Rpc.spawn(TYPE, implementation, null, options)");
  }

  @Test
  void primitiveInitAndNestedWorker() {
    Compilation compilation = Sources.compile(Sources.source("demo.Outer", """
        package demo;

        public final class Outer {
          @io.rpcparallel.annotations.RpcWorker(init = long.class)
          public interface Worker {
            long get();

            void type(String out, String in, String connection, String args);

            String fingerprint(int methodId, long result);
          }
        }
        """));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("demo.Outer_WorkerRpc")
        .contentsAsUtf8String().contains("long.class, Codecs.LONG)");
    assertThat(compilation).generatedSourceFile("demo.Outer_WorkerRpc")
        .contentsAsUtf8String().contains("static final int TYPE_2 =");
  }

  @Test
  void typeGeneratedByAnotherProcessorIsWaitedFor() {
    Compilation compilation = Compiler.javac()
        .withProcessors(new RpcParallelProcessor(), new LateRecordProcessor())
        .compile(Sources.source("demo.Later", """
            package demo;

            @io.rpcparallel.annotations.RpcWorker
            public interface Later {
              Generated make(Generated seed);
            }
            """));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("demo.LaterCodecs")
        .contentsAsUtf8String().contains("Codec<Generated> GENERATED");
  }

  /** Generates {@code demo.Generated}, a record, in the first round. */
  private static final class LateRecordProcessor extends AbstractProcessor {
    private boolean done;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!done) {
        done = true;
        try (Writer out = processingEnv.getFiler().createSourceFile("demo.Generated").openWriter()) {
          out.write("package demo;\n\npublic record Generated(String value) {}\n");
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      return false;
    }
  }
}
