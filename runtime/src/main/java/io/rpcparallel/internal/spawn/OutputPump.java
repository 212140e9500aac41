package io.rpcparallel.internal.spawn;

import io.rpcparallel.internal.RunContext;
import io.rpcparallel.internal.exec.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Copies workers' output pipes to this process's streams, a line at a time with a prefix, and keeps
 * each pipe's last lines for error messages. One thread serves every pipe of the process: a pipe
 * can only be read by a blocking read, so it reads only what {@link InputStream#available()} says
 * is there, polling again at once while output flows and backing off (up to {@value #MAX_IDLE_MS}
 * ms) while none does. Once a worker's process has ended, the rest of its pipe, down to its end,
 * is read on an executor: nothing written before the exit is lost, and a pipe that something else
 * still holds open (a process the worker started) never holds up the others. The thread ends when
 * no pipe is left and starts again with the next.
 */
final class OutputPump {
  private static final int TAIL_LINES = 40;
  /** A line longer than this is passed on in pieces of this size. */
  private static final int MAX_LINE = 1 << 20;
  private static final int MAX_IDLE_MS = 50;
  /** The name of the thread that serves every pipe. */
  static final String THREAD_NAME = "rpc-parallel-output";
  private static final OutputPump SHARED = new OutputPump();

  private final List<Pipe> pipes = new ArrayList<>();
  private Thread thread;

  private OutputPump() {}

  /**
   * Starts copying {@code source}, a pipe of a process that has ended once {@code exited}
   * completes, to {@code target} (null: only its tail is kept), each line prefixed.
   */
  static Pipe copy(InputStream source, CompletableFuture<?> exited, PrintStream target, String prefix) {
    Pipe p = new Pipe(source, target, prefix);
    SHARED.add(p);
    exited.whenComplete((x, e) -> {
      p.exited = true;
      SHARED.wake();
    });
    return p;
  }

  private void add(Pipe p) {
    synchronized (pipes) {
      pipes.add(p);
      if (thread == null) {
        thread = new Thread(this::run, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
      } else {
        LockSupport.unpark(thread);
      }
    }
  }

  private void wake() {
    synchronized (pipes) {
      if (thread != null) {
        LockSupport.unpark(thread);
      }
    }
  }

  private void run() {
    long idleMs = 0;
    List<Pipe> current = new ArrayList<>();
    while (true) {
      current.clear();
      synchronized (pipes) {
        if (pipes.isEmpty()) {
          thread = null;
          return;
        }
        current.addAll(pipes);
      }
      boolean read = false;
      for (Pipe p : current) {
        // Read the exit flag first: what the pipe held before the exit is read here or by finish().
        boolean exited = p.exited;
        read |= p.readAvailable();
        if (exited || p.broken) {
          synchronized (pipes) {
            pipes.remove(p);
          }
          p.finishOnExecutor();
        }
      }
      if (read) {
        idleMs = 0;
      } else {
        idleMs = Math.min(MAX_IDLE_MS, Math.max(1, idleMs * 2));
        LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(idleMs));
      }
    }
  }

  /** One pipe being copied. */
  static final class Pipe {
    private final InputStream source;
    private final PrintStream target;
    private final String prefix;
    private final Deque<String> tail = new ArrayDeque<>();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private final byte[] chunk = new byte[8192];
    private byte[] line = new byte[256];
    private int lineLength;
    /** A line ended with CR: an LF right after it ends nothing more. */
    private boolean afterCr;
    private volatile boolean exited;
    /** Reading failed (the pipe was closed under us): nothing more will come. */
    private boolean broken;

    private Pipe(InputStream source, PrintStream target, String prefix) {
      this.source = source;
      this.target = target;
      this.prefix = prefix;
    }

    /** Copies what the pipe holds now, without blocking; returns whether it held anything. */
    private boolean readAvailable() {
      boolean any = false;
      try {
        int n;
        while (!broken && source.available() > 0 && (n = source.read(chunk, 0, chunk.length)) > 0) {
          bytes(chunk, n);
          any = true;
        }
      } catch (IOException e) {
        broken = true; // closed under us: the worker was killed and its pipes closed
      }
      return any;
    }

    /**
     * Hands the rest of the pipe to the process's executor (there is one while workers run), so
     * that a pipe still held open elsewhere blocks no other.
     */
    private void finishOnExecutor() {
      Optional<Transport> transport = RunContext.transportIfMade();
      if (transport.isPresent()) {
        transport.get().executor().execute(this::finish);
      } else {
        Thread t = new Thread(this::finish, THREAD_NAME + "-end");
        t.setDaemon(true);
        t.start();
      }
    }

    /** Reads the pipe to its end (blocking), passes on a last line without a newline, and closes it. */
    private void finish() {
      try (source) {
        int n;
        while (!broken && (n = source.read(chunk, 0, chunk.length)) >= 0) {
          bytes(chunk, n);
        }
      } catch (IOException e) {
        // closed under us: what was read is all there is
      } finally {
        if (lineLength > 0) {
          endLine();
        }
        drained.complete(null);
      }
    }

    private void bytes(byte[] b, int n) {
      for (int i = 0; i < n; i++) {
        byte c = b[i];
        if (c == '\n' && afterCr) {
          afterCr = false;
          continue;
        }
        afterCr = c == '\r';
        if (c == '\n' || c == '\r') {
          endLine();
          continue;
        }
        if (lineLength == line.length) {
          if (lineLength == MAX_LINE) {
            endLine();
          } else {
            line = Arrays.copyOf(line, Math.min(MAX_LINE, lineLength * 2));
          }
        }
        line[lineLength++] = c;
      }
    }

    private void endLine() {
      String text = new String(line, 0, lineLength, StandardCharsets.UTF_8);
      lineLength = 0;
      synchronized (tail) {
        tail.addLast(text);
        if (tail.size() > TAIL_LINES) {
          tail.removeFirst();
        }
      }
      if (target != null) {
        target.println(prefix + text);
      }
    }

    /** Waits (bounded) until the pipe has been read to its end: the process has ended. */
    void join(long millis) {
      try {
        drained.get(millis, TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // what was read is all there is
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** {@return a future completed once the pipe has been read to its end (a copy: completing it does nothing)} */
    CompletableFuture<Void> drained() {
      return drained.copy();
    }

    /** The last lines read, joined with newlines; empty if none. */
    String tail() {
      synchronized (tail) {
        return String.join("\n", tail);
      }
    }
  }
}
