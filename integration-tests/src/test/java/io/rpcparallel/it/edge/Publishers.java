package io.rpcparallel.it.edge;

import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/** Publishers of every {@link Shape}, for both ends of a stream. */
public final class Publishers {
  private Publishers() {}

  /** The items a publisher of {@code shape} and {@code n} items emits (none for the at-once shapes). */
  public static List<Long> expected(Shape shape, int n) {
    return switch (shape) {
      case EMPTY_AT_ONCE, ALREADY_CLOSED, FAILING_AT_ONCE -> List.of();
      default -> java.util.stream.LongStream.range(0, n).boxed().toList();
    };
  }

  /** A publisher of {@code item(0..n-1)} of the given shape. */
  public static <T> Flow.Publisher<T> of(Shape shape, int n, LongFunction<T> item) {
    return switch (shape) {
      case EMPTY_AT_ONCE -> s -> {
        s.onSubscribe(new NoOp());
        s.onComplete();
      };
      case ALREADY_CLOSED -> {
        SubmissionPublisher<T> p = new SubmissionPublisher<>();
        p.close();
        yield p;
      }
      case FAILING_AT_ONCE -> s -> {
        s.onSubscribe(new NoOp());
        s.onError(new IllegalStateException("failed at once"));
      };
      case IN_REQUEST -> s -> s.onSubscribe(new InRequest<>(s, n, item));
      case OWN_THREAD -> s -> {
        OwnThread<T> sub = new OwnThread<>(s, n, item);
        s.onSubscribe(sub);
        Thread t = new Thread(sub::run, "test-publisher");
        t.setDaemon(true);
        t.start();
      };
      case HOT -> s -> {
        SubmissionPublisher<T> p = new SubmissionPublisher<>();
        p.subscribe(s);
        Thread t = new Thread(() -> {
          for (long i = 0; i < n; i++) {
            p.submit(item.apply(i));
          }
          p.close();
        }, "test-hot-publisher");
        t.setDaemon(true);
        t.start();
      };
    };
  }

  private static final class NoOp implements Flow.Subscription {
    @Override public void request(long n) {}

    @Override public void cancel() {}
  }

  /** Emits synchronously inside request, guarding against re-entrance (rule 3.3). */
  private static final class InRequest<T> implements Flow.Subscription {
    private final Flow.Subscriber<? super T> s;
    private final int n;
    private final LongFunction<T> item;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicBoolean emitting = new AtomicBoolean();
    private volatile boolean cancelled;
    private long next;
    private boolean done;

    InRequest(Flow.Subscriber<? super T> s, int n, LongFunction<T> item) {
      this.s = s;
      this.n = n;
      this.item = item;
    }

    @Override
    public void request(long k) {
      demand.getAndAccumulate(k, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
      while (emitting.compareAndSet(false, true)) {
        try {
          while (!cancelled && next < n && demand.get() > 0) {
            demand.decrementAndGet();
            s.onNext(item.apply(next++));
          }
          if (!cancelled && next == n && !done) {
            done = true;
            s.onComplete();
          }
        } finally {
          emitting.set(false);
        }
        if (cancelled || done || demand.get() == 0 || next == n) {
          return;
        }
      }
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  /** Emits from its own thread as demand comes. */
  private static final class OwnThread<T> implements Flow.Subscription {
    private final Flow.Subscriber<? super T> s;
    private final int n;
    private final LongFunction<T> item;
    private long demand;
    private boolean cancelled;

    OwnThread(Flow.Subscriber<? super T> s, int n, LongFunction<T> item) {
      this.s = s;
      this.n = n;
      this.item = item;
    }

    void run() {
      for (long i = 0; i < n; i++) {
        synchronized (this) {
          while (demand == 0 && !cancelled) {
            try {
              wait();
            } catch (InterruptedException e) {
              return;
            }
          }
          if (cancelled) {
            return;
          }
          demand--;
        }
        s.onNext(item.apply(i));
      }
      s.onComplete();
    }

    @Override
    public synchronized void request(long k) {
      demand = demand + k < 0 ? Long.MAX_VALUE : demand + k;
      notifyAll();
    }

    @Override
    public synchronized void cancel() {
      cancelled = true;
      notifyAll();
    }
  }
}
