package io.rpcparallel.internal.spawn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Copies a worker's output pipe to one of this process's streams, a line at a time with a prefix,
 * and keeps its last lines for error messages. Ends at end of stream (the worker exited).
 */
final class OutputPump implements Runnable {
  private static final int TAIL_LINES = 40;

  private final InputStream source;
  private final PrintStream target;
  private final String prefix;
  private final Deque<String> tail = new ArrayDeque<>();
  private final Thread thread;

  OutputPump(InputStream source, PrintStream target, String prefix, String threadName) {
    this.source = source;
    this.target = target;
    this.prefix = prefix;
    this.thread = new Thread(this, threadName);
    this.thread.setDaemon(true);
  }

  OutputPump start() {
    thread.start();
    return this;
  }

  @Override
  public void run() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(source, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (tail) {
          tail.addLast(line);
          if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
          }
        }
        if (target != null) {
          target.println(prefix + line);
        }
      }
    } catch (IOException e) {
      // The pipe closed under us: the worker is gone or was killed.
    }
  }

  /** Waits (bounded) until the pipe is drained. */
  void join(long millis) {
    try {
      thread.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The last lines read, joined with newlines; empty if none. */
  String tail() {
    synchronized (tail) {
      return String.join("\n", tail);
    }
  }
}
