package io.rpcparallel.internal.log;

import io.rpcparallel.LogRecord;
import io.rpcparallel.internal.RunContext;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.helpers.SubstituteLogger;

/**
 * The log records of this process, fanned out to every open subscription. A subscription
 * receives exactly the records published after it was {@link #open opened}; publishing never
 * blocks: each subscription buffers at most {@link #BUFFER} records and drops the rest.
 */
public final class LogHub {
  /** The most records a subscription holds for a subscriber that lags. */
  public static final int BUFFER = 1024;
  private static final LogHub INSTANCE = new LogHub();

  private final Set<Subscription> subscriptions = new CopyOnWriteArraySet<>();
  /** The SLF4J logger classes bridges cover, each with how many bridges do; replaced whole on change. */
  private volatile Map<String, Integer> covered = Map.of();

  private LogHub() {}

  public static LogHub get() {
    return INSTANCE;
  }

  public boolean hasSubscribers() {
    return !subscriptions.isEmpty();
  }

  /**
   * Notes that a bridge now publishes every record that SLF4J loggers of class
   * {@code slf4jLoggerClass} (the binding's) pass to their binding: {@code WorkerLog}'s loggers
   * in front of those stop publishing their own copy. Undone by {@link #uncover}; calls nest.
   */
  public synchronized void cover(String slf4jLoggerClass) {
    Map<String, Integer> m = new HashMap<>(covered);
    m.merge(slf4jLoggerClass, 1, Integer::sum);
    covered = Map.copyOf(m);
  }

  /** Undoes one {@link #cover} of {@code slf4jLoggerClass} (the bridge stopped). */
  public synchronized void uncover(String slf4jLoggerClass) {
    Map<String, Integer> m = new HashMap<>(covered);
    m.computeIfPresent(slf4jLoggerClass, (k, n) -> n == 1 ? null : n - 1);
    covered = Map.copyOf(m);
  }

  /** Whether a bridge publishes what {@code logger} (a binding's SLF4J logger) passes to its binding. */
  public boolean covers(Logger logger) {
    Logger l = logger instanceof SubstituteLogger s ? s.delegate() : logger;
    return covered.containsKey(l.getClass().getName());
  }

  public void publish(LogRecord record) {
    for (Subscription s : subscriptions) {
      s.offer(record);
    }
  }

  /**
   * Opens a subscription: from now on every record is buffered for it. Its one subscriber may
   * come later; cancelling (or failing to subscribe and cancelling) closes it.
   */
  public Flow.Publisher<LogRecord> open() {
    Subscription s = new Subscription();
    subscriptions.add(s);
    return s;
  }

  /** One subscription, as a publisher for its single subscriber; signals are serialised by a drain loop. */
  private final class Subscription implements Flow.Publisher<LogRecord>, Flow.Subscription {
    private final ArrayDeque<LogRecord> buffer = new ArrayDeque<>();
    private final AtomicInteger wip = new AtomicInteger();
    private Flow.Subscriber<? super LogRecord> subscriber;
    private long demand;
    private long dropped;
    private boolean cancelled;

    @Override
    public void subscribe(Flow.Subscriber<? super LogRecord> s) {
      synchronized (this) {
        if (subscriber != null || cancelled) {
          s.onSubscribe(this);
          s.onError(new IllegalStateException("a log subscription has one subscriber"));
          return;
        }
        subscriber = s;
      }
      s.onSubscribe(this);
      drain();
    }

    void offer(LogRecord r) {
      synchronized (this) {
        if (cancelled) {
          return;
        }
        if (buffer.size() >= BUFFER) {
          dropped++;
          return;
        }
        buffer.add(r);
      }
      drain();
    }

    @Override
    public void request(long n) {
      synchronized (this) {
        demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
      }
      drain();
    }

    @Override
    public void cancel() {
      synchronized (this) {
        cancelled = true;
        buffer.clear();
      }
      subscriptions.remove(this);
    }

    private void drain() {
      if (wip.getAndIncrement() == 0) {
        // Off the logging thread: a subscriber's onNext may encode and write to a channel.
        RunContext.transport().executor().execute(this::drainLoop);
      }
    }

    private void drainLoop() {
      int missed = 1;
      do {
        while (true) {
          Flow.Subscriber<? super LogRecord> s;
          LogRecord next;
          synchronized (this) {
            s = subscriber;
            if (cancelled || s == null || demand == 0) {
              break;
            }
            if (dropped > 0 && buffer.size() < BUFFER) {
              next = new LogRecord(Instant.now(), Level.WARN, LogHub.class.getName(), Thread.currentThread().getName(),
                  dropped + " log records were dropped: this log subscriber lags", Optional.empty(), Records.mdc(null));
              dropped = 0;
            } else {
              next = buffer.poll();
              if (next == null) {
                break;
              }
            }
            demand--;
          }
          try {
            s.onNext(next);
          } catch (RuntimeException e) {
            cancel();
            break;
          }
        }
        missed = wip.addAndGet(-missed);
      } while (missed != 0);
    }
  }
}
