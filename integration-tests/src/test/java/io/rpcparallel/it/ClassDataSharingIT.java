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
 * from the master).
 */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(240)
class ClassDataSharingIT {
  /** In a worker's class-loading log: a class mapped from the dynamic (top) archive. */
  private static final String FROM_ARCHIVE = "source: shared objects file (top)";

  @TempDir
  Path cache;
  @TempDir
  Path logs;

  @Test
  void theFirstWorkerWritesTheArchiveAndTheNextOneMapsItsClasses() throws Exception {
    Run run = run(List.of(), "2", "await");
    assertTrue(run.archive().matches("[0-9a-f]{32}-[0-9]+\\.jsa"), run.archive());
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
    assertFalse(commandLineOf(truncated).contains("SharedArchiveFile"), commandLineOf(truncated));
    assertTrue(commandLineOf(truncated).contains("ArchiveClassesAtExit"), "a new archive is written in its place");

    // An archive of other flags, under this one's name: flags the JVM refuses to map it with (a
    // flag such as -Xss would not do: the JVM maps an archive made with another stack size).
    Run other = run(List.of("-XX:-UseCompressedOops"), "1", "await");
    Path foreign = cache.resolve("cds").resolve(other.archive());
    assertNotEquals(archive.getFileName(), foreign.getFileName());
    Files.delete(archive);
    String key = archive.getFileName().toString().substring(0, 32);
    Files.copy(foreign, archive.resolveSibling(key + "-" + Files.size(foreign) + ".jsa"));
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
      assertTrue(!names.isEmpty() && names.stream().allMatch(n -> n.matches("[0-9a-f]{32}-[0-9]+\\.jsa"))
          && names.stream().map(n -> n.substring(0, 32)).distinct().count() == 1,
          "archives of one key, no temporary file: " + names);
    }
  }

  @Test
  void aLaterProgramOnTheSameClassPathMapsTheArchiveAndWritesNone() throws Exception {
    run(List.of(), "1", "await");
    Run later = run(List.of(), "1");
    assertFalse(commandLineOf(later).contains("ArchiveClassesAtExit"), commandLineOf(later));
    assertTrue(fromArchive(later.workers().get(0)) > 100, "the later program's first worker mapped "
        + fromArchive(later.workers().get(0)) + " classes of rpc-parallel from the archive");
    try (Stream<Path> jars = Files.list(cache.resolve("jars"))) {
      assertTrue(jars.filter(j -> j.toString().endsWith(".jar"))
          .allMatch(j -> j.toFile().lastModified() == 315532800000L), "a packed jar's time changed");
    }
  }

  @Test
  void offWhenTheProgramSaysSo() throws Exception {
    Run run = run(List.of("-Drpcparallel.cds=off"), "2");
    assertEquals(0, fromArchive(run.workers().get(1)));
    assertFalse(Files.exists(cache.resolve("cds")), "no archive written");
    assertFalse(commandLineOf(run).contains("ArchiveClassesAtExit"));
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

  /** How many classes of rpc-parallel the worker mapped from the dynamic archive. */
  private long fromArchive(long workerPid) throws IOException {
    return loaded(workerPid).stream().filter(l -> l.contains(" io.rpcparallel.") && l.contains(FROM_ARCHIVE)).count();
  }

  /** The command lines of the run's workers. */
  private static String commandLineOf(Run run) {
    return run.lines().stream().filter(l -> l.startsWith("CMD ")).collect(Collectors.joining("\n"));
  }
}
