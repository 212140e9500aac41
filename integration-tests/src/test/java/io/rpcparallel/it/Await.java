package io.rpcparallel.it;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits with a deadline, for tests: a wait that never ends would hang the build (JUnit's timeout
 * cannot interrupt every kind of wait), so each one fails clearly after {@link #LIMIT} instead.
 */
public final class Await {
  /** How long a test waits for anything before it fails; generous, for loaded CI machines. */
  public static final Duration LIMIT = Duration.ofSeconds(60);

  private Await() {}

  /** The result of {@code f}, waiting at most {@link #LIMIT}; its failure is rethrown as ExecutionException. */
  public static <T> T result(Future<T> f) throws ExecutionException, InterruptedException {
    try {
      return f.get(LIMIT.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no result within " + LIMIT, e);
    }
  }

  /** The cause of {@code f}'s failure, waiting at most {@link #LIMIT}; fails if it succeeds. */
  public static Throwable failure(Future<?> f) throws InterruptedException {
    try {
      Object value = result(f);
      throw new AssertionError("expected a failure, got " + value);
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  /** Waits at most {@link #LIMIT} for process {@code pid}, if it is still there, to end; kills it and fails if not. */
  public static void exit(long pid) throws InterruptedException {
    Optional<ProcessHandle> p = ProcessHandle.of(pid);
    if (p.isEmpty()) {
      return;
    }
    try {
      result(p.get().onExit());
    } catch (AssertionError e) {
      p.get().destroyForcibly();
      throw new AssertionError("process " + pid + " did not end within " + LIMIT + "; killed it", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits at most {@link #LIMIT} for {@code p} to end and returns its exit status; kills it and fails if not. */
  public static int exit(Process p) throws InterruptedException {
    if (!p.waitFor(LIMIT.toNanos(), TimeUnit.NANOSECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("process " + p.pid() + " did not end within " + LIMIT + "; killed it");
    }
    return p.exitValue();
  }
}
