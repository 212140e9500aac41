package io.rpcparallel.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the class path's jars after they were moved or deleted while the program runs: the JVM
 * keeps every jar it loads from open, so on Linux each is still reachable as
 * {@code /proc/<pid>/fd/<n>} for as long as this process lives. A deleted jar is recognised by
 * its old path; a moved one, or one replaced by another file at its path, by its file identity
 * (device and inode), noted when this class loads (at the program's first use of rpc-parallel).
 */
public final class ClassPathFiles {
  private static final Map<Path, Object> KEYS = snapshot();

  private ClassPathFiles() {}

  private static Map<Path, Object> snapshot() {
    Map<Path, Object> keys = new HashMap<>();
    for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (e.isEmpty()) {
        continue;
      }
      Path p = Path.of(e).toAbsolutePath();
      try {
        Object key = Files.readAttributes(p, BasicFileAttributes.class).fileKey();
        if (key != null && Files.isRegularFile(p)) {
          keys.put(p, key);
        }
      } catch (IOException ex) {
        // missing already: nothing to remember
      }
    }
    return keys;
  }

  /** Notes the class path's file identities now, if not yet done. */
  public static void init() {
    // the static initializer did it
  }

  /**
   * The path of class path entry {@code entry} as this process can still read it: the entry
   * itself while it exists, else the open copy under {@code /proc/<pid>/fd}, if there is one.
   */
  public static Optional<Path> readable(Path entry) {
    Object key = KEYS.get(entry);
    Optional<Path> itself = Files.exists(entry) ? Optional.of(entry) : Optional.empty();
    if (itself.isPresent() && (key == null || key.equals(fileKey(entry)))) {
      return itself;
    }
    // Gone, or replaced by another file at the same path (a new build over the old one): the one
    // this process runs is the one it still holds open.
    Path fds = Path.of("/proc/self/fd");
    if (!Files.isDirectory(fds)) {
      return itself;
    }
    String deleted = entry + " (deleted)";
    try (Stream<Path> s = Files.list(fds)) {
      for (Path fd : (Iterable<Path>) s::iterator) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          boolean same = target.equals(deleted) || (key != null && target.startsWith("/")
              && key.equals(Files.readAttributes(fd, BasicFileAttributes.class).fileKey()));
          if (same) {
            return Optional.of(Path.of("/proc", Long.toString(ProcessHandle.current().pid()), "fd",
                fd.getFileName().toString()));
          }
        } catch (IOException e) {
          // closed meanwhile, or not a link: next
        }
      }
    } catch (IOException e) {
      return itself;
    }
    return itself;
  }

  private static Object fileKey(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      return null;
    }
  }
}
