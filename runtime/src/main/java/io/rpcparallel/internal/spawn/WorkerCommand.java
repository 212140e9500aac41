package io.rpcparallel.internal.spawn;

import io.rpcparallel.internal.ClassPathFiles;
import io.rpcparallel.internal.RunContext;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line that re-runs this program as a worker: this JVM's {@code java} and flags (see
 * {@link JvmFlags}), the spawn options' own, worker flags of our own, the class path made absolute, the spawn command's main
 * class (as {@code -m module/class} when it is in a named module) and worker args, then
 * {@code child-of-<pid>@<host>} and the worker's name.
 */
final class WorkerCommand {
  private WorkerCommand() {}

  /**
   * The system property that names a worker AppCDS archive: workers load the program's classes from
   * it, and the first worker that finds it missing (or stale) writes it when it exits. Opt-in.
   */
  public static final String CDS_ARCHIVE_PROPERTY = "rpcparallel.cdsArchive";

  /** The JVM flags of a worker AppCDS archive; none before JDK 19, which lacks -XX:+AutoCreateSharedArchive. */
  static List<String> cdsFlags(String archive, int jdkFeature) {
    if (archive == null || archive.isBlank() || jdkFeature < 19) {
      return List.of();
    }
    return List.of("-XX:SharedArchiveFile=" + Path.of(archive).toAbsolutePath(), "-XX:+AutoCreateSharedArchive");
  }

  static final String NETTY_ALLOCATOR_PROPERTY = "io.netty.allocator.type";

  /**
   * Workers default Netty's allocator to unpooled unless the program chose one: rpc-parallel's
   * channels use their own heap allocator, and building Netty's default pooled allocator took
   * about 150 ms of every spawn (measured by benchmarks/run, comparison 4).
   */
  static List<String> allocatorFlags(String chosen) {
    return chosen == null ? List.of("-D" + NETTY_ALLOCATOR_PROPERTY + "=unpooled") : List.of();
  }

  /**
   * Workers use the transport this process was told to use, also when the program set the
   * property after it started (later flags win over the ones copied from this JVM's).
   */
  static List<String> transportFlags(String chosen) {
    return chosen == null ? List.of() : List.of("-D" + io.rpcparallel.internal.exec.Transport.PROPERTY + "=" + chosen);
  }

  static final String NETTY_MACHINE_ID_PROPERTY = "io.netty.machineId";
  static final String NETTY_JFR_PROPERTY = "io.netty.jfr.enabled";

  /**
   * Spares a fresh worker two of Netty's start-up probes, unless the program set the property:
   * the machine id of channel ids (Netty enumerates the network interfaces for a MAC address; a
   * random id per worker serves as well, and is what Netty falls back to), and whether JFR is
   * available (it loads the JFR module), unless the program records with JFR.
   */
  static List<String> nettyStartFlags(List<String> jvmFlags, String machineId, String jfr) {
    List<String> out = new ArrayList<>();
    if (machineId == null) {
      byte[] id = new byte[8];
      java.util.concurrent.ThreadLocalRandom.current().nextBytes(id);
      id[0] |= 0x02; // a locally administered address, as Netty's own random fallback
      out.add("-D" + NETTY_MACHINE_ID_PROPERTY + "=" + java.util.HexFormat.ofDelimiter(":").formatHex(id));
    }
    if (jfr == null && jvmFlags.stream().noneMatch(f -> f.startsWith("-XX:StartFlightRecording")
        || f.startsWith("-XX:+FlightRecorder"))) {
      out.add("-D" + NETTY_JFR_PROPERTY + "=false");
    }
    return out;
  }

  static final String SLF4J_VERBOSITY_PROPERTY = "slf4j.internal.verbosity";

  /**
   * A program without an SLF4J provider has had SLF4J's "No SLF4J providers" warning printed once,
   * in this process: its workers, which share its class path, would print it again each. They are
   * told to keep SLF4J's own warnings to themselves, unless the program chose a verbosity.
   */
  static List<String> slf4jFlags(boolean noProvider, String chosen) {
    return noProvider && chosen == null ? List.of("-D" + SLF4J_VERBOSITY_PROPERTY + "=ERROR") : List.of();
  }

