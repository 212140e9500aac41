package io.rpcparallel.internal.spawn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The local process that carries a remote worker's pipes ({@code ssh}, {@code srun}), with the
 * launch script's control lines taken out of its stderr. The script (see {@link RemoteScript})
 * writes {@code rpc-parallel-launched key=value…} before anything else it runs, and
 * {@code rpc-parallel-error <message>} when one of its own checks fails, and
 * {@code rpc-parallel-exec} just before it runs the worker; other lines before that (the remote
 * command's own warnings) and everything after it pass through.
 */
final class RemoteProcess extends Process {
  static final String LAUNCHED = "rpc-parallel-launched ";
  static final String ERROR = "rpc-parallel-error ";
  /** The script's last line before it runs the worker: from here on, stderr is the worker's own. */
  static final String EXEC = "rpc-parallel-exec";

  private final Process delegate;
  private final InputStream stderr;
  private final Map<String, String> launched = new ConcurrentHashMap<>();
  private final CompletableFuture<Map<String, String>> launchedFuture = new CompletableFuture<>();
  private volatile String error;
  /** Completes when stderr has been read to its end: every control line is known. */
  private final CompletableFuture<Void> readToEnd = new CompletableFuture<>();

  RemoteProcess(Process delegate) throws IOException {
    this.delegate = delegate;
    // The control lines are read as they come, whoever reads (or does not read) the rest.
    PipedInputStream in = new PipedInputStream(1 << 16);
    PipedOutputStream out = new PipedOutputStream(in);
    this.stderr = in;
    InputStream filter = new ControlLineFilter(delegate.getErrorStream());
    Thread t = new Thread(() -> {
      try (filter; out) {
        filter.transferTo(out);
      } catch (IOException e) {
        // the reader closed its end, or the process's pipe broke: nothing more to pass on
      } finally {
        launchedFuture.complete(Map.of());
        readToEnd.complete(null);
      }
    }, "rpc-parallel-remote-stderr-" + delegate.pid());
    t.setDaemon(true);
    t.start();
  }

  /** What the launch script said about itself ({@code pid}, Slurm's {@code job} and {@code step}), once it has. */
  Optional<Map<String, String>> launched() {
    return launchedFuture.isDone() && !launched.isEmpty() ? Optional.of(launched) : Optional.empty();
  }

  /** As {@link #launched()}, waiting up to {@code millis} for the launch line. */
  Optional<Map<String, String>> awaitLaunched(long millis) {
    try {
      launchedFuture.get(millis, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      // not (yet) said
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return launched();
  }

  /**
   * The launch script's own error, if it reported one. Once the process has ended, waits (up to
   * 10 s) for its stderr to be read to the end, so that a line still on its way is not missed.
   */
  Optional<String> error() {
    if (error == null && !delegate.isAlive()) {
      try {
        readToEnd.get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
        // what was read is all there is
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return Optional.ofNullable(error);
  }

  Process delegate() {
    return delegate;
  }

  @Override
  public OutputStream getOutputStream() {
    return delegate.getOutputStream();
  }

  @Override
  public InputStream getInputStream() {
    return delegate.getInputStream();
  }

  @Override
  public InputStream getErrorStream() {
    return stderr;
  }

  @Override
  public int waitFor() throws InterruptedException {
    return delegate.waitFor();
  }

  @Override
  public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
    return delegate.waitFor(timeout, unit);
  }

  @Override
  public int exitValue() {
    return delegate.exitValue();
  }

  @Override
  public void destroy() {
    delegate.destroy();
  }

  @Override
  public Process destroyForcibly() {
    delegate.destroyForcibly();
    return this;
  }

  @Override
  public boolean isAlive() {
    return delegate.isAlive();
  }

  @Override
  public long pid() {
    return delegate.pid();
  }

  @Override
  public CompletableFuture<Process> onExit() {
    return delegate.onExit().thenApply(p -> this);
  }

  @Override
  public ProcessHandle toHandle() {
    return delegate.toHandle();
  }

  /** Reads lines until the launch line has gone by, taking the control lines out; then passes bytes through. */
  private final class ControlLineFilter extends InputStream {
    private final InputStream in;
    private byte[] pending = new byte[0];
    private int pendingPos;
    private boolean passThrough;

    ControlLineFilter(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      while (pendingPos >= pending.length) {
        if (passThrough) {
          return in.read(b, off, len);
        }
        byte[] line = readLine();
        if (line == null) {
          return -1;
        }
        String text = new String(line, StandardCharsets.UTF_8);
        if (text.startsWith(LAUNCHED)) {
          for (String kv : text.substring(LAUNCHED.length()).strip().split(" ")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
              launched.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
          }
          launchedFuture.complete(launched);
          continue;
        }
        if (text.strip().equals(EXEC)) {
          passThrough = true;
          continue;
        }
        if (text.startsWith(ERROR)) {
          error = text.substring(ERROR.length()).strip();
          passThrough = true;
          continue;
        }
        pending = line;
        pendingPos = 0;
      }
      int n = Math.min(len, pending.length - pendingPos);
      System.arraycopy(pending, pendingPos, b, off, n);
      pendingPos += n;
      return n;
    }

    /** One line with its newline, or what is left at end of stream; null at end of stream. */
    private byte[] readLine() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int c;
      while ((c = in.read()) >= 0) {
        line.write(c);
        if (c == '\n') {
          break;
        }
      }
      return line.size() == 0 ? null : line.toByteArray();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
