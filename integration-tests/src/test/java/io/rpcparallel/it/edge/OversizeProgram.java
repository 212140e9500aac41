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

  /** Larger than the 64 KiB max message size the test sets (or {@code args[0]}, for other sizes). */
  static int BIG = 200_000;

  public static void main(String[] args) throws Exception {
    if (args.length > 0) {
      BIG = Integer.parseInt(args[0]);
    }
    try (EdgeWorkerClient w = EdgeWorkerRpc.spawnAndConnect(EdgeWorkerImpl.class, SpawnOptions.named("oversize"))) {
      long pid = w.pid();
      report("argument", () -> w.echo("a".repeat(BIG)));
      alive(w, pid);
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
      report("error-multibyte", () -> w.bigErrorOf(BIG, "\u20ac"));
      alive(w, pid);
      // 100 times the value (at the default limit, 50 MB beyond it).
      report("error-huge", () -> w.bigErrorOf((int) Math.min(100L * BIG, BIG + 50_000_000L), "x"));
      alive(w, pid);
      report("stream-fail-publisher", () -> {
        Collecting<String> c = new Collecting<>();
        w.failingPipe(BIG).subscribe(c);
        return c.done.get(30, TimeUnit.SECONDS);
      });
      alive(w, pid);
      report("stream-fail-from-caller", () -> w.async().consume(s -> s.onSubscribe(new java.util.concurrent.Flow.Subscription() {
        private boolean done;

        @Override
        public synchronized void request(long n) {
          if (!done) {
            done = true;
            s.onNext(new byte[10]);
            s.onError(new IllegalStateException("v".repeat(BIG)));
          }
        }

        @Override
        public void cancel() {}
      })).get(30, TimeUnit.SECONDS));
      alive(w, pid);
      report("stream-fail-from-caller-direct", () -> {
        StreamWriter<byte[]> sink = w.byteSink("fail");
        sink.write(new byte[10]);
        sink.fail(new IllegalStateException("u".repeat(BIG)));
        return w.byteSinkOutcome("fail");
      });
      alive(w, pid);
      report("item-from-caller-direct", () -> {
        StreamWriter<byte[]> sink = w.byteSink("big");
        try {
          sink.write(new byte[BIG]);
        } catch (RuntimeException e) {
          return "writer threw " + e + "; the worker's sink ended with " + className(w.byteSinkOutcome("big"));
        }
        return "writer did not throw; the worker's sink ended with " + className(w.byteSinkOutcome("big"));
      });
      alive(w, pid);
      report("item-from-worker-direct", () -> {
        Collecting<byte[]> c = new Collecting<>();
        try {
          w.bigItemDirect(BIG, StreamWriter.to(c));
        } catch (RuntimeException e) {
          return "the stream ended with " + className(c.done.handle((v, x) -> String.valueOf(x))
              .get(30, TimeUnit.SECONDS)) + "; call threw " + e;
        }
        return "the stream ended with " + className(c.done.handle((v, x) -> String.valueOf(x))
            .get(30, TimeUnit.SECONDS)) + "; call returned";
      });
      alive(w, pid);
      report("state-initial", () -> w.bigState(BIG, 10).initial().length);
      alive(w, pid);
      report("state-update", () -> {
        Collecting<byte[]> c = new Collecting<>();
        w.bigState(10, BIG).updates().subscribe(c);
        return c.done.get(30, TimeUnit.SECONDS).size() + " items";
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

  /** The class name an exception's {@code toString} starts with. */
  private static String className(String exceptionText) {
    int colon = exceptionText.indexOf(':');
    return colon < 0 ? exceptionText : exceptionText.substring(0, colon);
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