  /**
   * The worker's command in parts, so that a launcher for another machine can swap the
   * {@code java} and the class path and drop flags naming files of this machine.
   *
   * @param java this JVM's {@code java}
   * @param jvmFlags this JVM's flags (less a debugger's) and the worker flags of our own
   * @param cdsFlags the AppCDS flags, naming an archive on this machine (may be empty)
   * @param classPath the class path entries, absolute, as this machine can read them (a moved or
   *     deleted jar through {@code /proc/<pid>/fd})
   * @param sharedClassPath the class path entries, absolute, as the program named them: what
   *     another machine sharing this one's file system sees
   * @param mainAndArgs the main class, the worker args, the parent marker and the worker's name
   */
  record Parts(String java, List<String> jvmFlags, List<String> cdsFlags, List<String> classPath,
      List<String> sharedClassPath, List<String> mainAndArgs) {
    Parts {
      jvmFlags = List.copyOf(jvmFlags);
      cdsFlags = List.copyOf(cdsFlags);
      classPath = List.copyOf(classPath);
      sharedClassPath = List.copyOf(sharedClassPath);
      mainAndArgs = List.copyOf(mainAndArgs);
    }

    /** These parts with another class path and class-data sharing flags (on this machine). */
    Parts withClassPath(List<String> localClassPath, List<String> localCdsFlags) {
      List<String> cds = new ArrayList<>(cdsFlags);
      cds.addAll(localCdsFlags);
      return new Parts(java, jvmFlags, cds, localClassPath, sharedClassPath, mainAndArgs);
    }

    /** The command line on this machine. */
    List<String> local() {
      List<String> cmd = new ArrayList<>();
      cmd.add(java);
      cmd.addAll(jvmFlags);
      cmd.addAll(cdsFlags);
      if (!classPath.isEmpty()) {
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, classPath));
      }
      cmd.addAll(mainAndArgs);
      return cmd;
    }
  }

  /** Whether a JVM flag makes the JVM write a class-data archive or AOT cache when it exits. */
  static boolean writesArchive(String flag) {
    return flag.startsWith("-XX:ArchiveClassesAtExit") || flag.startsWith("-XX:AOTCacheOutput")
        || flag.startsWith("-XX:AOTConfiguration") || flag.equals("-XX:AOTMode=record")
        || flag.equals("-XX:AOTMode=create") || flag.equals("-XX:+AutoCreateSharedArchive");
  }

  /**
   * The class path of a program run inside another program's class loader (the URLs of that
   * loader, when the worker implementation is not on {@code java.class.path}), or null.
   */
  private static volatile List<Path> loaderClassPath;

  /**
   * Makes sure a worker JVM can load {@code impl}: it is on this JVM's class path, or the program
   * runs inside another program's class loader ({@code mvn exec:java}, surefire with
   * {@code forkCount=0}, an IDE runner) whose URLs then become the workers' class path.
   *
   * @throws io.rpcparallel.SpawnException if {@code impl} comes from a loader whose class path
   *     cannot be known
   */
  static void useClassPathOf(Class<?> impl) {
    if (loaderClassPath != null || visibleFromClassPath(impl)) {
      return;
    }
    List<Path> entries = new ArrayList<>();
    ClassLoader stop = ClassLoader.getSystemClassLoader();
    for (ClassLoader l = impl.getClassLoader(); l != null && l != stop && l != stop.getParent(); l = l.getParent()) {
      if (!(l instanceof java.net.URLClassLoader u)) {
        throw notFromClassPath(impl, "its class loader (" + l.getClass().getName() + ") does not list its class path");
      }
      java.net.URL[] urls = u.getURLs();
      for (int i = 0; i < urls.length; i++) {
        try {
          entries.add(Path.of(urls[i].toURI()));
        } catch (java.net.URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
          throw notFromClassPath(impl, "its class loader (" + l.getClass().getName() + ") loads from " + urls[i]
              + ", which is not a file");
        }
      }
    }
    if (entries.isEmpty()) {
      throw notFromClassPath(impl, "its class loader (" + impl.getClassLoader() + ") lists no class path");
    }
    loaderClassPath = List.copyOf(entries);
    org.slf4j.LoggerFactory.getLogger(WorkerCommand.class).debug(
        "{} is not on java.class.path: workers get the class path of its class loader, {}", impl.getName(), entries);
  }

  private static boolean visibleFromClassPath(Class<?> impl) {
    try {
      return Class.forName(impl.getName(), false, ClassLoader.getSystemClassLoader()) == impl;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static io.rpcparallel.SpawnException notFromClassPath(Class<?> impl, String why) {
    return new io.rpcparallel.SpawnException("cannot spawn a worker of " + impl.getName()
        + ": this program runs inside another program's class loader (it is not on java.class.path, and " + why
        + "), so a worker JVM could not load it. Run the program in a JVM of its own: mvn exec:exec rather"
        + " than exec:java, surefire with forkCount=1 rather than 0, or java -cp <its class path>");
  }

  /** The named module of this program's class {@code mainClass}, if it is in one (the program runs from the module path). */
  static Optional<String> moduleOf(String mainClass) {
    try {
      Module m = Class.forName(mainClass, false, ClassLoader.getSystemClassLoader()).getModule();
      return m.isNamed() ? Optional.of(m.getName()) : Optional.empty();
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.empty();
    }
  }

  /** The command that re-runs this program as a worker named {@code name}. */
  static List<String> of(Optional<String> name) {
    return parts(name).local();
  }

  /** The command that re-runs this program as a worker named {@code name}, in parts. */
  static Parts parts(Optional<String> name) {
    return parts(name, List.of(), List.of());
  }

  /**
   * The command that re-runs this program as a worker named {@code name}, in parts: with the JVM
   * flags it inherits (see {@link JvmFlags}) less those starting with one of {@code drop}, then
   * {@code add}.
   */
  static Parts parts(Optional<String> name, List<String> add, List<String> drop) {
    List<String> flags = new ArrayList<>();
    for (String arg : JvmFlags.inherited()) {
      // An archive the program writes when it exits is its own: workers writing it too would tear it.
      if (writesArchive(arg) || drop.stream().anyMatch(arg::startsWith)) {
        continue;
      }
      flags.add(arg);
    }
    List<String> inherited = new ArrayList<>(flags);
    inherited.addAll(add);
    flags.addAll(allocatorFlags(System.getProperty(NETTY_ALLOCATOR_PROPERTY)));
    flags.addAll(transportFlags(System.getProperty(io.rpcparallel.internal.exec.Transport.PROPERTY)));
    flags.addAll(nettyStartFlags(inherited, System.getProperty(NETTY_MACHINE_ID_PROPERTY),
        System.getProperty(NETTY_JFR_PROPERTY)));
    flags.addAll(slf4jFlags(org.slf4j.LoggerFactory.getILoggerFactory() instanceof org.slf4j.helpers.NOPLoggerFactory,
        System.getProperty(SLF4J_VERBOSITY_PROPERTY)));
    // Last, so that a flag given for this worker wins over one of ours.
    flags.addAll(add);
    List<String> abs = new ArrayList<>();
    List<String> shared = new ArrayList<>();
    List<Path> fromLoader = loaderClassPath;
    List<String> entries = fromLoader != null ? fromLoader.stream().map(Path::toString).toList()
        : List.of(System.getProperty("java.class.path", "").split(File.pathSeparator));
    for (String entry : entries) {
      if (!entry.isEmpty()) {
        Path p = Path.of(entry).toAbsolutePath();
        // A jar moved or deleted since the program started is still open in this process.
        abs.add(ClassPathFiles.readable(p).orElse(p).toString());
        shared.add(p.toString());
      }
    }
    List<String> main = new ArrayList<>();
    RunContext.SpawnCommand sc = RunContext.spawnCommand();
    Optional<String> module = moduleOf(sc.mainClass());
    if (module.isPresent()) {
      // A program run from the module path (java -p … -m …): its worker is run the same way, on the
      // module path it inherits (made absolute), with the modules it adds.
      main.add("-m");
      main.add(module.get() + "/" + sc.mainClass());
    } else {
      main.add(sc.mainClass());
    }
    main.addAll(sc.workerArgs());
    main.add("child-of-" + ProcessHandle.current().pid() + "@" + RunContext.hostName());
    name.ifPresent(main::add);
    return new Parts(Path.of(System.getProperty("java.home"), "bin", "java").toString(), flags,
        cdsFlags(System.getProperty(CDS_ARCHIVE_PROPERTY), Runtime.version().feature()), abs, shared, main);
  }
}
