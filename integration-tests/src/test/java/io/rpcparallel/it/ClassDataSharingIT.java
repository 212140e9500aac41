package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class-data sharing for local workers, on by default: master programs with a cache directory of
 * their own, whose workers log where each class came from ({@code -Xlog:class+load}, inherited
 * from the master). Every test runs on the test's own JDK: a dynamic archive on JDK 17 to 23, an
 * AOT cache on JDK 24 and later (the JDK leg of CI, {@code .ci/jdk-leg}); the last one also runs
 * a master on a newer JDK when the test's own is older.
 */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(240)
class ClassDataSharingIT {
  /** Whether workers of this JDK get an AOT cache (JDK 24+) rather than a dynamic archive. */
  private static final boolean AOT = Runtime.version().feature() >= 24;
  /**
   * In a worker's class-loading log: a class mapped from a shared archive. Classes of rpc-parallel
   * are never in the JDK's base archive, so for them this means the worker's dynamic archive (the
   * "top" one) or its AOT cache.
   */
  private static final String FROM_ARCHIVE = "source: shared objects file";
  /** The name of an archive the runtime renamed into place: its key and its size. */
  private static final String ARCHIVE_NAME = "[0-9a-f]{32}-[0-9]+\\." + (AOT ? "aot" : "jsa");
  /** In a worker's command line: it writes (records) the archive. */
  private static final String WRITES = AOT ? "-XX:AOTMode=record" : "-XX:ArchiveClassesAtExit";
  /** In a worker's command line: it maps an archive. */
  private static final String MAPS = AOT ? "-XX:AOTCache" : "-XX:SharedArchiveFile";

  @TempDir
  Path cache;
  @TempDir
  Path logs;

  @Test
  void theFirstWorkerWritesTheArchiveAndTheNextOneMapsItsClasses() throws Exception {
    Run run = run(List.of(), "2", "await");
    assertTrue(run.archive().matches(ARCHIVE_NAME), run.archive());
    assertEquals(0, fromArchive(run.workers().get(0)), "the first worker had no archive to map");
    assertTrue(fromArchive(run.workers().get(1)) > 100,
        "the second worker mapped " + fromArchive(run.workers().get(1)) + " classes of rpc-parallel from the archive");
    // Its own program classes too: the test classes directory was given to it as a packed jar.
    assertTrue(loaded(run.workers().get(1)).stream().anyMatch(l -> l.contains("io.rpcparallel.it.TestWorkerImpl ")
        && l.contains(FROM_ARCHIVE)), "the worker's own implementation class came from the archive");
    try (Stream<Path> jars = Files.list(cache.resolve("jars"))) {
      assertTrue(jars.anyMatch(j -> j.getFileName().toString().endsWith("-test-classes.jar")));
    }
    try (Stream<Path> left = Files.list(cache.resolve("cds"))) {
      assertEquals(List.of(run.archive()), left.map(p -> p.getFileName().toString()).collect(Collectors.toList()),
          "nothing but the archive is left in the cache");
    }
  }

  @Test
  void aLaterRunOfTheProgramMapsTheArchiveAnEarlierRunWrote() throws Exception {
    run(List.of(), "1", "await");
    // The packed jar of the test classes is reused, not rewritten or re-dated: the archive's key
    // and the JVM's own check of the class path both hold.
    Run later = run(List.of(), "1");
    assertTrue(fromArchive(later.workers().get(0)) > 100,
        "the later run's first worker mapped " + fromArchive(later.workers().get(0)) + " classes from the archive");
  }

