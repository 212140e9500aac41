package io.rpcparallel;

import io.rpcparallel.internal.spawn.StagedCopy;
import java.time.Duration;
import java.util.Objects;

/**
 * This program's class path staged on another host, for workers started there over ssh (the
 * counterpart of rpc_parallel's {@code Remote_executable}). Spawning with {@link HowToRun#ssh}
 * stages it by itself; use this class to stage ahead of time, to reuse a copy made by an earlier
 * run without copying, or to remove a copy.
 *
 * <p>The class path is staged content-addressed: each entry becomes one file named after its
 * SHA-256 hash (a directory entry is packed into a jar first, deterministically), so staging to a
 * host that has the files already copies nothing, and a changed jar copies only itself. Before a
 * worker starts from a copy, every file's hash is checked on the host; a mismatch fails the spawn
 * with exactly {@code The remote executable <host>:<path> does not match the local executable}.
 */
public final class RemoteArtifacts {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final StagedCopy copy;

  private RemoteArtifacts(StagedCopy copy) {
    this.copy = copy;
  }

  /**
   * Copies this program's class path to {@code dir} on the host, sending only the files the
   * directory lacks.
   *
   * @param host the host and how to reach it
   * @param dir the directory on the host, made if missing; relative to the remote home unless absolute
   * @return the staged copy
   * @throws SpawnException if the host cannot be reached or the copy fails (with ssh's or scp's message)
   */
  public static RemoteArtifacts copyTo(HowToRun.Ssh host, String dir) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dir, "dir");
    return new RemoteArtifacts(StagedCopy.copyTo(host, dir, TIMEOUT));
  }

  /**
   * A copy of this program's class path already in {@code dir} on the host, checked by hash;
   * nothing is copied.
   *
   * @param host the host and how to reach it
   * @param dir the directory on the host
   * @return the staged copy
   * @throws SpawnException with {@code The remote executable <host>:<path> does not match the local
   *     executable} if a file is missing or differs
   */
  public static RemoteArtifacts existingOn(HowToRun.Ssh host, String dir) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dir, "dir");
    return new RemoteArtifacts(StagedCopy.existingOn(host, dir, TIMEOUT));
  }

  /**
   * Removes the copy: the files this copy added, and the directories it made, so that the
   * directory is as it was before {@link #copyTo}. For a copy from {@link #existingOn}, removes its
   * files.
   *
   * @throws SpawnException if the host cannot be reached
   */
  public void delete() {
    copy.delete(TIMEOUT);
  }

  /** {@return the host, as given to ssh} */
  public String host() {
    return copy.ssh().host();
  }

  /** {@return the directory as given} */
  public String dir() {
    return copy.dir();
  }

  /** {@return the directory's absolute path on the host} */
  public String absoluteDir() {
    return copy.absoluteDir();
  }

  /** {@return how many files this copy sent to the host (0 when it had them all)} */
  public int filesCopied() {
    return copy.copied();
  }

  /** {@return how many bytes this copy sent to the host} */
  public long bytesCopied() {
    return copy.bytesCopied();
  }

  /** {@return how many files make up the staged class path} */
  public int files() {
    return copy.entries().size();
  }

  @Override
  public String toString() {
    return "class path staged on " + copy.ssh().host() + ":" + copy.absoluteDir();
  }
}
