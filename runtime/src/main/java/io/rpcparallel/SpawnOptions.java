package io.rpcparallel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

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
 *     in {@code CONNECTION_CLOSED} mode also how long the worker waits for its first client
 * @param spawnTimeout how long the whole spawn may take, until the worker is initialised and
 *     registered (default 20 s)
 */
public record SpawnOptions(Optional<String> name, Map<String, String> env, Path cd, Redirect stdout,
    Redirect stderr, ShutdownOn shutdownOn, Duration connectionTimeout, Duration spawnTimeout) {

  public SpawnOptions {
    Objects.requireNonNull(name, "name");
    env = Map.copyOf(Objects.requireNonNull(env, "env"));
    Objects.requireNonNull(cd, "cd");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(shutdownOn, "shutdownOn");
    Objects.requireNonNull(connectionTimeout, "connectionTimeout");
    Objects.requireNonNull(spawnTimeout, "spawnTimeout");
    if (name.isPresent() && (name.get().isBlank() || name.get().chars().anyMatch(Character::isWhitespace))) {
      throw new IllegalArgumentException("worker name must be non-empty and without whitespace: '"
          + name.get() + "'");
    }
    if (connectionTimeout.isNegative() || connectionTimeout.isZero()) {
      throw new IllegalArgumentException("connectionTimeout must be positive, got " + connectionTimeout);
    }
    if (spawnTimeout.isNegative() || spawnTimeout.isZero()) {
      throw new IllegalArgumentException("spawnTimeout must be positive, got " + spawnTimeout);
    }
  }

  /** No name, no extra env, cd {@code /}, stdout discarded, stderr inherited, 10 s / 20 s. */
  public static SpawnOptions defaults() {
    return new SpawnOptions(Optional.empty(), Map.of(), Path.of("/"), Redirect.discard(),
        Redirect.inherit(), ShutdownOn.CONNECTION_CLOSED, Duration.ofSeconds(10), Duration.ofSeconds(20));
  }

  /** The defaults with a name. */
  public static SpawnOptions named(String name) {
    return defaults().withName(name);
  }

  public SpawnOptions withName(String name) {
    return new SpawnOptions(Optional.of(name), env, cd, stdout, stderr, shutdownOn, connectionTimeout, spawnTimeout);
  }

  /** Replaces the extra environment variables. */
  public SpawnOptions withEnv(Map<String, String> env) {
    return new SpawnOptions(name, env, cd, stdout, stderr, shutdownOn, connectionTimeout, spawnTimeout);
  }

  /** Adds one environment variable to the extra ones. */
  public SpawnOptions withEnv(String key, String value) {
    Map<String, String> m = new TreeMap<>(env);
    m.put(key, value);
    return withEnv(m);
  }

  public SpawnOptions withCd(Path cd) {
    return new SpawnOptions(name, env, cd, stdout, stderr, shutdownOn, connectionTimeout, spawnTimeout);
  }

  public SpawnOptions withStdout(Redirect stdout) {
    return new SpawnOptions(name, env, cd, stdout, stderr, shutdownOn, connectionTimeout, spawnTimeout);
  }

  public SpawnOptions withStderr(Redirect stderr) {
    return new SpawnOptions(name, env, cd, stdout, stderr, shutdownOn, connectionTimeout, spawnTimeout);
  }

  public SpawnOptions withShutdownOn(ShutdownOn shutdownOn) {
    return new SpawnOptions(name, env, cd, stdout, stderr, shutdownOn, connectionTimeout, spawnTimeout);
  }

  public SpawnOptions withConnectionTimeout(Duration connectionTimeout) {
    return new SpawnOptions(name, env, cd, stdout, stderr, shutdownOn, connectionTimeout, spawnTimeout);
  }

  public SpawnOptions withSpawnTimeout(Duration spawnTimeout) {
    return new SpawnOptions(name, env, cd, stdout, stderr, shutdownOn, connectionTimeout, spawnTimeout);
  }
}
