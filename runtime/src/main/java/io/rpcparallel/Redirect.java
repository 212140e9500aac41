package io.rpcparallel;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a spawned worker's stdout or stderr goes once the worker has started. A relative path
 * resolves against the worker's working directory. Whatever the worker writes to stderr before
 * then reaches the master's stderr, each line prefixed {@code [WORKER <name> STDERR]: }.
 */
public sealed interface Redirect {
  /**
   * Throw it away.
   *
   * @return the redirect
   */
  static Redirect discard() {
    return Discard.INSTANCE;
  }

  /**
   * Append to a file, creating it if needed. Its directory must exist.
   *
   * @param file the file
   * @return the redirect
   */
  static Redirect appendTo(Path file) {
    return new ToFile(file, true);
  }

  /**
   * Truncate a file (or create it) and write to it. Its directory must exist.
   *
   * @param file the file
   * @return the redirect
   */
  static Redirect truncate(Path file) {
    return new ToFile(file, false);
  }

  /**
   * Copy it to the master's own stdout or stderr, each line prefixed with
   * {@code [WORKER <name> STDOUT]: } or {@code [WORKER <name> STDERR]: }.
   *
   * @return the redirect
   */
  static Redirect inherit() {
    return Inherit.INSTANCE;
  }

  /**
   * Leave it to the caller: the stream of the {@link Process} a foreground spawn returns. Only for
   * foreground spawns.
   *
   * @return the redirect
   */
  static Redirect pipe() {
    return Pipe.INSTANCE;
  }

  /** See {@link #discard()}. */
  enum Discard implements Redirect { /** The only instance. */ INSTANCE }

  /** See {@link #inherit()}. */
  enum Inherit implements Redirect { /** The only instance. */ INSTANCE }

  /** See {@link #pipe()}. */
  enum Pipe implements Redirect { /** The only instance. */ INSTANCE }

  /**
   * See {@link #appendTo} and {@link #truncate}.
   *
   * @param file the file
   * @param append append if true, truncate if false
   */
  record ToFile(Path file, boolean append) implements Redirect {
    /**
     * Holds a file redirect.
     *
     * @param file the file; not null
     * @param append append if true, truncate if false
     */
    public ToFile {
      Objects.requireNonNull(file, "file");
    }
  }
}
