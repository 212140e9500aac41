package io.rpcparallel.it.edge;

import io.rpcparallel.SpawnOptions;
import io.rpcparallel.StreamWriter;
import java.util.concurrent.TimeUnit;

/**
 * A master run as its own JVM with a small max message size (from the environment), printing one
 * {@code RESULT <case> <outcome>} line per oversize case and {@code ALIVE <pid>} after each, so
 * that the test sees every case end and the worker still serving.
 */
public final class OversizeProgram {
  private OversizeProgram() {}

  /** Larger than the 64 KiB max message size the test sets. */
  static final int BIG = 200_000;

  public static void main(String[] args) throws Exception {
    try (EdgeWorkerClient w = EdgeWorkerRpc.spawnAndConnect(EdgeWorkerImpl.class, SpawnOptions.named("oversize"))) {
      long pid = w.pid();
      report("error", () -> w.bigError(BIG));
      alive(w, pid);
      report("error-async", () -> w.async().bigErrorAsync(BIG).get(30, TimeUnit.SECONDS));
      alive(w, pid);
      report("result", () -> w.bigResult(BIG));
      alive(w, pid);
      report("stream-fail", () -> {
        Collecting<String> c = new Collecting<>();
        w.failStream(BIG, StreamWriter.to(c));
        return c.done.get(30, TimeUnit.SECONDS);
      });
      alive(w, pid);
      for (Shape shape : new Shape[] {Shape.IN_REQUEST, Shape.OWN_THREAD, Shape.HOT}) {
        report("item-from-worker-" + shape, () -> {
          Collecting<byte[]> c = new Collecting<>();
          w.bytes(shape, 3, BIG).subscribe(c);
          return c.done.get(30, TimeUnit.SECONDS).size() + " items";
        });
        alive(w, pid);
        report("item-from-caller-" + shape, () -> w.async().consume(Publishers.of(shape, 3, i -> new byte[BIG]))
            .get(30, TimeUnit.SECONDS));
        alive(w, pid);
      }
    }
    System.out.println("DONE");
  }

  private interface Case {
    Object run() throws Exception;
  }

  private static void report(String name, Case c) {
    String outcome;
    try {
      outcome = "returned " + c.run();
    } catch (Throwable t) {
      Throwable e = t instanceof java.util.concurrent.ExecutionException && t.getCause() != null ? t.getCause() : t;
      outcome = e.getClass().getName() + ": " + e.getMessage();
    }
    String line = outcome.replace('\n', ' ');
    System.out.println("RESULT " + name + " " + (line.length() > 600 ? line.substring(0, 300) + " ... "
        + line.substring(line.length() - 300) : line));
    System.out.flush();
  }

  private static void alive(EdgeWorkerClient w, long pid) {
    System.out.println("ALIVE " + (w.pid() == pid && "still here".equals(w.echo("still here"))));
    System.out.flush();
  }
}
