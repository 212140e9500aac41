package io.rpcparallel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * How to spawn a worker. Immutable; start from {@link #defaults()} or {@link #named(String)} and
 * change fields with the {@code with…} methods.
 *
 * @param name the worker's name, shown in messages and on its command line; empty for none
 * @param env variables added to (or replacing in) the environment the worker inherits
 * @param cd the worker's working directory (default {@code /}); must exist
 * @param stdout where the worker's stdout goes (default: discarded)
 * @param stderr where the worker's stderr goes (default: the master's stderr, prefixed)
 * @param shutdownOn when the worker ends by itself (default {@link ShutdownOn#CONNECTION_CLOSED})
 * @param connectionTimeout how long a connection may take to open and authenticate (default 10 s);
 *     in {@code CONNECTION_CLOSED} mode also how long the worker waits for its first client.
 *     Positive: zero does not mean "fail at once" (as it may in rpc_parallel), it is refused, since
 *     every connection takes some time; to fail fast, give a short one such as
 *     {@code Duration.ofMillis(200)}
 * @param spawnTimeout how long the whole spawn may take, until the worker is initialised and
 *     registered (default 20 s)
 * @param onFailure called (on an rpc-parallel thread) with an exception thrown on one of the
 *     worker's own background threads, outside any call; the worker then exits with status 254.
 *     The exception's {@link RemoteException#worker()} is the worker's name or id. By default the
 *     failure is printed on stderr.
 * @param howToRun where the worker runs (default {@link HowToRun#local()}); for a remote worker,
 *     {@code cd} and redirect paths are paths on its host, and its environment is the remote
 *     login's (ssh) or this process's as Slurm passes it on, plus {@code env}
 * @param address the address the worker listens on and gives its clients to reach it by; empty
 *     (the default) to choose: loopback for a local worker, the address its ssh session was
 *     reached at for an ssh worker, and the address it reaches this process from for a Slurm worker
 * @param jvmFlags JVM flags added to the worker's command, after those it inherits from this JVM
 *     (so they win where the JVM takes the last of a flag)
 * @param droppedJvmFlags prefixes of the JVM flags this JVM was started with that the worker does
 *     not inherit (e.g. {@code -javaagent:} or {@code -Xmx})
 */
public record SpawnOptions(Optional<String> name, Map<String, String> env, Path cd, Redirect stdout,
    Redirect stderr, ShutdownOn shutdownOn, Duration connectionTimeout, Duration spawnTimeout,
    Consumer<? super RemoteException> onFailure, HowToRun howToRun, Optional<String> address, List<String> jvmFlags,
    List<String> droppedJvmFlags) {

  /** What {@link #defaults()} does with a worker's background failure: print it on stderr. */
  public static final Consumer<RemoteException> PRINT_FAILURE = e -> {
    System.err.println("[rpc-parallel] worker " + e.worker() + " failed on a background thread and exited: "
        + e.remoteClass() + (e.remoteMessage() == null ? "" : ": " + e.remoteMessage()));
  };

  /**
   * Holds spawn options; no component may be null. {@code env} is copied.
   *
   * @param name the worker's name: non-empty and without whitespace, if present
   * @param env variables added to (or replacing in) the environment the worker inherits
   * @param cd the worker's working directory
   * @param stdout where the worker's stdout goes
   * @param stderr where the worker's stderr goes
   * @param shutdownOn when the worker ends by itself
   * @param connectionTimeout how long a connection may take to open and authenticate; positive
   * @param spawnTimeout how long the whole spawn may take; positive
   * @param onFailure called with an exception thrown on one of the worker's own background
   *     threads
   * @param howToRun where the worker runs
   * @param address the address the worker listens on and is reached by, if chosen
   * @param jvmFlags JVM flags added to the worker's command; each starts with {@code -}
   * @param droppedJvmFlags prefixes of inherited JVM flags the worker does not get; each starts with {@code -}
   * @throws IllegalArgumentException if the name, a timeout, the address or a flag is not valid
   */
  public SpawnOptions {
    jvmFlags = List.copyOf(Objects.requireNonNull(jvmFlags, "jvmFlags"));
    droppedJvmFlags = List.copyOf(Objects.requireNonNull(droppedJvmFlags, "droppedJvmFlags"));
    for (String f : jvmFlags) {
      if (!f.startsWith("-")) {
        throw new IllegalArgumentException("a JVM flag starts with '-': '" + f + "'");
      }
    }
    for (String f : droppedJvmFlags) {
      if (!f.startsWith("-")) {
        throw new IllegalArgumentException("a JVM flag prefix to drop starts with '-': '" + f + "'");
      }
    }
    Objects.requireNonNull(howToRun, "howToRun");
    Objects.requireNonNull(address, "address");
    if (address.isPresent() && (address.get().isBlank() || address.get().chars().anyMatch(Character::isWhitespace))) {
      throw new IllegalArgumentException("worker address must be non-empty and without whitespace: '"
          + address.get() + "'");
    }
    Objects.requireNonNull(name, "name");
    env = Map.copyOf(Objects.requireNonNull(env, "env"));
    Objects.requireNonNull(cd, "cd");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(shutdownOn, "shutdownOn");
    Objects.requireNonNull(connectionTimeout, "connectionTimeout");
    Objects.requireNonNull(spawnTimeout, "spawnTimeout");
    Objects.requireNonNull(onFailure, "onFailure");
    if (name.isPresent() && (name.get().isBlank() || name.get().chars().anyMatch(Character::isWhitespace))) {
      throw new IllegalArgumentException("worker name must be non-empty and without whitespace: '"
          + name.get() + "'");
    }
    if (connectionTimeout.isNegative() || connectionTimeout.isZero()) {
      // rpc_parallel users may expect zero to mean "fail at once": every connection takes some time.
      throw new IllegalArgumentException("connectionTimeout must be positive, got " + connectionTimeout
          + ": it bounds how long a connection may take to open and authenticate, so zero would fail every one;"
          + " to fail fast, give a short one such as Duration.ofMillis(200)");
    }
    if (spawnTimeout.isNegative() || spawnTimeout.isZero()) {
      throw new IllegalArgumentException("spawnTimeout must be positive, got " + spawnTimeout);
    }
  }

  /**
   * Spawn options for a local worker, with the address chosen by itself.
   *
   * @param name the worker's name: non-empty and without whitespace, if present
   * @param env variables added to (or replacing in) the environment the worker inherits
   * @param cd the worker's working directory
   * @param stdout where the worker's stdout goes
   * @param stderr where the worker's stderr goes
   * @param shutdownOn when the worker ends by itself
   * @param connectionTimeout how long a connection may take to open and authenticate; positive
   * @param spawnTimeout how long the whole spawn may take; positive
   * @param onFailure called with an exception thrown on one of the worker's own background
   *     threads
   */
  public SpawnOptions(Optional<String> name, Map<String, String> env, Path cd, Redirect stdout,
      Redirect stderr, ShutdownOn shutdownOn, Duration connectionTimeout, Duration spawnTimeout,
      Consumer<? super RemoteException> onFailure) {
    this(name, env, cd, stdout, stderr, shutdownOn, connectionTimeout, spawnTimeout, onFailure, HowToRun.local(),
        Optional.empty());
  }

  /**
   * Spawn options that give the worker the JVM flags it inherits, unchanged.
   *
   * @param name the worker's name: non-empty and without whitespace, if present
   * @param env variables added to (or replacing in) the environment the worker inherits
   * @param cd the worker's working directory
   * @param stdout where the worker's stdout goes
   * @param stderr where the worker's stderr goes
   * @param shutdownOn when the worker ends by itself
   * @param connectionTimeout how long a connection may take to open and authenticate; positive
   * @param spawnTimeout how long the whole spawn may take; positive
   * @param onFailure called with an exception thrown on one of the worker's own background
   *     threads
   * @param howToRun where the worker runs
   * @param address the address the worker listens on and is reached by, if chosen
   */
  public SpawnOptions(Optional<String> name, Map<String, String> env, Path cd, Redirect stdout,
      Redirect stderr, ShutdownOn shutdownOn, Duration connectionTimeout, Duration spawnTimeout,
      Consumer<? super RemoteException> onFailure, HowToRun howToRun, Optional<String> address) {
    this(name, env, cd, stdout, stderr, shutdownOn, connectionTimeout, spawnTimeout, onFailure, howToRun, address,
        List.of(), List.of());
  }

  /**
   * {@return the defaults} No name, no extra env, cd {@code /}, stdout discarded, stderr inherited,
   * shut down when the connection closes, timeouts 10 s / 20 s, background failures printed.
   */
  public static SpawnOptions defaults() {
    return new SpawnOptions(Optional.empty(), Map.of(), Path.of("/"), Redirect.discard(),
        Redirect.inherit(), ShutdownOn.CONNECTION_CLOSED, Duration.ofSeconds(10), Duration.ofSeconds(20), PRINT_FAILURE,
        HowToRun.local(), Optional.empty(), List.of(), List.of());
  }

  /**
   * {@return the defaults with a name}
   *
   * @param name the worker's name
   */
  public static SpawnOptions named(String name) {
    return defaults().withName(name);
  }

  /**
   * {@return these options with the given name}
   *
   * @param name the worker's name, non-empty and without whitespace
   */
  public SpawnOptions withName(String name) {
    return new SpawnOptions(Optional.of(name), env, cd, stdout, stderr, shutdownOn, connectionTimeout, spawnTimeout, onFailure, howToRun, address, jvmFlags, droppedJvmFlags);
  }

  /**
   * {@return these options with the given extra environment variables, replacing the old ones}
   *
   * @param env variables added to (or replacing in) the environment the worker inherits
   */
  public SpawnOptions withEnv(Map<String, String> env) {
    return new SpawnOptions(name, env, cd, stdout, stderr, shutdownOn, connectionTimeout, spawnTimeout, onFailure, howToRun, address, jvmFlags, droppedJvmFlags);
  }

  /**
   * {@return these options with one more extra environment variable}
   *
   * @param key the variable's name
   * @param value its value
   */
  public SpawnOptions withEnv(String key, String value) {
    Map<String, String> m = new TreeMap<>(env);
    m.put(key, value);
    return withEnv(m);
  }

  /**
   * {@return these options with the given working directory}
   *
   * @param cd the worker's working directory; must exist
   */
  public SpawnOptions withCd(Path cd) {
    return new SpawnOptions(name, env, cd, stdout, stderr, shutdownOn, connectionTimeout, spawnTimeout, onFailure, howToRun, address, jvmFlags, droppedJvmFlags);
  }

  /**
   * {@return these options with the given stdout redirect}
   *
   * @param stdout where the worker's stdout goes
   */
  public SpawnOptions withStdout(Redirect stdout) {
    return new SpawnOptions(name, env, cd, stdout, stderr, shutdownOn, connectionTimeout, spawnTimeout, onFailure, howToRun, address, jvmFlags, droppedJvmFlags);
  }

  /**
   * {@return these options with the given stderr redirect}
   *
   * @param stderr where the worker's stderr goes
   */
  public SpawnOptions withStderr(Redirect stderr) {
    return new SpawnOptions(name, env, cd, stdout, stderr, shutdownOn, connectionTimeout, spawnTimeout, onFailure, howToRun, address, jvmFlags, droppedJvmFlags);
  }

  /**
   * {@return these options with the given shutdown mode}
   *
   * @param shutdownOn when the worker ends by itself
   */
  public SpawnOptions withShutdownOn(ShutdownOn shutdownOn) {
    return new SpawnOptions(name, env, cd, stdout, stderr, shutdownOn, connectionTimeout, spawnTimeout, onFailure, howToRun, address, jvmFlags, droppedJvmFlags);
  }

  /**
   * {@return these options with the given connection timeout} It must be positive: zero does not
   * mean "fail at once" (every connection takes some time, so it would fail every one) and is
   * refused; to fail fast, give a short timeout such as {@code Duration.ofMillis(200)}.
   *
   * @param connectionTimeout how long a connection may take to open and authenticate; positive
   * @throws IllegalArgumentException if it is zero or negative
   */
  public SpawnOptions withConnectionTimeout(Duration connectionTimeout) {
    return new SpawnOptions(name, env, cd, stdout, stderr, shutdownOn, connectionTimeout, spawnTimeout, onFailure, howToRun, address, jvmFlags, droppedJvmFlags);
  }

  /**
   * {@return these options with the given callback for the worker's background failures}
   *
   * @param onFailure the callback (see {@link #onFailure()})
   */
  public SpawnOptions withOnFailure(Consumer<? super RemoteException> onFailure) {
    return new SpawnOptions(name, env, cd, stdout, stderr, shutdownOn, connectionTimeout, spawnTimeout, onFailure, howToRun, address, jvmFlags, droppedJvmFlags);
  }

  /**
   * {@return these options with the given spawn timeout}
   *
   * @param spawnTimeout how long the whole spawn may take
   */
  public SpawnOptions withSpawnTimeout(Duration spawnTimeout) {
    return new SpawnOptions(name, env, cd, stdout, stderr, shutdownOn, connectionTimeout, spawnTimeout, onFailure, howToRun, address, jvmFlags, droppedJvmFlags);
  }

  /**
   * {@return these options with where the worker runs}
   *
   * @param howToRun local, over ssh, through Slurm, or any of these wrapped
   */
  public SpawnOptions withHowToRun(HowToRun howToRun) {
    return new SpawnOptions(name, env, cd, stdout, stderr, shutdownOn, connectionTimeout, spawnTimeout, onFailure,
        howToRun, address, jvmFlags, droppedJvmFlags);
  }

  /**
   * {@return these options with the address the worker listens on and is reached by}
   *
   * @param address an address of the worker's host, as clients reach it
   */
  public SpawnOptions withAddress(String address) {
    return new SpawnOptions(name, env, cd, stdout, stderr, shutdownOn, connectionTimeout, spawnTimeout, onFailure,
        howToRun, Optional.of(address), jvmFlags, droppedJvmFlags);
  }

  /**
   * {@return these options with more JVM flags for the worker} They come after the flags it
   * inherits from this JVM, so they win where the JVM takes the last of a flag ({@code -Xmx},
   * {@code -D}). For a remote worker they are passed as they are: paths name files on its host.
   *
   * @param flags JVM flags, each starting with {@code -}
   */
  public SpawnOptions withJvmFlags(String... flags) {
    List<String> all = new java.util.ArrayList<>(jvmFlags);
    all.addAll(List.of(flags));
    return new SpawnOptions(name, env, cd, stdout, stderr, shutdownOn, connectionTimeout, spawnTimeout, onFailure,
        howToRun, address, all, droppedJvmFlags);
  }

  /**
   * {@return these options with JVM flags this JVM was started with kept from the worker} A flag is
   * dropped when it starts with one of {@code prefixes}, e.g. {@code "-javaagent:"},
   * {@code "-Xmx"} or {@code "-Dmy.port="}.
   *
   * @param prefixes flag prefixes, each starting with {@code -}
   */
  public SpawnOptions withoutJvmFlags(String... prefixes) {
    List<String> all = new java.util.ArrayList<>(droppedJvmFlags);
    all.addAll(List.of(prefixes));
    return new SpawnOptions(name, env, cd, stdout, stderr, shutdownOn, connectionTimeout, spawnTimeout, onFailure,
        howToRun, address, jvmFlags, all);
  }
}
