package io.rpcparallel;

import java.time.Duration;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * How a map-reduce job runs: how many workers, how they are spawned, how many tasks each has in
 * flight, how often a task may run again after its worker died.
 *
 * @param local the number of local workers (default: the number of cores)
 * @param spawnOptions the spawn options of each worker index (default: named {@code map-<index>})
 * @param maxInFlightPerWorker tasks sent to one worker before it answers (default 4): enough to
 *     keep it busy between answers, few enough that slow and fast tasks mix
 * @param maxAttempts how many times one input may be tried when workers die under it (default 2)
 * @param replaceDeadWorkers whether a worker that died is replaced by a new one (default true)
 * @param progress who hears the job's progress (default: nobody)
 */
public record MapReduceConfig(int local, IntFunction<SpawnOptions> spawnOptions, int maxInFlightPerWorker,
    int maxAttempts, boolean replaceDeadWorkers, ProgressListener progress) {

  /**
   * Holds a configuration; run {@link #validate()} to check its numbers.
   *
   * @param local the number of local workers
   * @param spawnOptions the spawn options of each worker index; not null
   * @param maxInFlightPerWorker tasks sent to one worker before it answers
   * @param maxAttempts how many times one input may be tried when workers die under it
   * @param replaceDeadWorkers whether a worker that died is replaced by a new one
   * @param progress who hears the job's progress; not null
   */
  public MapReduceConfig {
    Objects.requireNonNull(spawnOptions, "spawnOptions");
    Objects.requireNonNull(progress, "progress");
  }

  /** {@return the defaults: one local worker per core} */
  public static MapReduceConfig defaults() {
    return local(Runtime.getRuntime().availableProcessors());
  }

  /**
   * {@return the defaults with {@code n} local workers}
   *
   * @param n the number of local workers
   */
  public static MapReduceConfig local(int n) {
    return new MapReduceConfig(n, i -> SpawnOptions.named("map-" + i), 4, 2, true, ProgressListener.NONE);
  }

  /**
   * {@return this config with {@code n} local workers}
   *
   * @param n the number of local workers
   */
  public MapReduceConfig withLocal(int n) {
    return new MapReduceConfig(n, spawnOptions, maxInFlightPerWorker, maxAttempts, replaceDeadWorkers, progress);
  }

  /**
   * {@return this config with the given spawn options (cd, redirects, env, timeouts…) of each
   * worker index}
   *
   * @param options the spawn options of each worker index
   */
  public MapReduceConfig withSpawnOptions(IntFunction<SpawnOptions> options) {
    return new MapReduceConfig(local, options, maxInFlightPerWorker, maxAttempts, replaceDeadWorkers, progress);
  }

  /**
   * {@return this config with {@code n} tasks in flight per worker}
   *
   * @param n tasks sent to one worker before it answers
   */
  public MapReduceConfig withMaxInFlightPerWorker(int n) {
    return new MapReduceConfig(local, spawnOptions, n, maxAttempts, replaceDeadWorkers, progress);
  }

  /**
   * {@return this config with {@code n} attempts per input}
   *
   * @param n how many times one input may be tried when workers die under it
   */
  public MapReduceConfig withMaxAttempts(int n) {
    return new MapReduceConfig(local, spawnOptions, maxInFlightPerWorker, n, replaceDeadWorkers, progress);
  }

  /**
   * {@return this config, replacing dead workers or not}
   *
   * @param replace whether a worker that died is replaced by a new one
   */
  public MapReduceConfig withReplaceDeadWorkers(boolean replace) {
    return new MapReduceConfig(local, spawnOptions, maxInFlightPerWorker, maxAttempts, replace, progress);
  }

  /**
   * {@return this config with the given progress listener}
   *
   * @param listener who hears the job's progress
   */
  public MapReduceConfig withProgress(ProgressListener listener) {
    return new MapReduceConfig(local, spawnOptions, maxInFlightPerWorker, maxAttempts, replaceDeadWorkers, listener);
  }

  /**
   * Checks that this config can run a job.
   *
   * @throws IllegalArgumentException with a clear message if it cannot
   */
  public void validate() {
    if (local < 0) {
      throw new IllegalArgumentException("config.local must be nonnegative, got " + local);
    }
    if (local == 0) {
      throw new IllegalArgumentException("total number of workers must be positive, got 0 (config.local = 0)");
    }
    if (maxInFlightPerWorker < 1) {
      throw new IllegalArgumentException("config.maxInFlightPerWorker must be positive, got " + maxInFlightPerWorker);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("config.maxAttempts must be at least 1, got " + maxAttempts);
    }
  }

  /** How long a job waits for the pool's first worker before failing (the spawn timeout of index 0, doubled). */
  Duration startTimeout() {
    return spawnOptions.apply(0).spawnTimeout().multipliedBy(2);
  }
}
