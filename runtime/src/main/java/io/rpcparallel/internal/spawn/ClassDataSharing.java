package io.rpcparallel.internal.spawn;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Class-data sharing for the workers this process starts on this machine, on by default.
 *
 * <p>The first worker of a class path and JVM writes a dynamic CDS archive of every class it
 * loaded when it exits ({@code -XX:ArchiveClassesAtExit}) to a temporary file; once it has exited,
 * a {@code java -Xshare:on -version} probe checks that the archive maps, and the file is renamed
 * into place. Later workers, of this process or of any other with the same class path and JVM,
 * map those classes ({@code -XX:SharedArchiveFile}) instead of loading and verifying them. An
 * archive is only ever used under the name it was renamed to and with the size it had then, so a
 * torn or truncated file (which can crash a JVM that maps it) is never given to a worker; two
 * masters racing each write their own file and the last rename wins.
 *
 * <p>On JDK 24 and later the archive is an AOT cache instead, which also holds the classes linked
 * and the methods' profiles (about 10% faster spawns than a dynamic archive on JDK 25): the first
 * worker records ({@code -XX:AOTMode=record}, with {@code -XX:-DisplayVMOutput} so that the line
 * the JVM prints at the end of a recording does not reach the program's output), the check makes
 * the cache from the record ({@code -XX:AOTMode=create}) and maps it ({@code -XX:AOTMode=on}), and
 * later workers get {@code -XX:AOTCache}.
 *
 * <p>Archives live in a per-user cache directory ({@value #CACHE_DIR_PROPERTY}, else
 * {@value #CACHE_DIR_ENV}, else {@code $XDG_CACHE_HOME/rpc-parallel} or
 * {@code ~/.cache/rpc-parallel}), named by a hash of the JVM, its flags other than {@code -D} and
 * the class path's entries (paths, sizes and times). The JVM archives no classes from a directory,
 * and refuses to write an archive when the class path has a non-empty one: directories are packed
 * into jars in the cache (once per content, by sizes and times) and the worker is given the jars.
 *
 * <p>Off with {@code -D}{@value #PROPERTY}{@code =off} (or {@value #ENV_VAR}{@code =off}); off by
 * itself when the program manages class-data sharing itself ({@code -XX:SharedArchiveFile},
 * {@code -XX:AOTCache}, {@code -Xshare:off}), when a jar's manifest {@code Class-Path} names a
 * directory, and when the cache directory cannot be written. Whatever fails here is logged at
 * debug and the worker starts without an archive.
 */
final class ClassDataSharing {
  private static final Logger log = LoggerFactory.getLogger(ClassDataSharing.class);

  /** The system property that turns class-data sharing for workers off ({@code off}). */
  static final String PROPERTY = "rpcparallel.cds";
  /** The environment variable that turns class-data sharing for workers off ({@code off}). */
  static final String ENV_VAR = "RPC_PARALLEL_CDS";
  /** The system property naming the cache directory. */
  static final String CACHE_DIR_PROPERTY = "rpcparallel.cacheDir";
  /** The environment variable naming the cache directory. */
  static final String CACHE_DIR_ENV = "RPC_PARALLEL_CACHE_DIR";

  /** Archives and packed jars kept in the cache, each; the least recently used go first. */
  private static final int KEEP = 24;
  /** Tries per archive and process: a worker that is killed writes none. */
  private static final int TRIES = 3;
  /** A temporary archive older than this was left by a process that died before renaming it. */
  private static final Duration STALE = Duration.ofMinutes(10);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
  private static final AtomicLong COUNTER = new AtomicLong();
  private static final FileTime PACKED_TIME = FileTime.fromMillis(315532800000L); // 1980-01-01

  /**
   * Whether workers get an AOT cache (JDK 24+: classes loaded and linked, and method profiles)
   * rather than a dynamic class-data archive: workers run on this JVM.
   */
  static final boolean AOT = Runtime.version().feature() >= 24;
  private static final String SUFFIX = AOT ? ".aot" : ".jsa";
  private static final ClassDataSharing INSTANCE = new ClassDataSharing(cacheDir());

  /**
   * How one worker is started.
   *
   * @param classPath the class path to start it with (directories replaced by packed jars)
   * @param flags the class-data sharing flags to add
   * @param dumpTo the temporary archive this worker writes when it exits, if it is the one to write it
   * @param archive where that archive goes once it is checked
   */
  record Plan(List<String> classPath, List<String> flags, Optional<Path> dumpTo, Optional<Path> archive) {
    Plan {
      classPath = List.copyOf(classPath);
      flags = List.copyOf(flags);
    }

    static Plan none(List<String> classPath) {
      return new Plan(classPath, List.of(), Optional.empty(), Optional.empty());
    }
  }

  /** A class path made ready, once per process: the jars to use and the archive's key, or why none. */
  private record Prepared(List<String> classPath, String key, String skip) {}

  private final Optional<Path> dir;
  private final Map<List<String>, Prepared> prepared = new ConcurrentHashMap<>();
  private final Set<String> writing = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();
  private final Set<Path> touched = ConcurrentHashMap.newKeySet();
  private volatile boolean swept;

  ClassDataSharing(Optional<Path> dir) {
    this.dir = dir;
  }

  static ClassDataSharing get() {
    return INSTANCE;
  }

  /** Whether the program left class-data sharing on (read at each spawn). */
  private static boolean enabled() {
    String v = System.getProperty(PROPERTY, System.getenv(ENV_VAR));
    return v == null || !(v.equalsIgnoreCase("off") || v.equalsIgnoreCase("false"));
  }

  /** The per-user cache directory of rpc-parallel. */
  static Optional<Path> cacheDir() {
    String v = System.getProperty(CACHE_DIR_PROPERTY, System.getenv(CACHE_DIR_ENV));
    if (v != null && !v.isBlank()) {
      return Optional.of(Path.of(v).toAbsolutePath());
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Optional.of(Path.of(xdg, "rpc-parallel"));
    }
    String home = System.getProperty("user.home");
    return home == null || home.isBlank() || home.equals("?") ? Optional.empty()
        : Optional.of(Path.of(home, ".cache", "rpc-parallel"));
  }

  /**
   * How to start a worker with {@code workerFlags} on {@code classPath} and {@code env} over this
   * process's environment: with the archive when there is one, else (for one worker at a time)
   * writing it.
   */
  Plan plan(List<String> workerFlags, List<String> classPath, Map<String, String> env) {
    if (!enabled() || dir.isEmpty() || managedByProgram(workerFlags) || onModulePath(workerFlags)) {
      return Plan.none(classPath);
    }
    // A JVM that writes an archive turns JFR off ("JFR will be disabled during CDS dumping"): a
    // worker run with a recording maps an archive but never writes one, and the recording's flag
    // neither names the archive nor reaches the JVMs that check one (they would record too).
    boolean recording = workerFlags.stream().anyMatch(ClassDataSharing::startsRecording);
    List<String> jvmFlags = recording ? workerFlags.stream().filter(f -> !startsRecording(f)).toList() : workerFlags;
    List<String> keyParts = new ArrayList<>(jvmFlags);
    keyParts.add("\0");
    keyParts.addAll(classPath);
    Prepared p = prepared.computeIfAbsent(keyParts, k -> prepare(jvmFlags, classPath));
    if (p.skip() != null) {
      return Plan.none(classPath);
    }
    Path cds = dir.get().resolve("cds");
    Optional<Path> archive = find(cds, p.key());
    if (archive.isPresent()) {
      if (touched.add(archive.get())) {
        touch(archive.get());
      }
      return new Plan(p.classPath(), List.of((AOT ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive.get()),
          Optional.empty(), Optional.empty());
    }
    Plan without = new Plan(p.classPath(), List.of(), Optional.empty(), Optional.empty());
    // Before JDK 24 a JVM with a Java agent refuses to write a dynamic archive ("Must enable
    // AllowArchivingWithJavaAgent") and does not start: such a worker maps an archive but never writes one.
    if (recording || !AOT && hasJavaAgent(workerFlags, env) || tries.computeIfAbsent(p.key(), k -> new AtomicInteger()).get() >= TRIES || !writing.add(p.key())) {
      return without;
    }
    try {
      Files.createDirectories(cds);
      sweep(cds);
      // A worker of a program that ended before it did wrote its archive with nobody to check it.
      Optional<Path> orphan = orphan(cds, p.key());
      if (orphan.isPresent()) {
        check(orphan.get(), cds.resolve(p.key()), jvmFlags, p.classPath());
        return without;
      }
    } catch (IOException e) {
      log.debug("class-data sharing off: cannot use {}", cds, e);
      writing.remove(p.key());
      return without;
    }
    tries.get(p.key()).incrementAndGet();
    Path tmp = cds.resolve(p.key() + "." + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet() + ".tmp");
    // On JDK 24+ the worker records which classes it loads and how its methods run; the check
    // makes the cache from that record. The record's one line at exit is kept off the worker's output.
    List<String> flags = AOT
        ? List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + tmp, "-XX:+UnlockDiagnosticVMOptions",
            "-XX:-DisplayVMOutput")
        : List.of("-XX:ArchiveClassesAtExit=" + tmp);
    return new Plan(p.classPath(), flags, Optional.of(tmp), Optional.of(cds.resolve(p.key())));
  }

  /** Whether a worker with these flags and environment (over this process's) runs a Java agent. */
  static boolean hasJavaAgent(List<String> workerFlags, Map<String, String> env) {
    if (workerFlags.stream().anyMatch(f -> f.startsWith("-javaagent:"))) {
      return true;
    }
    for (String var : JvmFlags.OPTIONS_VARIABLES) {
      String v = env.containsKey(var) ? env.get(var) : System.getenv(var);
      if (JvmFlags.tokens(v).stream().anyMatch(f -> f.startsWith("-javaagent:"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Called once the worker started with {@code plan} is running: notes its pid beside the archive
   * it will write, so that a later process can check and keep the archive if this one ends first.
   */
  void started(Plan plan, Process process) {
    if (plan.dumpTo().isEmpty()) {
      return;
    }
    try {
      Files.writeString(pidFile(plan.dumpTo().get()), process.pid() + " "
          + process.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
    } catch (IOException e) {
      log.debug("could not note the pid of the worker writing {}", plan.dumpTo().get(), e);
    }
  }

  /**
   * Called once the worker started with {@code plan} has exited (or failed to start): checks the
   * archive it wrote and renames it into place.
   */
  void exited(Plan plan, List<String> jvmFlags) {
    if (plan.dumpTo().isPresent()) {
      check(plan.dumpTo().get(), plan.archive().get(), jvmFlags, plan.classPath());
    }
  }

  /** Checks and keeps {@code tmp} as the archive {@code archiveBase}, on a thread of its own (the check starts a JVM). */
  private void check(Path tmp, Path archiveBase, List<String> jvmFlags, List<String> classPath) {
    String key = archiveBase.getFileName().toString();
    if (!Files.isRegularFile(tmp)) {
      // A worker that failed to start or was killed wrote nothing: no JVM to run, no thread.
      log.debug("worker wrote no class-data archive at {}", tmp);
      try {
        Files.deleteIfExists(pidFile(tmp));
      } catch (IOException e) {
        log.debug("could not delete {}", pidFile(tmp), e);
      }
      writing.remove(key);
      return;
    }
    Thread t = new Thread(() -> {
      try {
        publish(tmp, archiveBase, jvmFlags, classPath);
      } finally {
        writing.remove(key);
      }
    }, "rpc-parallel-cds-check");
    t.setDaemon(true);
    t.start();
  }

  /** The AOT cache made from the record {@code tmp}, until it is checked (swept like {@code tmp} when left). */
  private static Path madeFrom(Path tmp) {
    String name = tmp.getFileName().toString();
    return tmp.resolveSibling(name.substring(0, name.length() - ".tmp".length()) + ".cache.tmp");
  }

  private static Path pidFile(Path tmp) {
    return tmp.resolveSibling(tmp.getFileName() + ".pid");
  }

  /** An archive of {@code key} whose writer has exited and that nobody checked. */
  private static Optional<Path> orphan(Path cds, String key) throws IOException {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(cds, key + ".*.tmp")) {
      for (Path tmp : s) {
        if (writerGone(pidFile(tmp))) {
          return Optional.of(tmp);
        }
      }
    }
    return Optional.empty();
  }

  /** Whether the worker noted in {@code pidFile} has exited (false when there is no note). */
  private static boolean writerGone(Path pidFile) {
    try {
      String[] note = Files.readString(pidFile).trim().split(" ");
      long pid = Long.parseLong(note[0]);
      long start = Long.parseLong(note[1]);
      Optional<ProcessHandle> h = ProcessHandle.of(pid);
      return h.isEmpty() || !h.get().isAlive()
          || h.get().info().startInstant().map(Instant::toEpochMilli).orElse(0L) != start;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private void publish(Path tmp, Path archiveBase, List<String> jvmFlags, List<String> classPath) {
    try {
      if (!Files.isRegularFile(tmp) || Files.size(tmp) == 0) {
        log.debug("worker wrote no class-data archive at {}", tmp);
        return;
      }
      Path made = tmp;
      if (AOT) {
        made = madeFrom(tmp);
        if (!run(tmp, jvmFlags, classPath, "-XX:AOTMode=create", "-XX:AOTConfiguration=" + tmp,
            "-XX:AOTCache=" + made)) {
          return;
        }
      }
      if (!run(made, jvmFlags, classPath, AOT ? "-XX:AOTCache=" + made : "-XX:SharedArchiveFile=" + made,
          AOT ? "-XX:AOTMode=on" : "-Xshare:on", "-version")) {
        return;
      }
      long size = Files.size(made);
      Path archive = archiveBase.resolveSibling(archiveBase.getFileName() + "-" + size + SUFFIX);
      Files.move(made, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      log.debug("class-data archive for workers written: {}", archive);
      // Two processes that wrote an archive of the same key at once each keep their own: deleting
      // the other could pull it from under a worker about to map it. Workers get the newest.
      prune(archiveBase.getParent(), SUFFIX);
    } catch (IOException | RuntimeException e) {
      log.debug("class-data archive {} not kept", tmp, e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
        Files.deleteIfExists(madeFrom(tmp));
        Files.deleteIfExists(pidFile(tmp));
      } catch (IOException e) {
        log.debug("could not delete {}", tmp, e);
      }
    }
  }

  /**
   * Runs a JVM that does nothing of the program's on {@code archive}: the one that makes an AOT
   * cache, or the one that checks that the archive maps (it is kept only if it does).
   */
  private static boolean run(Path archive, List<String> jvmFlags, List<String> classPath, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String f : jvmFlags) {
      // Nothing of the program runs in the probe: no agents, no logs.
      if (!(f.startsWith("-javaagent") || f.startsWith("-agent") || f.startsWith("-Xlog") || f.startsWith("-D")
          || f.startsWith("-XX:StartFlightRecording") || f.startsWith("-XX:+StartAttachListener"))) {
        cmd.add(f);
      }
    }
    cmd.add("-cp");
    cmd.add(String.join(java.io.File.pathSeparator, classPath));
    cmd.addAll(List.of(args));
    // No pipes: the probe holds none of this process's descriptors.
    Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      if (!p.waitFor(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        log.debug("class-data archive {} not kept: its check did not end", archive);
        return false;
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      return false;
    }
    if (p.exitValue() != 0) {
      log.debug("class-data archive {} not kept: a JVM could not map it (status {})", archive, p.exitValue());
      return false;
    }
    return true;
  }

  /** The newest archive for {@code key} that was renamed into place and still has the size it was written with. */
  static Optional<Path> find(Path cds, String key) {
    if (!Files.isDirectory(cds)) {
      return Optional.empty();
    }
    Path best = null;
    try (DirectoryStream<Path> s = Files.newDirectoryStream(cds, key + "-*" + SUFFIX)) {
      for (Path a : s) {
        String name = a.getFileName().toString();
        String size = name.substring(key.length() + 1, name.length() - SUFFIX.length());
        try {
          if (Files.size(a) != Long.parseLong(size)) {
            log.debug("ignoring class-data archive {}: its size changed", a);
          } else if (best == null || modified(a).compareTo(modified(best)) > 0) {
            best = a;
          }
        } catch (NumberFormatException | IOException e) {
          log.debug("ignoring class-data archive {}", a, e);
        }
      }
    } catch (IOException e) {
      log.debug("cannot list {}", cds, e);
    }
    return Optional.ofNullable(best);
  }

  /** Whether workers run from the module path: the archive's key and packed jars cover the class path only. */
  private static boolean onModulePath(List<String> jvmFlags) {
    return jvmFlags.stream().anyMatch(f -> f.startsWith("--module-path") || f.startsWith("--upgrade-module-path"));
  }

  /** Whether JVM flag {@code f} starts a flight recording. */
  private static boolean startsRecording(String f) {
    return f.startsWith("-XX:StartFlightRecording");
  }

  /** Whether the program's own flags already decide class-data sharing (workers inherit them). */
  static boolean managedByProgram(List<String> jvmFlags) {
    for (String f : jvmFlags) {
      if (f.startsWith("-XX:SharedArchiveFile") || f.startsWith("-XX:AOTCache") || f.startsWith("-XX:AOTMode")
          || f.startsWith("-Xshare:") || f.startsWith("-XX:SharedClassListFile") || f.equals("-XX:-UseSharedSpaces")) {
        return true;
      }
    }
    return false;
  }

  private Prepared prepare(List<String> jvmFlags, List<String> classPath) {
    try {
      MessageDigest md = sha256();
      update(md, System.getProperty("java.home"));
      update(md, System.getProperty("java.vm.version"));
      for (String f : jvmFlags) {
        if (!f.startsWith("-D")) {
          update(md, f);
        }
      }
      List<String> cp = new ArrayList<>();
      for (String entry : classPath) {
        Path p = Path.of(entry);
        if (Files.isDirectory(p)) {
          if (isEmpty(p)) {
            cp.add(entry);
            continue;
          }
          p = packed(p);
        } else if (Files.isRegularFile(p) && namesDirectory(p)) {
          return new Prepared(classPath, "", "a manifest Class-Path names a directory: " + p);
        }
        cp.add(p.toString());
        update(md, p.toString());
        if (Files.exists(p)) {
          BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
          update(md, a.size() + "@" + a.lastModifiedTime().toMillis());
        }
      }
      String key = HexFormat.of().formatHex(md.digest()).substring(0, 32);
      return new Prepared(cp, key, null);
    } catch (IOException | UncheckedIOException e) {
      log.debug("class-data sharing off for workers: {}", e.toString());
      return new Prepared(classPath, "", e.toString());
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The jar a class directory is packed into, in the cache, named by the directory's files' paths, sizes and times. */
  private Path packed(Path classDir) throws IOException {
    MessageDigest md = sha256();
    update(md, classDir.toString());
    try (Stream<Path> s = Files.walk(classDir)) {
      for (Path f : (Iterable<Path>) s.sorted()::iterator) {
        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
        update(md, classDir.relativize(f) + "\0" + a.size() + "@" + a.lastModifiedTime().toMillis());
      }
    }
    String name = classDir.getFileName() == null ? "root" : classDir.getFileName().toString();
    Path jars = dir.get().resolve("jars");
    Path jar = jars.resolve(HexFormat.of().formatHex(md.digest()).substring(0, 32) + "-"
        + name.replaceAll("[^A-Za-z0-9._-]", "_") + ".jar");
    if (Files.isRegularFile(jar)) {
      if (touched.add(jar)) {
        // Not the jar's own time: it is part of the archive's key, and the JVM checks it.
        touch(used(jar));
      }
      return jar;
    }
    Files.createDirectories(jars);
    Path tmp = jars.resolve(jar.getFileName() + "." + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet()
        + ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        StagedCopy.pack(classDir, out);
      }
      // The same bytes and the same time from every process that packs this directory: an archive
      // made against one process's jar stays valid when another's replaces it.
      Files.setLastModifiedTime(tmp, PACKED_TIME);
      Files.move(tmp, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    touched.add(jar);
    touch(used(jar));
    prune(jars, ".jar");
    return jar;
  }

  /** The file whose time says when a packed jar was last used (the jar's own time never changes). */
  private static Path used(Path jar) {
    return jar.resolveSibling(jar.getFileName() + ".used");
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      return !s.iterator().hasNext();
    }
  }

  /** Whether a jar's manifest {@code Class-Path} names a directory (the JVM would refuse to archive). */
  private static boolean namesDirectory(Path jar) {
    if (!jar.getFileName().toString().endsWith(".jar")) {
      return false;
    }
    try (JarFile j = new JarFile(jar.toFile(), false)) {
      Manifest m = j.getManifest();
      String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
      if (cp == null) {
        return false;
      }
      for (String e : cp.trim().split("\\s+")) {
        if (e.endsWith("/")) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Deletes, once per process, what was left by processes that died at the wrong moment: archives
   * whose writer was never noted, and notes without an archive, older than {@link #STALE}.
   */
  private void sweep(Path cds) {
    if (swept) {
      return;
    }
    swept = true;
    Instant before = Instant.now().minus(STALE);
    try (DirectoryStream<Path> s = Files.newDirectoryStream(cds, "*.{tmp,pid}")) {
      for (Path t : s) {
        String name = t.getFileName().toString();
        boolean orphanNote = name.endsWith(".pid")
            && !Files.exists(t.resolveSibling(name.substring(0, name.length() - ".pid".length())));
        boolean unnoted = name.endsWith(".tmp") && !Files.exists(pidFile(t));
        if ((orphanNote || unnoted) && Files.getLastModifiedTime(t).toInstant().isBefore(before)) {
          Files.deleteIfExists(t);
        }
      }
    } catch (IOException e) {
      log.debug("cannot sweep {}", cds, e);
    }
  }

  /** Keeps the {@link #KEEP} most recently used files ending in {@code suffix}. */
  private static void prune(Path in, String suffix) {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(in, "*" + suffix)) {
      s.forEach(files::add);
    } catch (IOException e) {
      log.debug("cannot list {}", in, e);
      return;
    }
    if (files.size() <= KEEP) {
      return;
    }
    files.sort(Comparator.comparing((Path f) -> modified(suffix.equals(".jar") ? used(f) : f)).reversed());
    for (Path old : files.subList(KEEP, files.size())) {
      try {
        Files.deleteIfExists(old);
        if (suffix.equals(".jar")) {
          Files.deleteIfExists(used(old));
        }
      } catch (IOException e) {
        log.debug("could not delete {}", old, e);
      }
    }
  }

  private static FileTime modified(Path p) {
    try {
      return Files.getLastModifiedTime(p);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  /** Marks a file as used, so that pruning keeps it. */
  private static void touch(Path p) {
    try {
      if (!Files.exists(p)) {
        Files.createFile(p);
      }
      Files.setLastModifiedTime(p, FileTime.from(Instant.now()));
    } catch (IOException e) {
      log.debug("could not touch {}", p, e);
    }
  }

  private static void update(MessageDigest md, String s) {
    md.update(s.getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
  }
}