  @Test
  void aCorruptTruncatedOrForeignArchiveIsIgnoredAndTheSpawnSucceeds() throws Exception {
    Path archive = cache.resolve("cds").resolve(run(List.of(), "1", "await").archive());
    byte[] good = Files.readAllBytes(archive);

    // The same size, other bytes.
    byte[] garbage = new byte[good.length];
    new Random(7).nextBytes(garbage);
    Files.write(archive, garbage);
    Run corrupt = run(List.of(), "1");
    assertEquals(0, fromArchive(corrupt.workers().get(0)));

    // Shorter than written: a JVM mapping it could crash, so it is never given to a worker.
    Files.write(archive, java.util.Arrays.copyOf(good, good.length / 2));
    Run truncated = run(List.of(), "1");
    assertEquals(0, fromArchive(truncated.workers().get(0)));
    assertFalse(commandLineOf(truncated).contains(MAPS), commandLineOf(truncated));
    assertTrue(commandLineOf(truncated).contains(WRITES), "a new archive is written in its place");

    // An archive written under JVM flags it cannot be mapped without, under this one's name.
    Run other = run(List.of("-XX:-UseCompressedOops"), "1", "await");
    Path foreign = cache.resolve("cds").resolve(other.archive());
    assertNotEquals(archive.getFileName(), foreign.getFileName());
    String key = archive.getFileName().toString().substring(0, 32);
    // Every archive under this key goes (the truncated run wrote a new one, whose size may be the
    // foreign one's), so the foreign archive is the only one the next spawn can find.
    try (var files = Files.list(archive.getParent())) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith(key + "-")).toList()) {
        Files.delete(f);
      }
    }
    Files.copy(foreign, archive.resolveSibling(key + "-" + Files.size(foreign) + (AOT ? ".aot" : ".jsa")));
    Run mismatched = run(List.of(), "1");
    assertEquals(0, fromArchive(mismatched.workers().get(0)));
  }

  @Test
  void twoMastersWritingTheArchiveAtOnceBothSucceedAndBothMapIt() throws Exception {
    List<JavaProcess> masters = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        masters.add(start(List.of(), "2", "await"));
      }
      for (JavaProcess m : masters) {
        Run run = finish(m);
        assertTrue(fromArchive(run.workers().get(1)) > 100, "each program's second worker maps the archive");
      }
    } finally {
      for (JavaProcess m : masters) {
        m.close();
      }
    }
    try (Stream<Path> left = Files.list(cache.resolve("cds"))) {
      List<String> names = left.map(p -> p.getFileName().toString()).collect(Collectors.toList());
      // Each may have kept its own archive of the key (neither deletes one a worker may be mapping).
      assertTrue(!names.isEmpty() && names.stream().allMatch(n -> n.matches(ARCHIVE_NAME))
          && names.stream().map(n -> n.substring(0, 32)).distinct().count() == 1,
          "archives of one key, no temporary file: " + names);
    }
  }

  @Test
  void aWorkerRunWithARecordingMapsTheArchiveButNeverWritesOne() throws Exception {
    // The JVM turns JFR off in a JVM that writes an archive: a worker that has a recording keeps it.
    Path recordings = Files.createDirectories(logs.resolve("jfr"));
    List<String> jfr = List.of("-XX:StartFlightRecording=filename=" + recordings + "/");
    Run recorded = run(jfr, "1");
    assertFalse(commandLineOf(recorded).contains("ArchiveClassesAtExit"), commandLineOf(recorded));
    assertTrue(recordingOf(recordings, recorded.workers().get(0)), "the worker wrote its recording");
    // An archive written by a run without a recording is mapped by the workers of one with.
    run(List.of(), "1", "await");
    Run later = run(jfr, "1");
    if (!AOT) {
      // A JDK 24+ JVM with a recording maps no class of the AOT cache (seen on JDK 25): only
      // JDK 17's archive is mapped by a recording worker.
      assertTrue(fromArchive(later.workers().get(0)) > 100,
          "the recording worker mapped " + fromArchive(later.workers().get(0)) + " classes of rpc-parallel from the archive");
    }
    assertTrue(recordingOf(recordings, later.workers().get(0)), "the worker wrote its recording");
  }

  /** Whether the JVM {@code pid} left a recording in {@code dir} (JFR names it {@code hotspot-pid-<pid>-…}). */
  private static boolean recordingOf(Path dir, long pid) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.getFileName().toString().contains("pid-" + pid + "-")
          && f.getFileName().toString().endsWith(".jfr"));
    }
  }

  @Test
  void offWhenTheProgramSaysSo() throws Exception {
    Run run = run(List.of("-Drpcparallel.cds=off"), "2");
    assertEquals(0, fromArchive(run.workers().get(1)));
    assertFalse(Files.exists(cache.resolve("cds")), "no archive written");
    assertFalse(commandLineOf(run).contains(WRITES));
  }

  @Test
  void onJdk24AndLaterWorkersGetAnAotCacheMadeFromWhatTheFirstOneRecorded() throws Exception {
    Path jdk = AOT ? Path.of(System.getProperty("java.home")) : newerJdk();
    JavaProcess p = JavaProcess.startOnJdk(jdk,
        List.of("-Xlog:class+load=info:file=" + logs + "/cl-%p.log"),
        Map.of("RPC_PARALLEL_CACHE_DIR", cache.toString()), CdsProgram.class, "2", "await", cache.toString());
    Run run;
    try (p) {
      run = finish(p);
    }
    assertTrue(run.archive().matches("[0-9a-f]{32}-[0-9]+\\.aot"), run.archive());
    String[] cmds = commandLineOf(run).split("\n");
    assertTrue(cmds[0].contains("-XX:AOTMode=record"), cmds[0]);
    assertTrue(cmds[1].contains("-XX:AOTCache=" + cache.resolve("cds").resolve(run.archive())), cmds[1]);
    // The JDK's own classes come from the AOT cache too, so count the worker's classes of rpc-parallel.
    long mapped = fromArchive(run.workers().get(1));
    assertTrue(mapped > 100, "the second worker mapped " + mapped + " classes of rpc-parallel from the AOT cache");
    assertEquals(0, fromArchive(run.workers().get(0)));
    // The record's line at exit ("AOTConfiguration recorded: …") stays off the program's output.
    assertFalse(run.lines().stream().anyMatch(l -> l.contains("AOTConfiguration recorded")), String.join("\n", run.lines()));
    try (Stream<Path> left = Files.list(cache.resolve("cds"))) {
      assertEquals(List.of(run.archive()), left.map(f -> f.getFileName().toString()).collect(Collectors.toList()),
          "nothing but the cache is left: the record and the unchecked cache are deleted");
    }
  }

  /**
   * A JDK 24 or later under /usr/lib/jvm, for a test JVM older than that (CI machines have one);
   * elsewhere the test is skipped.
   */
  private static Path newerJdk() throws IOException {
    Path jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      try (Stream<Path> homes = Files.list(jvms)) {
        for (Path home : (Iterable<Path>) homes.sorted()::iterator) {
          Path release = home.resolve("release");
          if (Files.isExecutable(home.resolve("bin/java")) && Files.isRegularFile(release)) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("JAVA_VERSION=\"(\\d+)")
                .matcher(Files.readString(release));
            if (m.find() && Integer.parseInt(m.group(1)) >= 24) {
              return home;
            }
          }
        }
      }
    }
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError("no JDK 24 or later under /usr/lib/jvm: the AOT cache test cannot run");
    }
    org.junit.jupiter.api.Assumptions.abort("no JDK 24 or later under /usr/lib/jvm");
    return null;
  }

  /** A finished master program: its workers' pids, and the archive it saw appear (if it waited). */
  private record Run(List<Long> workers, String archive, List<String> lines) {}

  private Run run(List<String> flags, String... args) throws Exception {
    try (JavaProcess p = start(flags, args)) {
      return finish(p);
    }
  }

  private JavaProcess start(List<String> flags, String... args) throws IOException {
    List<String> jvm = new ArrayList<>(flags);
    jvm.add("-Xlog:class+load=info:file=" + logs + "/cl-%p.log");
    List<String> all = new ArrayList<>(List.of(args));
    if (all.contains("await")) {
      all.add(cache.toString());
    }
    return JavaProcess.startWithFlags(jvm, Map.of("RPC_PARALLEL_CACHE_DIR", cache.toString()), CdsProgram.class,
        all.toArray(String[]::new));
  }

  private static Run finish(JavaProcess p) throws Exception {
    List<Long> workers = new ArrayList<>();
    String archive = null;
    while (true) {
      String line = p.readUntil("");
      if (line.startsWith("WORKER ")) {
        workers.add(Long.parseLong(line.substring("WORKER ".length())));
      } else if (line.startsWith("ARCHIVE ")) {
        archive = line.substring("ARCHIVE ".length());
        assertNotEquals("null", archive, "no archive appeared");
      } else if (line.equals("DONE")) {
        break;
      }
    }
    assertEquals(0, p.awaitExit());
    for (long w : workers) {
      assertTrue(Procs.awaitGone(w, Await.LIMIT), "worker " + w + " ended");
    }
    return new Run(workers, archive, p.seen());
  }

  private List<String> loaded(long workerPid) throws IOException {
    return Files.readAllLines(logs.resolve("cl-" + workerPid + ".log"));
  }

  /** How many classes of rpc-parallel the worker mapped from its archive (or AOT cache). */
  private long fromArchive(long workerPid) throws IOException {
    return loaded(workerPid).stream().filter(l -> l.contains(" io.rpcparallel.") && l.contains(FROM_ARCHIVE)).count();
  }

  /** The command lines of the run's workers. */
  private static String commandLineOf(Run run) {
    return run.lines().stream().filter(l -> l.startsWith("CMD ")).collect(Collectors.joining("\n"));
  }
}
