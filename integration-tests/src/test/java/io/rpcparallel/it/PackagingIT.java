package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The published artifacts as users get them: the BOM, the jars' module names, their sources and
 * Javadoc jars, and a program built with plain {@code javac -processorpath <processor jar>} and run
 * with {@code java}, on the class path and on the module path. Runs after {@code package} (the
 * {@code packaging} execution of this module's pom), on the jars the build just made.
 */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(180)
class PackagingIT {
  /** The module name each published artifact declares: what users write in their module-info. */
  private static final Map<String, String> MODULE_NAMES = Map.of(
      "rpc-parallel-annotations", "io.rpcparallel.annotations",
      "rpc-parallel-processor", "io.rpcparallel.processor",
      "rpc-parallel-runtime", "io.rpcparallel",
      "rpc-parallel-junit", "io.rpcparallel.junit",
      "rpc-parallel-logback", "io.rpcparallel.logback",
      "rpc-parallel-log4j2", "io.rpcparallel.log4j2");

  private static final Path ROOT = Path.of(System.getProperty("rpcparallel.it.root"));
  private static final String VERSION = System.getProperty("rpcparallel.it.version");

  @TempDir
  Path dir;

  @Test
  void theBomListsEveryPublishedModule() throws Exception {
    Element bom = pom(ROOT.resolve("bom/pom.xml"));
    assertTrue(children(bom, "parent").isEmpty(),
        "the BOM must not inherit the parent: importing it would import the parent's dependencyManagement");
    Set<String> listed = new TreeSet<>();
    for (Element dm : children(bom, "dependencyManagement")) {
      for (Element deps : children(dm, "dependencies")) {
        for (Element d : children(deps, "dependency")) {
          assertEquals("${project.version}", text(d, "version"), text(d, "artifactId"));
          listed.add(text(d, "artifactId"));
        }
      }
    }
    String todo = "a published module (one that makes a jar without maven.deploy.skip) is listed in bom/pom.xml,"
        + " declares maven-source-plugin, maven-javadoc-plugin and an Automatic-Module-Name, and is in"
        + " PackagingIT.MODULE_NAMES; a module that is not for users sets maven.deploy.skip";
    assertEquals(new TreeSet<>(published().keySet()), listed, todo);
    assertEquals(new TreeSet<>(MODULE_NAMES.keySet()), listed, todo);
    for (Map.Entry<String, Path> m : published().entrySet()) {
      assertTrue(plugins(m.getValue()).containsAll(Set.of("maven-source-plugin", "maven-javadoc-plugin")),
          m.getKey() + ": " + todo);
    }
    assertEquals(text(pom(ROOT.resolve("pom.xml")), "version"), text(bom, "version"));
  }

  @Test
  void everyPublishedJarNamesItsModuleAndHasSourcesAndJavadocJars() throws Exception {
    for (Map.Entry<String, Path> m : published().entrySet()) {
      String artifact = m.getKey();
      Path target = m.getValue().resolve("target");
      Path jar = target.resolve(artifact + "-" + VERSION + ".jar");
      try (JarFile f = new JarFile(jar.toFile())) {
        assertEquals(MODULE_NAMES.get(artifact), f.getManifest().getMainAttributes().getValue("Automatic-Module-Name"),
            jar.toString());
      }
      // The JDK reads the same name: the jar is that module on the module path.
      ModuleReference ref = ModuleFinder.of(jar).findAll().iterator().next();
      assertEquals(MODULE_NAMES.get(artifact), ref.descriptor().name());
      try (JarFile sources = new JarFile(target.resolve(artifact + "-" + VERSION + "-sources.jar").toFile());
          JarFile javadoc = new JarFile(target.resolve(artifact + "-" + VERSION + "-javadoc.jar").toFile())) {
        assertTrue(sources.stream().anyMatch(e -> e.getName().endsWith(".java")), artifact + " sources");
        assertTrue(javadoc.getEntry("index.html") != null, artifact + " javadoc");
      }
    }
  }

  @Test
  void theProcessorJarCarriesJavaPoetRelocatedAndTheAnnotationsItReads() throws Exception {
    try (JarFile f = new JarFile(processorJar().toFile())) {
      Set<String> names = f.stream().map(e -> e.getName()).collect(Collectors.toSet());
      assertTrue(names.contains("io/rpcparallel/processor/shaded/javapoet/JavaFile.class"), names.toString());
      assertTrue(names.contains("io/rpcparallel/annotations/RpcWorker.class"), names.toString());
      assertTrue(names.contains("META-INF/services/javax.annotation.processing.Processor"), names.toString());
      assertFalse(names.stream().anyMatch(n -> n.startsWith("com/palantir/")), "JavaPoet left unrelocated");
    }
  }

  /** As a user without a build tool would: javac with the processor jar alone, then java. */
  @Test
  void aProgramBuiltWithPlainJavacSpawnsItsWorker() throws Exception {
    Path src = writeWorker();
    Files.writeString(src.resolve("Main.java"), """
        package hello;

        import io.rpcparallel.SpawnOptions;
        import io.rpcparallel.annotations.RpcParallelApp;

        @RpcParallelApp
        public final class Main {
          public static void main(String[] args) {
            try (GreeterClient c = GreeterRpc.spawnAndConnect(GreeterImpl.class, SpawnOptions.named("greeter"))) {
              System.out.println(c.greet("javac"));
              System.out.println("PID " + c.pid());
            }
          }
        }
        """);
    Path classes = compile("-cp");
    assertTrue(Files.exists(classes.resolve("hello/GreeterRpc.class")));
    assertTrue(Files.exists(classes.resolve("hello/MainRpcParallelMain.class")));

    Process p = new ProcessBuilder(jdkTool("java"), "-cp", classes + File.pathSeparator + userClassPath(),
        "hello.MainRpcParallelMain").redirectErrorStream(true).start();
    List<String> out = output(p);
    String all = String.join("\n", out);
    assertEquals(0, p.exitValue(), all);
    assertEquals("hello, javac", out.get(0), all);
    long worker = out.stream().filter(l -> l.startsWith("PID ")).map(l -> Long.parseLong(l.substring(4)))
        .findFirst().orElseThrow(() -> new AssertionError(all));
    assertNotEquals(p.pid(), worker, "the call ran in a worker process");
    assertTrue(Procs.awaitGone(worker, Await.LIMIT), "the worker ended with its program");
  }

  /**
   * The README's quick start as a user outside this repository follows it: its {@code pom.xml},
   * taken from the README as it is, with the quick start's sources, built by the Maven Wrapper and
   * run through {@code exec:exec}. Its local repository is a new one holding only this build's
   * artifacts, laid out as {@code mvnw install} would lay them out; everything else (Maven's
   * plugins, Netty, SLF4J) comes from this build's local repository, read-only
   * ({@code -Dmaven.repo.local.tail}). So the test installs nothing, and an earlier
   * {@code install} of this version cannot stand in for this build's jars.
   */
  @Test
  void theReadmeQuickStartPomBuildsAndRunsTheQuickStart() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int start = readme.indexOf("```xml\n", readme.indexOf("## Quick start"));
    assertTrue(start > 0, "no xml block in the README's quick start");
    String pomXml = readme.substring(start + "```xml\n".length(), readme.indexOf("\n```", start) + 1);
    assertTrue(pomXml.contains("<version>" + VERSION + "</version>"), "the README's pom names " + VERSION + ":\n" + pomXml);
    Path project = dir.resolve("counter");
    Path sources = project.resolve("src/main/java/io/rpcparallel/examples/quickstart");
    Files.createDirectories(sources);
    Files.writeString(project.resolve("pom.xml"), pomXml);
    try (Stream<Path> files = Files.list(ROOT.resolve("examples/src/main/java/io/rpcparallel/examples/quickstart"))) {
      for (Path f : files.toList()) {
        Files.copy(f, sources.resolve(f.getFileName().toString()));
      }
    }
    Path repository = dir.resolve("repository");
    install(repository, "rpc-parallel-parent", ROOT.resolve("pom.xml"), null);
    install(repository, "rpc-parallel-bom", ROOT.resolve("bom/pom.xml"), null);
    for (String module : List.of("annotations", "runtime")) {
      install(repository, "rpc-parallel-" + module, ROOT.resolve(module + "/pom.xml"),
          ROOT.resolve(module + "/target/rpc-parallel-" + module + "-" + VERSION + ".jar"));
    }
    install(repository, "rpc-parallel-processor", ROOT.resolve("processor/target/dependency-reduced-pom.xml"), processorJar());

    List<String> cmd = new ArrayList<>(List.of(System.getProperty("rpcparallel.it.mvnw"), "-B", "-q",
        "-f", project.resolve("pom.xml").toString(),
        "-Dmaven.repo.local=" + repository,
        "-Dmaven.repo.local.tail=" + System.getProperty("rpcparallel.it.localRepository"),
        "compile", "org.codehaus.mojo:exec-maven-plugin:" + System.getProperty("rpcparallel.it.execPluginVersion") + ":exec",
        "-Dexec.executable=" + jdkTool("java"),
        "-Dexec.args=-cp %classpath io.rpcparallel.examples.quickstart.MainRpcParallelMain"));
    Process p = new ProcessBuilder(cmd).directory(project.toFile()).redirectErrorStream(true).start();
    List<String> out = output(p);
    String all = String.join("\n", out);
    assertEquals(0, p.exitValue(), all);
    assertTrue(Files.exists(project.resolve("target/generated-sources/annotations/io/rpcparallel/examples/quickstart/CounterRpc.java")),
        "the processor ran from annotationProcessorPaths:\n" + all);
    // What the quick start prints (examples' MainTest checks the same), less SLF4J's note that it has
    // no binding and the JVM's warnings about Maven's own code (JDK 24+ warns of its sun.misc.Unsafe use).
    assertEquals(List.of("10", "15", "total 15"),
        out.stream().filter(l -> !l.startsWith("SLF4J") && !l.startsWith("WARNING: ")).toList(), all);
  }

  /** Puts {@code pom} (and {@code jar}) in {@code repository} where a local Maven repository keeps this version of {@code artifact}. */
  private static void install(Path repository, String artifact, Path pom, Path jar) throws IOException {
    Path folder = repository.resolve("io/rpcparallel/" + artifact + "/" + VERSION);
    Files.createDirectories(folder);
    Files.copy(pom, folder.resolve(artifact + "-" + VERSION + ".pom"));
    if (jar != null) {
      Files.copy(jar, folder.resolve(artifact + "-" + VERSION + ".jar"));
    }
  }

  /**
   * A modular program: {@code requires} the module names of the jars, compiled on the module path
   * with the processor jar on {@code -processorpath}, run from its folder with
   * {@code java --module-path <relative path> … -m} and the {@code --add-modules} docs/packaging.md gives.
   * It serves a worker inside its own JVM, and spawns one, which runs from the module path too.
   * Asked for a dashboard without {@code io.netty.codec.http}, it says so once and goes on.
   */
  @Test
  void aModularProgramRequiresTheModuleNamesAndSpawnsWorkersFromTheModulePath() throws Exception {
    Path src = writeWorker();
    Files.writeString(dir.resolve("src/module-info.java"), """
        module hello.modular {
          requires io.rpcparallel;
          requires io.rpcparallel.annotations;
          // A worker loads the generated GreeterRpc and GreeterImpl by name: the runtime needs access.
          exports hello to io.rpcparallel;
        }
        """);
    Files.writeString(src.resolve("Main.java"), """
        package hello;

        import io.rpcparallel.InProcessServer;
        import io.rpcparallel.RpcParallel;
        import io.rpcparallel.SpawnOptions;
        import io.rpcparallel.annotations.RpcParallelApp;

        @RpcParallelApp
        public final class Main {
          public static void main(String[] args) {
            try (InProcessServer<Greeter> server = GreeterRpc.serve(new GreeterImpl());
                GreeterClient c = GreeterRpc.connect(server.worker())) {
              System.out.println(c.greet(Main.class.getModule().getName()));
              System.out.println("RUNTIME " + RpcParallel.class.getModule().getName());
            }
            try (GreeterClient c = GreeterRpc.spawnAndConnect(GreeterImpl.class, SpawnOptions.named("greeter"))) {
              System.out.println("SPAWNED " + c.greet("worker"));
              System.out.println("WORKER_MODULE " + c.module());
              System.out.println("PID " + c.pid());
            }
          }
        }
        """);
    Path classes = compile("--module-path");

    // The runtime, an automatic module, names no modules it needs: the program adds them. The
    // program's own folder is named relative to its working directory; its workers start in /.
    Process p = new ProcessBuilder(jdkTool("java"), "--module-path",
        dir.relativize(classes) + File.pathSeparator + userClassPath(),
        "--add-modules", "io.netty.handler,io.netty.transport.classes.epoll,org.slf4j",
        // Asks for a dashboard without the module that serves it: said once, and the program goes on.
        "-Drpcparallel.dashboard=true",
        "-m", "hello.modular/hello.MainRpcParallelMain").directory(dir.toFile()).redirectErrorStream(true).start();
    List<String> out = output(p);
    String all = String.join("\n", out);
    assertEquals(0, p.exitValue(), all);
    assertTrue(out.contains("hello, hello.modular"), all);
    assertTrue(out.contains("RUNTIME io.rpcparallel"), all);
    assertEquals(1, out.stream().filter(l -> l.startsWith("rpc-parallel: no dashboard (rpcparallel.dashboard=true):")
        && l.endsWith("a program on the module path adds --add-modules io.netty.codec.http")).count(), all);
    assertTrue(out.contains("SPAWNED hello, worker"), all);
    assertTrue(out.contains("WORKER_MODULE hello.modular"), "the worker ran from the module path: " + all);
    long worker = out.stream().filter(l -> l.startsWith("PID ")).map(l -> Long.parseLong(l.substring(4)))
        .findFirst().orElseThrow(() -> new AssertionError(all));
    assertNotEquals(p.pid(), worker, "the call ran in a worker process");
    assertTrue(Procs.awaitGone(worker, Await.LIMIT), "the worker ended with its program");
  }

  /**
   * Runs {@code javac -processorpath <processor jar> <pathOption> <user class path>} on every
   * source under {@code src}; returns the classes' folder.
   */
  private Path compile(String pathOption) throws Exception {
    Path classes = dir.resolve("classes");
    List<String> cmd = new ArrayList<>(List.of(jdkTool("javac"), "-d", classes.toString(),
        "-processorpath", processorJar().toString(), pathOption, userClassPath()));
    try (Stream<Path> s = Files.walk(dir.resolve("src"))) {
      s.filter(f -> f.toString().endsWith(".java")).map(Path::toString).sorted().forEach(cmd::add);
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    List<String> out = output(p);
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + String.join("\n", out));
    return classes;
  }

  /** Writes the worker interface and its implementation into {@code src/hello}, and returns that folder. */
  private Path writeWorker() throws IOException {
    Path src = dir.resolve("src/hello");
    Files.createDirectories(src);
    Files.writeString(src.resolve("Greeter.java"), """
        package hello;

        import io.rpcparallel.annotations.RpcWorker;

        @RpcWorker
        public interface Greeter {
          String greet(String name);

          long pid();

          /** The module the implementation runs in, or null on the class path. */
          String module();
        }
        """);
    Files.writeString(src.resolve("GreeterImpl.java"), """
        package hello;

        public final class GreeterImpl implements Greeter {
          @Override
          public String greet(String name) {
            return "hello, " + name;
          }

          @Override
          public long pid() {
            return ProcessHandle.current().pid();
          }

          @Override
          public String module() {
            return getClass().getModule().getName();
          }
        }
        """);
    return src;
  }

  /**
   * The published modules, artifactId to folder: the modules of the build that make a jar and do
   * not set {@code maven.deploy.skip}.
   */
  private static Map<String, Path> published() throws Exception {
    Map<String, Path> out = new java.util.TreeMap<>();
    for (Element modules : children(pom(ROOT.resolve("pom.xml")), "modules")) {
      for (Element module : children(modules, "module")) {
        Path folder = ROOT.resolve(module.getTextContent().trim());
        Element pom = pom(folder.resolve("pom.xml"));
        String packaging = text(pom, "packaging");
        boolean skipped = children(pom, "properties").stream()
            .anyMatch(p -> "true".equals(text(p, "maven.deploy.skip")));
        if ((packaging == null || packaging.equals("jar")) && !skipped) {
          out.put(text(pom, "artifactId"), folder);
        }
      }
    }
    return out;
  }

  /** The plugins a module's pom declares in its build. */
  private static Set<String> plugins(Path folder) throws Exception {
    Set<String> out = new TreeSet<>();
    for (Element build : children(pom(folder.resolve("pom.xml")), "build")) {
      for (Element plugins : children(build, "plugins")) {
        for (Element plugin : children(plugins, "plugin")) {
          out.add(text(plugin, "artifactId"));
        }
      }
    }
    return out;
  }

  private static Path processorJar() throws IOException {
    Path jar = Path.of(Files.readString(Path.of(System.getProperty("rpcparallel.it.processorPath"))).trim());
    assertTrue(jar.getFileName().toString().endsWith(".jar"),
        "the processor is not packaged yet (" + jar + "): this test runs after package, in the build's packaging execution");
    return jar;
  }

  /** The runtime, the annotations and their dependencies (and an SLF4J binding), as jars. */
  private static String userClassPath() throws IOException {
    String cp = Files.readString(Path.of(System.getProperty("rpcparallel.it.userClassPath"))).trim();
    for (String e : cp.split(File.pathSeparator)) {
      assertTrue(e.endsWith(".jar"), "not packaged yet: " + e);
    }
    return cp;
  }

  private static String jdkTool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  /**
   * The process's output, once it has exited; after two minutes it and its children are killed and
   * the test fails with what it printed. The output is read on a thread of its own, since a read
   * from a pipe cannot be given a deadline.
   */
  private static List<String> output(Process p) throws Exception {
    List<String> out = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      try (var r = p.inputReader(StandardCharsets.UTF_8)) {
        for (String line; (line = r.readLine()) != null; ) {
          out.add(line);
        }
      } catch (IOException e) {
        out.add("(reading the output failed: " + e + ")");
      }
    }, "packaging-it-output");
    reader.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor();
      reader.join(10_000);
      throw new AssertionError("did not end within 120 s: " + p.info().commandLine().orElse("?") + "\n"
          + String.join("\n", out));
    }
    reader.join(10_000);
    return List.copyOf(out);
  }

  private static Element pom(Path file) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node n = nodes.item(i);
      if (n instanceof Element e && e.getTagName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }

  private static String text(Element parent, String name) {
    List<Element> c = children(parent, name);
    return c.isEmpty() ? null : c.get(0).getTextContent().trim();
  }
}
