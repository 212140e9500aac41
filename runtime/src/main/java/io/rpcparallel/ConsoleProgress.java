package io.rpcparallel;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar for command-line programs, redrawn in place on a terminal stream
 * (stderr by default) at most ten times a second:
 * {@code [##########..........]  512/1024  50%  812.3/s  4 workers  0 retried}.
 */
public final class ConsoleProgress implements ProgressListener {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private long lastDraw;

  private ConsoleProgress(PrintStream out) {
    this.out = out;
  }

  /** {@return a bar on stderr} */
  public static ConsoleProgress stderr() {
    return new ConsoleProgress(System.err);
  }

  /**
   * {@return a bar on the given stream}
   *
   * @param out the stream to draw on
   */
  public static ConsoleProgress on(PrintStream out) {
    return new ConsoleProgress(out);
  }

  @Override
  public synchronized void progress(Progress p, boolean finished) {
    long now = System.nanoTime();
    if (!finished && now - lastDraw < 100_000_000L) {
      return;
    }
    lastDraw = now;
    out.print("\r" + render(p) + (finished ? System.lineSeparator() : ""));
    out.flush();
  }

  /**
   * {@return the bar's text for {@code p}}
   *
   * @param p the progress to show
   */
  public static String render(Progress p) {
    StringBuilder b = new StringBuilder("[");
    if (p.total().isPresent() && p.total().getAsLong() > 0) {
      long total = p.total().getAsLong();
      int filled = (int) Math.min(WIDTH, p.done() * WIDTH / total);
      b.append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ")
          .append(String.format(Locale.ROOT, "%d/%d %3d%%", p.done(), total, p.done() * 100 / total));
    } else {
      b.append("#".repeat((int) (p.done() % (WIDTH + 1)))).append(".".repeat(WIDTH - (int) (p.done() % (WIDTH + 1))))
          .append("] ").append(p.done());
    }
    b.append(String.format(Locale.ROOT, "  %.1f/s  %d workers  %d retried", p.throughput(), p.workers(),
        p.retried()));
    if (p.failed() > 0) {
      b.append("  ").append(p.failed()).append(" failed");
    }
    return b.toString();
  }
}
