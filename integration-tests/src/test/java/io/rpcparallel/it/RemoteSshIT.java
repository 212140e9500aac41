package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.Foreground;
import io.rpcparallel.HowToRun;
import io.rpcparallel.Redirect;
import io.rpcparallel.RemoteArtifacts;
import io.rpcparallel.ShutdownOn;
import io.rpcparallel.SpawnException;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.Worker;
import io.rpcparallel.WorkerDiedException;
import io.rpcparallel.it.remote.SshFixture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Workers on "another host" over ssh: a real sshd on 127.0.0.2 (this machine, reached at a
 * different loopback address than the master's 127.0.0.1, so a mix-up of addresses fails).
 */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RemoteSshIT {
  @RegisterExtension
  static final SshFixture SSH = new SshFixture();

  static final String HOST = "127.0.0.2";

  /** The host, with the class path staged under the fixture's directory (removed with it). */
  static HowToRun.Ssh host() {
    return HowToRun.ssh(HOST).withArtifactsDir(SSH.dir().resolve("artifacts").toString());
  }

  private static SpawnOptions on(HowToRun how, String name) {
    return SpawnOptions.named(name).withHowToRun(how);
  }

  @Test
  void workersOverSshAnswerCallsAndStreamsAtTheAddressTheyAdvertise() throws Exception {
    try (TestWorkerClient a = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(5), on(host(), "ssh-a"));
        StreamWorkerClient b = StreamWorkerRpc.spawnAndConnect(StreamWorkerImpl.class, on(host(), "ssh-b"))) {
      assertEquals(7, a.add(2));
      assertEquals("hi", a.echo("hi"));
      Collector<Long> got = Collector.eager();
      b.count(10, 5).subscribe(got);
      assertEquals(List.of(10L, 11L, 12L, 13L, 14L), got.awaitAll());
      // Under the default transport_security (auto), a worker started over ssh is reached over TLS,
      // though its address (127.0.0.2) is loopback; a local worker is not, and reaches it over TLS
      // too, with credentials it asks this process for.
      assertTrue(a.control().encrypted() && b.control().encrypted(), "ssh workers' connections are TLS");
      try (StreamWorkerClient local = StreamWorkerRpc.spawnAndConnect(StreamWorkerImpl.class,
          SpawnOptions.named("local-relay"))) {
        assertFalse(local.control().encrypted(), "a local worker's connection is plain");
        assertFalse(local.control().worker().tls());
        Collector<Long> relayed = Collector.eager();
        local.relay(Peer.of(b.control().worker()), 3).subscribe(relayed);
        assertEquals(List.of(0L, 1L, 2L), relayed.awaitAll());
      }
      for (Worker<?> w : List.of(a.control().worker(), b.control().worker())) {
        assertEquals(HOST, w.host(), "a worker reached over ssh at 127.0.0.2 advertises that address");
        // It listens there and only there: the master's own address does not reach it.
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(HOST, w.port()), 5_000);
        }
        assertThrows(IOException.class, () -> {
          try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", w.port()), 5_000);
          }
        });
      }
      // A worker started over ssh runs in an sshd session, not as a child of this JVM.
      assertTrue(ProcessHandle.current().children().noneMatch(p -> p.pid() == a.pid()));
    }
  }

  @Test
  void stagingTwiceCopiesNothingAndATamperedCopyFailsWithTheExactMessage() throws Exception {
    String dir = SSH.dir().resolve("staged-" + System.nanoTime()).toString();
    RemoteArtifacts first = RemoteArtifacts.copyTo(host(), dir);
    assertTrue(first.files() > 0);
    assertEquals(first.files(), first.filesCopied(), "a fresh directory gets every file");
    RemoteArtifacts second = RemoteArtifacts.copyTo(host(), dir);
    assertEquals(0, second.filesCopied(), "a second staging copies nothing");
    RemoteArtifacts existing = RemoteArtifacts.existingOn(host(), dir);
    try (TestWorkerClient w = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(0),
        on(host().withArtifacts(existing), "from-copy"))) {
      assertEquals(1, w.add(1));
    }
    // Tamper with one staged jar on the "remote" side (the same file system).
    Path victim;
    try (Stream<Path> s = Files.list(Path.of(first.absoluteDir()))) {
      victim = s.sorted().findFirst().orElseThrow();
    }
    Files.write(victim, new byte[] {1}, StandardOpenOption.APPEND);
    String expected = "The remote executable " + HOST + ":" + victim + " does not match the local executable";
    SpawnException e = assertThrows(SpawnException.class, () -> TestWorkerRpc.spawn(TestWorkerImpl.class,
        TestConfig.of(0), on(host().withArtifacts(existing), "tampered")));
    assertEquals(expected, e.getMessage());
    SpawnException e2 = assertThrows(SpawnException.class, () -> RemoteArtifacts.existingOn(host(), dir));
    assertEquals(expected, e2.getMessage());
    // Also when nobody reads the worker's stderr during the spawn.
    SpawnException e3 = assertThrows(SpawnException.class, () -> TestWorkerRpc.spawnForeground(TestWorkerImpl.class,
        TestConfig.of(0), on(host().withArtifacts(existing), "tampered-fg").withStderr(Redirect.pipe())));
    assertEquals(expected, e3.getMessage());
    first.delete();
  }

  @Test
  void deletingACopyLeavesTheDirectoryAsItWas() throws Exception {
    Path existing = Files.createDirectories(SSH.dir().resolve("kept-" + System.nanoTime()));
    Files.writeString(existing.resolve("keep.txt"), "mine");
    RemoteArtifacts copy = RemoteArtifacts.copyTo(host(), existing.toString());
    assertTrue(list(existing).size() > 1);
    copy.delete();
    assertEquals(List.of("keep.txt"), list(existing));

    Path parent = SSH.dir().resolve("made-" + System.nanoTime());
    RemoteArtifacts nested = RemoteArtifacts.copyTo(host(), parent.resolve("a/b").toString());
    assertTrue(Files.isDirectory(parent.resolve("a/b")));
    nested.delete();
    assertFalse(Files.exists(parent), "the directories the copy made are gone");

    // A relative directory is under the remote home.
    String relative = "rel-" + System.nanoTime() + "/a/b";
    RemoteArtifacts rel = RemoteArtifacts.copyTo(host(), relative);
    Path made = SSH.remoteHome().resolve(relative);
    assertEquals(made.toString(), rel.absoluteDir());
    rel.delete();
    assertFalse(Files.exists(SSH.remoteHome().resolve(relative.substring(0, relative.indexOf('/')))),
        "the directories a relative copy made are gone");
  }

  private static List<String> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void envCdWrapAndRedirectsHoldOnTheRemoteHost() throws Exception {
    String tricky = "a 'single' \"double\" back\\slash !bang $HOME `tick` ; & | * ~ é\ttab\nnewline";
    Path cd = Files.createDirectories(SSH.dir().resolve("cd-" + System.nanoTime()));
    HowToRun wrapped = HowToRun.wrap(HowToRun.wrap(host(), List.of("nice", "-n", "10")), List.of("env", "MARK=1"));
    try (TestWorkerClient w = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(0),
        on(wrapped, "wrapped").withEnv("RPC_IT_TRICKY", tricky).withEnv("RPC_IT_EMPTY", "").withCd(cd)
            .withStdout(Redirect.truncate(Path.of("out.log"))))) {
      assertEquals(tricky, w.env("RPC_IT_TRICKY"), "env values arrive byte for byte over ssh");
      assertEquals("", w.env("RPC_IT_EMPTY"));
      assertEquals(cd.toString(), w.cwd());
      assertEquals("1", w.env("MARK"), "wrap(env MARK=1) is in front of the worker");
      assertEquals(10, niceness(w.pid()), "wrap(nice -n 10) is in front of the worker");
      w.printNow("to the remote file", "to stderr");
    }
    assertEquals(List.of("to the remote file"), Files.readAllLines(cd.resolve("out.log")));
  }

  @Test
  void aRelativeCdIsRelativeToTheRemoteHome() throws Exception {
    Path work = Files.createDirectories(SSH.remoteHome().resolve("relwork"));
    try (TestWorkerClient w = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(0),
        on(host(), "relative-cd").withCd(Path.of("relwork")))) {
      assertEquals(work.toRealPath().toString(), Path.of(w.cwd()).toRealPath().toString());
    }
  }

  private static int niceness(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Integer.parseInt(f[16]);
  }

  @Test
  void stderrIsPrefixedAndAForegroundSpawnPassesRemoteStdoutThrough() throws Exception {
    try (StderrCapture err = new StderrCapture()) {
      try (TestWorkerClient w = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(0),
          on(host(), "noisy"))) {
        w.printNow("out", "a remote stderr line");
        err.await("[WORKER noisy STDERR]: a remote stderr line");
      }
    }
    Foreground<TestWorkerClient> fg = TestWorkerRpc.spawnForeground(TestWorkerImpl.class, TestConfig.of(0),
        on(host(), "fg").withStdout(Redirect.pipe()));
    Process p = fg.process();
    fg.client().printNow("remote stdout line", "x");
    fg.close();
    Await.exit(p);
    List<String> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      r.lines().forEach(out::add);
    }
    assertTrue(out.contains("remote stdout line"), out.toString());
  }

  @Test
  void theThreeShutdownModesHoldRemotely() throws Exception {
    TestWorkerClient closed = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(0),
        on(host(), "closed"));
    long pid = closed.pid();
    closed.close();
    Await.exit(pid);

    for (ShutdownOn mode : List.of(ShutdownOn.HEARTBEAT_TIMEOUT, ShutdownOn.EXPLICIT)) {
      Worker<TestWorker> w = TestWorkerRpc.spawn(TestWorkerImpl.class, TestConfig.of(0),
          on(host(), "mode-" + mode.name().toLowerCase()).withShutdownOn(mode));
      long p;
      try (TestWorkerClient c = TestWorkerRpc.connect(w)) {
        p = c.pid();
      }
      try (TestWorkerClient c = TestWorkerRpc.connect(w)) {
        assertEquals(p, c.pid(), mode + ": the worker outlives a closed connection");
        c.control().shutdown();
      }
      Await.exit(p);
    }
  }

  @Test
  void aBackgroundFailureOnTheRemoteHostReachesOnFailure() throws Exception {
    CompletableFuture<io.rpcparallel.RemoteException> failure = new CompletableFuture<>();
    try (ProbeWorkerClient c = ProbeWorkerRpc.spawnAndConnect(ProbeWorkerImpl.class, on(host(), "remote-bg")
        .withShutdownOn(ShutdownOn.HEARTBEAT_TIMEOUT).withOnFailure(failure::complete))) {
      long pid = c.pid();
      c.failInBackground("remote boom");
      io.rpcparallel.RemoteException e = Await.result(failure);
      assertEquals("remote-bg", e.worker());
      assertEquals("remote boom", e.remoteMessage());
      Await.exit(pid);
    }
  }

  @Test
  void aWorkerKilledOnItsHostFailsEveryCallInFlightWithWorkerDied() throws Exception {
    try (TestWorkerClient w = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(0),
        on(host(), "victim"))) {
      long pid = w.pid();
      List<CompletableFuture<Long>> calls = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        calls.add(w.async().sleep(120_000));
      }
      SSH.run(HOST, "kill", "-9", Long.toString(pid));
      long start = System.nanoTime();
      for (CompletableFuture<Long> c : calls) {
        Throwable t = Await.failure(c);
        WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, t, String.valueOf(t));
        assertTrue(died.getMessage().contains("victim") && died.getMessage().contains(HOST), died.getMessage());
      }
      assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(30)) < 0,
          "within the heartbeat timeout");
    }
  }

  @Test
  void badHostsFailTheSpawnWithAMessageThatNamesTheHostAndTheCause() throws Exception {
    assertSpawnFails(HowToRun.ssh("no-such-host.invalid"), "no-such-host.invalid", "Could not resolve hostname");
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
      closedPort = s.getLocalPort();
    }
    assertSpawnFails(host().withPort(closedPort), HOST, "Connection refused");
    assertSpawnFails(host().withPort(SSH.passwordOnlyPort()), HOST, "Permission denied");
    assertSpawnFails(host().withJava("/nonexistent/jdk/bin/java"), HOST,
        "no java on " + HOST + ": tried /nonexistent/jdk/bin/java");
  }

  private static void assertSpawnFails(HowToRun how, String host, String cause) {
    long start = System.nanoTime();
    SpawnException e = assertThrows(SpawnException.class, () -> TestWorkerRpc.spawn(TestWorkerImpl.class,
        TestConfig.of(0), on(how, "bad").withSpawnTimeout(Duration.ofSeconds(20))));
    assertTrue(e.getMessage().contains(host), e.getMessage());
    assertTrue(e.getMessage().contains(cause), e.getMessage());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(20)) < 0,
        "within the spawn timeout: " + e.getMessage());
  }

  @Test
  void spawningStillWorksAfterTheProgramsJarWasMovedOrDeleted() throws Exception {
    String testClasses = Path.of("target", "test-classes").toAbsolutePath().toString();
    for (String mode : List.of("move", "delete")) {
      Path dir = Files.createDirectories(SSH.dir().resolve("jar-" + mode));
      Path jar = dir.resolve("app.jar");
      try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
          Stream<Path> files = Files.walk(Path.of(testClasses))) {
        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          out.putNextEntry(new java.util.jar.JarEntry(Path.of(testClasses).relativize(f).toString()));
          Files.copy(f, out);
          out.closeEntry();
        }
      }
      List<String> cp = new ArrayList<>(List.of(jar.toString()));
      for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
        if (!Path.of(e).toAbsolutePath().toString().equals(testClasses)) {
          cp.add(e);
        }
      }
      try (JavaProcess p = JavaProcess.startOnClassPath(String.join(java.io.File.pathSeparator, cp),
          MovedJarProgram.class, mode, jar.toString(), HOST, SSH.dir().resolve("artifacts").toString())) {
        assertEquals("OK 42 52", p.readUntil("OK "), mode + ": a local and an ssh worker spawned after the jar went");
        assertEquals(0, p.awaitExit());
      }
      assertFalse(Files.exists(jar));
    }
  }

  @Test
  void aSpawnThatTimesOutKillsTheWorkerOnItsHost() {
    SpawnException e = assertThrows(SpawnException.class, () -> TestWorkerRpc.spawn(TestWorkerImpl.class,
        new TestConfig(0, "slow", 60_000), on(host(), "too-slow").withSpawnTimeout(Duration.ofSeconds(5))));
    assertTrue(e.getMessage().contains("timed out"), e.getMessage());
    // What is left running is checked after each test.
  }
}
