package io.rpcparallel.internal.spawn;

import io.rpcparallel.HowToRun;
import io.rpcparallel.SpawnException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This program's class path staged in a directory of a host reached over ssh. The class path is
 * content-addressed: each entry is a file named {@code <sha256>-<name>} (a directory entry is
 * packed into a jar first, deterministically: sorted entries, fixed times), so a copy to a host
 * that has the files already copies nothing and a changed jar copies only itself. Workers started
 * from a copy check every file's hash on the host first (see {@link RemoteScript}).
 *
 * @param ssh the host and how to reach it
 * @param dir the directory as given
 * @param absoluteDir the directory's absolute path on the host
 * @param entries the class path, in order
 * @param copied how many files this copy sent to the host
 * @param bytesCopied how many bytes it sent
 * @param createdFiles the files it created (names in {@code absoluteDir})
 * @param createdDir the outermost directory it created, or empty if the directory existed
 */
public record StagedCopy(HowToRun.Ssh ssh, String dir, String absoluteDir, List<Entry> entries, int copied,
    long bytesCopied, List<String> createdFiles, String createdDir) {
  private static final Logger log = LoggerFactory.getLogger(StagedCopy.class);
  /** When a directory is packed: a fixed time, so that the same files give the same jar. */
  private static final java.time.LocalDateTime PACK_TIME = java.time.LocalDateTime.of(1980, 1, 1, 0, 0);
  private static final Map<Path, Hashed> HASHES = new ConcurrentHashMap<>();
  /** Scripts start in the remote home: a relative directory is relative to it. */
  private static final String HOME = "cd \"${HOME:-/}\" 2>/dev/null; ";

  /**
   * One class path entry.
   *
   * @param name its file name on the host
   * @param sha256 its hash, hex
   * @param source the local jar or directory
   */
  public record Entry(String name, String sha256, Path source) {}

  private record Hashed(long size, long modified, String sha256) {}

  /** Copies what the host lacks; see {@link io.rpcparallel.RemoteArtifacts#copyTo}. */
  public static StagedCopy copyTo(HowToRun.Ssh ssh, String dir, Duration timeout) {
    List<Entry> entries = localEntries();
    // The outermost directory this copy makes (resolved before entering the new one), then the
    // directory's absolute path and what it holds. Lines are tagged: a login that prints to stdout
    // does not confuse them.
    String probe = HOME + "d=" + word(dir) + "; t=$d; top=; while [ ! -d \"$t\" ]; do top=$t;"
        + " t=$(dirname -- \"$t\"); done; mkdir -p -- \"$d\" || exit 3;"
        + " if [ -n \"$top\" ]; then top=$(cd -- \"$top\" && pwd) || exit 3; fi; cd -- \"$d\" || exit 3;"
        + " printf 'rpc-parallel-dir=%s\\nrpc-parallel-top=%s\\n' \"$(pwd)\" \"$top\";"
        + " for f in *; do printf 'rpc-parallel-file=%s\\n' \"$f\"; done";
    SshCommand.Result r = SshCommand.run(ssh, probe, timeout, "staging the class path in " + dir);
    if (r.status() != 0) {
      throw new SpawnException("staging the class path on " + ssh.host() + " failed: cannot create or enter "
          + dir + " there: " + r.err().strip());
    }
    String abs = tagged(r.out(), "rpc-parallel-dir=").get(0);
    String top = tagged(r.out(), "rpc-parallel-top=").get(0);
    Set<String> present = Set.copyOf(tagged(r.out(), "rpc-parallel-file="));
    Map<String, Entry> byName = new java.util.LinkedHashMap<>();
    entries.forEach(e -> byName.putIfAbsent(e.name(), e));
    List<Entry> missing = byName.values().stream().filter(e -> !present.contains(e.name()))
        .collect(Collectors.toList());
    long bytes = 0;
    if (!missing.isEmpty()) {
      bytes = send(ssh, abs, missing, timeout);
    }
    StagedCopy copy = new StagedCopy(ssh, dir, abs, entries, missing.size(), bytes,
        missing.stream().map(Entry::name).collect(Collectors.toList()), top);
    log.debug("staged the class path on {}:{}: {} of {} files copied ({} bytes)", ssh.host(), abs, missing.size(),
        entries.size(), bytes);
    return copy;
  }

  /** The lines of {@code out} that start with {@code tag}, without it. */
  private static List<String> tagged(String out, String tag) {
    List<String> l = out.lines().filter(x -> x.startsWith(tag)).map(x -> x.substring(tag.length()))
        .collect(Collectors.toList());
    if (l.isEmpty() && !tag.equals("rpc-parallel-file=")) {
      throw new SpawnException("staging the class path failed: the host's answer lacks " + tag + ": " + out.strip());
    }
    return l;
  }

  /** A directory as one shell word: {@code ~/x} is relative to the remote home, a leading {@code -} is not an option. */
  private static String word(String dir) {
    String d = dir.equals("~") ? "." : dir.startsWith("~/") ? dir.substring(2) : dir;
    return RemoteScript.quote(d.startsWith("-") ? "./" + d : d);
  }

  /** A copy already on the host, checked; see {@link io.rpcparallel.RemoteArtifacts#existingOn}. */
  public static StagedCopy existingOn(HowToRun.Ssh ssh, String dir, Duration timeout) {
    List<Entry> entries = localEntries();
    StringBuilder sums = new StringBuilder("printf '%s\\n'");
    for (Entry e : entries) {
      sums.append(" '").append(e.sha256()).append("  ").append(e.name()).append('\'');
    }
    String check = HOME + "cd -- " + word(dir) + " 2>/dev/null || exit 4; command -v sha256sum >/dev/null 2>&1 || exit 5;"
        + " printf 'rpc-parallel-dir=%s\\n' \"$(pwd)\"; bad=$(" + sums + " | sha256sum -c --quiet 2>/dev/null)"
        + " || printf 'rpc-parallel-bad=%s\\n' \"$(printf '%s\\n' \"$bad\" | sed -n '1s/: FAILED.*//p')\"";
    SshCommand.Result r = SshCommand.run(ssh, check, timeout, "checking the class path staged in " + dir);
    if (r.status() == 5) {
      throw new SpawnException("cannot check the class path staged on " + ssh.host()
          + ": sha256sum is not on the PATH there (GNU coreutils)");
    }
    if (r.status() == 4) {
      throw new SpawnException("The remote executable " + ssh.host() + ":" + dir + " does not match the local executable");
    }
    String abs = tagged(r.out(), "rpc-parallel-dir=").get(0);
    List<String> bad = r.out().lines().filter(x -> x.startsWith("rpc-parallel-bad=")).map(x -> x.substring(17))
        .collect(Collectors.toList());
    if (!bad.isEmpty()) {
      throw new SpawnException("The remote executable " + ssh.host() + ":" + abs + "/" + bad.get(0)
          + " does not match the local executable");
    }
    return new StagedCopy(ssh, dir, abs, entries, 0, 0,
        entries.stream().map(Entry::name).distinct().collect(Collectors.toList()), "");
  }

  /** The copy in {@code absoluteDir} on the host, as staged earlier (its hashes are checked when a worker starts). */
  static StagedCopy at(HowToRun.Ssh ssh, String absoluteDir) {
    List<Entry> entries = localEntries();
    return new StagedCopy(ssh, absoluteDir, absoluteDir, entries, 0, 0, List.of(), "");
  }

  /** Removes what this copy created on the host, leaving the directory as it was before. */
  public void delete(Duration timeout) {
    SshLauncher.forget(this);
    StringBuilder script = new StringBuilder("cd / || exit 1; d=" + RemoteScript.quote(absoluteDir) + ";");
    if (!createdFiles.isEmpty()) {
      script.append(" cd \"$d\" && rm -f --");
      createdFiles.forEach(f -> script.append(' ').append(RemoteScript.quote(f)));
      script.append("; cd /;");
    }
    if (!createdDir.isEmpty()) {
      script.append(" top=").append(RemoteScript.quote(createdDir)).append("; while rmdir \"$d\" 2>/dev/null;"
          + " do [ \"$d\" = \"$top\" ] && break; d=$(dirname \"$d\"); done;");
    }
    script.append(" true");
    SshCommand.Result r = SshCommand.run(ssh, script.toString(), timeout, "deleting the class path staged in "
        + absoluteDir);
    if (r.status() != 0) {
      throw new SpawnException("deleting the class path staged on " + ssh.host() + ":" + absoluteDir
          + " failed: " + r.err().strip());
    }
  }

  /** Sends {@code missing} to {@code abs} on the host with one {@code scp}; returns the bytes sent. */
  private static long send(HowToRun.Ssh ssh, String abs, List<Entry> missing, Duration timeout) {
    Path tmp;
    try {
      tmp = Files.createTempDirectory("rpc-parallel-stage-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      long bytes = 0;
      List<String> cmd = new ArrayList<>(List.of("scp", "-q", "-p"));
      cmd.addAll(SshCommand.options(ssh, timeout));
      for (Entry e : missing) {
        Path file = tmp.resolve(e.name());
        if (Files.exists(file)) {
          continue;
        }
        if (Files.isDirectory(e.source())) {
          try (OutputStream out = Files.newOutputStream(file)) {
            pack(e.source(), out);
          }
        } else {
          Files.copy(e.source(), file);
        }
        bytes += Files.size(file);
        cmd.add(file.toString());
      }
      // Into a fresh directory first, then renamed into place: a copy cut short never leaves a
      // file under its final name.
      String incoming = ".incoming-" + Long.toHexString(System.nanoTime()) + "-" + ProcessHandle.current().pid();
      SshCommand.Result made = SshCommand.run(ssh, "mkdir -- " + RemoteScript.quote(abs + "/" + incoming), timeout,
          "copying the class path");
      if (made.status() != 0) {
        throw new SpawnException("copying the class path to " + ssh.host() + ":" + abs + " failed: "
            + made.err().strip());
      }
      String host = ssh.host().contains(":") ? "[" + ssh.host() + "]" : ssh.host();
      cmd.add(host + ":" + abs + "/" + incoming + "/");
      SshCommand.Result r = SshCommand.exec(cmd, timeout.multipliedBy(6), "copying the class path to " + ssh.host());
      String finish = "cd -- " + RemoteScript.quote(abs) + " && " + (r.status() == 0 ? "mv -f -- " + incoming
          + "/* . && " : "") + "rm -rf -- " + incoming;
      SshCommand.Result moved = SshCommand.run(ssh, finish, timeout, "copying the class path");
      if (r.status() != 0) {
        throw new SpawnException("copying the class path to " + ssh.host() + ":" + abs + " failed: scp: "
            + r.err().strip());
      }
      if (moved.status() != 0) {
        throw new SpawnException("copying the class path to " + ssh.host() + ":" + abs + " failed: "
            + moved.err().strip());
      }
      return bytes;
    } catch (IOException e) {
      throw new SpawnException("copying the class path to " + ssh.host() + " failed: " + e.getMessage(), e);
    } finally {
      deleteTree(tmp);
    }
  }

  /** This program's class path entries with their hashes (a jar's hash is kept while it is unchanged). */
  static List<Entry> localEntries() {
    List<Entry> out = new ArrayList<>();
    Set<Path> seen = new LinkedHashSet<>();
    for (String e : WorkerCommand.parts(java.util.Optional.empty()).classPath()) {
      Path p = Path.of(e);
      if (!seen.add(p) || !Files.exists(p)) {
        continue;
      }
      String sha = hash(p);
      String base = p.getFileName() == null ? "root" : p.getFileName().toString();
      base = base.replaceAll("[^A-Za-z0-9._-]", "_");
      if (Files.isDirectory(p) || !base.endsWith(".jar")) {
        base = base + ".jar";
      }
      out.add(new Entry(sha + "-" + base, sha, p));
    }
    return out;
  }

  private static String hash(Path p) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      if (Files.isDirectory(p)) {
        try (DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), md)) {
          pack(p, out);
        }
        return HexFormat.of().formatHex(md.digest());
      }
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
      Hashed h = HASHES.get(p);
      if (h != null && h.size() == a.size() && h.modified() == a.lastModifiedTime().toMillis()) {
        return h.sha256();
      }
      try (InputStream in = Files.newInputStream(p)) {
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
          md.update(buf, 0, n);
        }
      }
      String sha = HexFormat.of().formatHex(md.digest());
      HASHES.put(p, new Hashed(a.size(), a.lastModifiedTime().toMillis(), sha));
      return sha;
    } catch (IOException e) {
      throw new SpawnException("cannot read class path entry " + p + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Packs a directory into a jar: entries sorted by path, fixed times, so the same files give the same bytes. */
  static void pack(Path dir, OutputStream sink) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(f -> !f.equals(dir)).sorted(Comparator.comparing(f -> dir.relativize(f).toString().replace('\\', '/')))
          .collect(Collectors.toList());
    }
    ZipOutputStream zip = new ZipOutputStream(sink);
    zip.setLevel(1);
    for (Path f : files) {
      String name = dir.relativize(f).toString().replace('\\', '/');
      boolean isDir = Files.isDirectory(f);
      ZipEntry ze = new ZipEntry(isDir ? name + "/" : name);
      ze.setTimeLocal(PACK_TIME);
      zip.putNextEntry(ze);
      if (!isDir) {
        Files.copy(f, zip);
      }
      zip.closeEntry();
    }
    zip.finish();
    zip.flush();
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          log.debug("could not delete {}", p, e);
        }
      });
    } catch (IOException e) {
      log.debug("could not delete {}", dir, e);
    }
  }
}
