package io.rpcparallel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * @param remote workers elsewhere, in the same pool as the local ones (default: none). Worker
 *     indexes run over the local workers first, then these in order; each gets
 *     {@code spawnOptions} of its index with its {@link HowToRun}
 */
public record MapReduceConfig(int local, IntFunction<SpawnOptions> spawnOptions, int maxInFlightPerWorker,
    int maxAttempts, boolean replaceDeadWorkers, ProgressListener progress, List<WorkersOn> remote) {

  /**
   * Some of a pool's workers, and where they run.
   *
   * @param howToRun where they run (over ssh, through Slurm, wrapped…)
   * @param count how many; not negative
   */
  public record WorkersOn(HowToRun howToRun, int count) {
    /**
     * Holds a part of a pool.
     *
     * @param howToRun where they run; not null
     * @param count how many; not negative
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public WorkersOn {
      Objects.requireNonNull(howToRun, "howToRun");
      if (count < 0) {
        throw new IllegalArgumentException("a pool's worker count must be nonnegative, got " + count + " on "
            + howToRun);
      }
    }
  }

  /**
   * A configuration with local workers only.
   *
   * @param local the number of local workers
   * @param spawnOptions the spawn options of each worker index; not null
   * @param maxInFlightPerWorker tasks sent to one worker before it answers
   * @param maxAttempts how many times one input may be tried when workers die under it
   * @param replaceDeadWorkers whether a worker that died is replaced by a new one
   * @param progress who hears the job's progress; not null
   */
  public MapReduceConfig(int local, IntFunction<SpawnOptions> spawnOptions, int maxInFlightPerWorker,
      int maxAttempts, boolean replaceDeadWorkers, ProgressListener progress) {
    this(local, spawnOptions, maxInFlightPerWorker, maxAttempts, replaceDeadWorkers, progress, List.of());
  }

  /**
   * Holds a configuration; run {@link #validate()} to check its numbers.
   *
   * @param local the number of local workers
   * @param spawnOptions the spawn options of each worker index; not null
   * @param maxInFlightPerWorker tasks sent to one worker before it answers
   * @param maxAttempts how many times one input may be tried when workers die under it
   * @param replaceDeadWorkers whether a worker that died is replaced by a new one
   * @param progress who hears the job's progress; not null
   * @param remote workers elsewhere, in the same pool; not null
   */
  public MapReduceConfig {
    Objects.requireNonNull(spawnOptions, "spawnOptions");
    Objects.requireNonNull(progress, "progress");
    remote = List.copyOf(remote);
  }

  /** {@return the number of workers in the pool: local and remote} */
  public int total() {
    return local + remote.stream().mapToInt(WorkersOn::count).sum();
  }

  /**
   * {@return the spawn options of worker {@code index}, with where it runs}
   *
   * @param index the worker's index in the pool
   */
  public SpawnOptions optionsFor(int index) {
    SpawnOptions o = spawnOptions.apply(index);
    int i = index - local;
    if (i < 0) {
      return o;
    }
    for (WorkersOn w : remote) {
      if (i < w.count()) {
        return o.withHowToRun(w.howToRun());
      }
      i -= w.count();
    }
    return o;
  }

  /**
   * {@return this config with {@code count} more workers running as {@code howToRun}}
   *
   * @param howToRun where they run
   * @param count how many
   */
  public MapReduceConfig withWorkers(HowToRun howToRun, int count) {
    List<WorkersOn> r = new ArrayList<>(remote);
    r.add(new WorkersOn(howToRun, count));
    return new MapReduceConfig(local, spawnOptions, maxInFlightPerWorker, maxAttempts, replaceDeadWorkers, progress, r);
  }

  /**
   * {@return this config with these workers elsewhere, replacing the old ones}
   *
   * @param remote workers elsewhere, and where
   */
  public MapReduceConfig withRemote(List<WorkersOn> remote) {
    return new MapReduceConfig(local, spawnOptions, maxInFlightPerWorker, maxAttempts, replaceDeadWorkers, progress,
        remote);
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
    return new MapReduceConfig(n, spawnOptions, maxInFlightPerWorker, maxAttempts, replaceDeadWorkers, progress, remote);
  }

  /**
   * {@return this config with the given spawn options (cd, redirects, env, timeouts…) of each
   * worker index}
   *
   * @param options the spawn options of each worker index
   */
  public MapReduceConfig withSpawnOptions(IntFunction<SpawnOptions> options) {
    return new MapReduceConfig(local, options, maxInFlightPerWorker, maxAttempts, replaceDeadWorkers, progress, remote);
  }

  /**
   * {@return this config with {@code n} tasks in flight per worker}
   *
   * @param n tasks sent to one worker before it answers
   */
  public MapReduceConfig withMaxInFlightPerWorker(int n) {
    return new MapReduceConfig(local, spawnOptions, n, maxAttempts, replaceDeadWorkers, progress, remote);
  }

  /**
   * {@return this config with {@code n} attempts per input}
   *
   * @param n how many times one input may be tried when workers die under it
   */
  public MapReduceConfig withMaxAttempts(int n) {
    return new MapReduceConfig(local, spawnOptions, maxInFlightPerWorker, n, replaceDeadWorkers, progress, remote);
  }

  /**
   * {@return this config, replacing dead workers or not}
   *
   * @param replace whether a worker that died is replaced by a new one
   */
  public MapReduceConfig withReplaceDeadWorkers(boolean replace) {
    return new MapReduceConfig(local, spawnOptions, maxInFlightPerWorker, maxAttempts, replace, progress, remote);
  }

  /**
   * {@return this config with the given progress listener}
   *
   * @param listener who hears the job's progress
   */
  public MapReduceConfig withProgress(ProgressListener listener) {
    return new MapReduceConfig(local, spawnOptions, maxInFlightPerWorker, maxAttempts, replaceDeadWorkers, listener, remote);
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
    if (total() == 0) {
      throw new IllegalArgumentException("total number of workers must be positive, got 0 (config.local = 0"
          + (remote.isEmpty() ? "" : ", and no remote workers") + ")");
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
    return optionsFor(0).spawnTimeout().multipliedBy(2);
  }
}
