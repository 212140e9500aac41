package io.rpcparallel.internal.mapreduce;

import io.rpcparallel.Progress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The map-reduce jobs of this process, for the dashboard: those running, and the last
 * {@value #KEPT_ENDED} that ended. A job's counts are read only when asked for.
 */
public final class Jobs {
  static final int KEPT_ENDED = 10;

  /**
   * One job as it stands.
   *
   * @param id its number in this process, from 1
   * @param started when it started
   * @param progress its counts (done, total, failed, retried, workers, elapsed)
   * @param ended whether it has ended
   * @param error why it failed, if it did
   * @param failedInputs the indexes of the inputs that could not be done
   */
  public record View(long id, Instant started, Progress progress, boolean ended, Optional<String> error,
      List<Long> failedInputs) {}

  private static final Set<Job<?, ?, ?>> RUNNING = ConcurrentHashMap.newKeySet();
  private static final Deque<View> ENDED = new ArrayDeque<>();

  private Jobs() {}

  /** {@return the running jobs, then the last ones that ended, oldest first within each} */
  public static List<View> all() {
    List<View> out = new ArrayList<>();
    for (Job<?, ?, ?> j : RUNNING) {
      out.add(j.view());
    }
    out.sort((a, b) -> Long.compare(a.id(), b.id()));
    synchronized (ENDED) {
      out.addAll(ENDED);
    }
    return out;
  }

  static void started(Job<?, ?, ?> job) {
    RUNNING.add(job);
  }

  static void ended(Job<?, ?, ?> job) {
    View v = job.view();
    synchronized (ENDED) {
      ENDED.addLast(v);
      while (ENDED.size() > KEPT_ENDED) {
        ENDED.removeFirst();
      }
    }
    RUNNING.remove(job);
  }
}
