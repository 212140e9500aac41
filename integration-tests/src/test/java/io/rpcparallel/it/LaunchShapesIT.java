package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.SpawnException;
import io.rpcparallel.SpawnOptions;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Programs launched inside another program's class loader, as {@code mvn exec:java} and IDE runners do. */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(240)
class LaunchShapesIT {
  @TempDir
  Path project;

  /**
   * A Maven project of its own whose {@code exec:java} runs a master program in Maven's JVM: the
   * program's class path is the plugin's class loader, not {@code java.class.path} (Maven's
   * launcher), and its worker must still start.
   */
  @Test
  void aProgramRunByMavenExecJavaSpawnsItsWorker() throws Exception {
    StringBuilder elements = new StringBuilder();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      elements.append("<additionalClasspathElement>").append(e).append("</additionalClasspathElement>");
    }
    Files.writeString(project.resolve("pom.xml"), """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>test</groupId>
          <artifactId>exec-java-shape</artifactId>
          <version>1</version>
          <packaging>pom</packaging>
          <build>
            <plugins>
              <plugin>
                <groupId>org.codehaus.mojo</groupId>
                <artifactId>exec-maven-plugin</artifactId>
                <version>%s</version>
                <configuration>
                  <mainClass>%s</mainClass>
                  <additionalClasspathElements>%s</additionalClasspathElements>
                </configuration>
              </plugin>
            </plugins>
          </build>
        </project>
        """.formatted(System.getProperty("rpcparallel.it.execPluginVersion"), FlagsProgram.class.getName(), elements));
    // Not -q: the plugin's warning about threads left after main is printed at WARN.
    List<String> out = maven("exec:java");
    String all = String.join("\n", out);
    assertTrue(out.contains("DONE"), all);
    // RpcParallel.shutdown() left no thread for the plugin to wait 15 s for and warn about.
    assertFalse(all.contains("despite being asked to"), all);
    long pid = out.stream().filter(l -> l.startsWith("PID ")).map(l -> Long.parseLong(l.substring(4))).findFirst()
        .orElseThrow(() -> new AssertionError(all));
    assertTrue(Procs.awaitGone(pid, Await.LIMIT));
    // The worker's class path is the plugin's class loader's: this module's test classes among it.
    String cp = out.stream().filter(l -> l.startsWith("ARG ")).map(l -> l.substring(4))
        .dropWhile(a -> !a.equals("-cp")).skip(1).findFirst().orElseThrow(() -> new AssertionError(all));
    assertTrue(cp.contains("test-classes"), cp);
    assertFalse(cp.contains("plexus-classworlds"), "Maven's own launcher is not the worker's class path: " + cp);
  }

  /**
   * Runs the Maven wrapper on {@link #project}'s pom with {@code args}, and returns its output's
   * lines once it has exited with status 0.
   */
  private List<String> maven(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(System.getProperty("rpcparallel.it.mvnw"), "-B", "-f",
        project.resolve("pom.xml").toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(project.toFile()).redirectErrorStream(true).start();
    List<String> out = new ArrayList<>();
    try (var r = p.inputReader(StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        out.add(line);
      }
    } finally {
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    assertEquals(0, p.exitValue(), String.join("\n", out));
    return out;
  }

  /**
   * A Maven project of its own whose surefire runs a test with {@code forkCount=0}, inside Maven's
   * JVM: the test's class path is surefire's class loader, not {@code java.class.path} (Maven's
   * launcher), and the worker it spawns must still start, on that loader's class path.
   */
  @Test
  void aTestRunBySurefireWithForkCountZeroSpawnsItsWorker() throws Exception {
    StringBuilder elements = new StringBuilder();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      // JUnit comes from the project's own dependency, as in a user's project; no other engines.
      if (!e.matches(".*/(org/junit|org/opentest4j|org/apiguardian|net/jqwik|com/code-intelligence)/.*")) {
        elements.append("<additionalClasspathElement>").append(e).append("</additionalClasspathElement>");
      }
    }
    Path output = project.resolve("worker.txt");
    Files.writeString(project.resolve("pom.xml"), """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>test</groupId>
          <artifactId>fork-count-zero-shape</artifactId>
          <version>1</version>
          <dependencies>
            <dependency>
              <groupId>org.junit.jupiter</groupId>
              <artifactId>junit-jupiter</artifactId>
              <version>%s</version>
              <scope>test</scope>
            </dependency>
          </dependencies>
          <build>
            <plugins>
              <plugin>
                <groupId>org.apache.maven.plugins</groupId>
                <artifactId>maven-surefire-plugin</artifactId>
                <version>%s</version>
                <configuration>
                  <forkCount>0</forkCount>
                  <testClassesDirectory>%s</testClassesDirectory>
                  <test>%s</test>
                  <additionalClasspathElements>%s</additionalClasspathElements>
                  <systemPropertyVariables>
                    <%s>%s</%s>
                  </systemPropertyVariables>
                </configuration>
              </plugin>
            </plugins>
          </build>
        </project>
        """.formatted(System.getProperty("rpcparallel.it.junitVersion"),
        System.getProperty("rpcparallel.it.surefireVersion"),
        Path.of(InProcessSurefireCase.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
        InProcessSurefireCase.class.getName(), elements, InProcessSurefireCase.OUTPUT, output,
        InProcessSurefireCase.OUTPUT));
    List<String> out = maven("surefire:test");
    String all = String.join("\n", out);
    assertTrue(out.stream().anyMatch(l -> l.contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0")), all);
    List<String> worker = Files.readAllLines(output);
    long pid = worker.stream().filter(l -> l.startsWith("PID ")).map(l -> Long.parseLong(l.substring(4)))
        .findFirst().orElseThrow(() -> new AssertionError(all));
    assertTrue(Procs.awaitGone(pid, Await.LIMIT));
    // The worker's class path is surefire's class loader's: this module's test classes among it.
    String cp = worker.stream().filter(l -> l.startsWith("ARG ")).map(l -> l.substring(4))
        .dropWhile(a -> !a.equals("-cp")).skip(1).findFirst().orElseThrow(() -> new AssertionError(worker));
    assertTrue(cp.contains("test-classes"), cp);
    assertFalse(cp.contains("plexus-classworlds"), "Maven's own launcher is not the worker's class path: " + cp);
  }

  /** A class loader that does not say where its classes come from: the spawn fails before any child starts. */
  @Test
  void aProgramInsideAClassLoaderThatListsNoClassPathIsToldHowToLaunchIt() throws Exception {
    byte[] bytes;
    try (var in = TestWorkerImpl.class.getResourceAsStream("TestWorkerImpl.class")) {
      bytes = in.readAllBytes();
    }
    ClassLoader opaque = new ClassLoader(LaunchShapesIT.class.getClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.equals(TestWorkerImpl.class.getName())) {
          synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            return c != null ? c : defineClass(name, bytes, 0, bytes.length);
          }
        }
        return super.loadClass(name, resolve);
      }
    };
    @SuppressWarnings("unchecked")
    Class<? extends TestWorker> impl = (Class<? extends TestWorker>) opaque.loadClass(TestWorkerImpl.class.getName());
    SpawnException e = assertThrows(SpawnException.class,
        () -> TestWorkerRpc.spawn(impl, TestConfig.of(0), SpawnOptions.named("opaque")));
    assertTrue(e.getMessage().contains("runs inside another program's class loader"), e.getMessage());
    assertTrue(e.getMessage().contains("mvn exec:exec rather than exec:java, surefire with forkCount=1 rather than 0"),
        e.getMessage());
  }
}
