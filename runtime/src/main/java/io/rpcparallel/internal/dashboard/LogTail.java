package io.rpcparallel.internal.dashboard;

import io.rpcparallel.LogRecord;
import io.rpcparallel.internal.transport.ClientConnection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;

/**
 * The tail of every worker's log stream: while someone watches, one subscription to
 * {@code logs()} per worker, on one of this process's open connections to it (a worker none is
 * open to is not followed), and the last {@value #KEPT} records of all of them.
 */
final class LogTail {
  static final int KEPT = 500;

  /**
   * One record, numbered in arrival order.
   *
   * @param seq its number
   * @param workerId the worker that logged it
   * @param worker the worker's name
   * @param record the record
   */
  record Line(long seq, String workerId, String worker, LogRecord record) {}

  private final Executor executor;
  private final Deque<Line> lines = new ArrayDeque<>();
  /** The live subscription per worker id. */
  private final Map<String, Flow.Subscription> following = new HashMap<>();
  /** Workers whose subscription is being made. */
  private final Set<String> subscribing = new HashSet<>();
  private long seq;
  private boolean on;

  LogTail(Executor executor) {
    this.executor = executor;
  }

  /** Follows every worker an open connection reaches that is not followed yet. */
  void follow() {
    List<ClientConnection> open = ClientConnection.openNow();
    synchronized (this) {
      on = true;
      for (ClientConnection c : open) {
        String id = c.worker().id();
        if (!following.containsKey(id) && subscribing.add(id)) {
          executor.execute(() -> subscribe(c));
        }
      }
    }
  }

  /** Stops following every worker; the records kept stay. */
  void stop() {
    List<Flow.Subscription> subs;
    synchronized (this) {
      on = false;
      subs = new ArrayList<>(following.values());
      following.clear();
    }
    subs.forEach(Flow.Subscription::cancel);
  }

  /** {@return the ids of the workers followed now} */
  synchronized Set<String> followed() {
    return new HashSet<>(following.keySet());
  }

  /** {@return the records kept, oldest first} */
  synchronized List<Line> lines() {
    return new ArrayList<>(lines);
  }

  private void subscribe(ClientConnection c) {
    String id = c.worker().id();
    try {
      // A round trip: the worker has registered the subscription when it returns.
      c.logs().subscribe(new Flow.Subscriber<>() {
        @Override
        public void onSubscribe(Flow.Subscription s) {
          boolean keep;
          synchronized (LogTail.this) {
            keep = on && !following.containsKey(id);
            if (keep) {
              following.put(id, s);
            }
          }
          if (keep) {
            s.request(Long.MAX_VALUE);
          } else {
            s.cancel();
          }
        }

        @Override
        public void onNext(LogRecord r) {
          add(id, c.worker().displayName(), r);
        }

        @Override
        public void onError(Throwable t) {
          ended(id);
        }

        @Override
        public void onComplete() {
          ended(id);
        }
      });
    } catch (RuntimeException e) {
      // The connection closed meanwhile: the next look tries another.
    } finally {
      synchronized (this) {
        subscribing.remove(id);
      }
    }
  }

  private synchronized void ended(String id) {
    following.remove(id);
  }

  private synchronized void add(String id, String name, LogRecord r) {
    lines.addLast(new Line(++seq, id, name, r));
    while (lines.size() > KEPT) {
      lines.removeFirst();
    }
  }
}
