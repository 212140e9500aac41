package io.rpcparallel.internal.transport;

import io.netty.util.concurrent.EventExecutor;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Logs the connections a server rejects without letting a flood of strangers flood the log: the
 * first {@value #FIRST} of each {@value #INTERVAL_SECONDS}-second interval are logged one by one,
 * the rest as one count at the end of the interval.
 */
final class RejectionLog {
  static final int FIRST = 5;
  static final long INTERVAL_SECONDS = 10;

  private final Logger log;
  private final String interfaceName;
  private long windowStart = System.nanoTime() - TimeUnit.SECONDS.toNanos(INTERVAL_SECONDS);
  private int inWindow;
  private int suppressed;

  RejectionLog(Logger log, String interfaceName) {
    this.log = log;
    this.interfaceName = interfaceName;
  }

  /** One connection was rejected; {@code timer} runs the interval's summary. */
  void rejected(SocketAddress from, String reason, EventExecutor timer) {
    boolean logIt;
    boolean scheduleSummary = false;
    synchronized (this) {
      long now = System.nanoTime();
      if (now - windowStart >= TimeUnit.SECONDS.toNanos(INTERVAL_SECONDS) && suppressed == 0) {
        windowStart = now;
        inWindow = 0;
      }
      logIt = inWindow++ < FIRST;
      if (!logIt && suppressed++ == 0) {
        scheduleSummary = true;
      }
    }
    if (logIt) {
      log.warn("rejected connection from {} to {}: {}", from, interfaceName, reason);
    }
    if (scheduleSummary) {
      long left = windowStart + TimeUnit.SECONDS.toNanos(INTERVAL_SECONDS) - System.nanoTime();
      timer.schedule(this::summarise, Math.max(0, left), TimeUnit.NANOSECONDS);
    }
  }

  private void summarise() {
    int n;
    synchronized (this) {
      n = suppressed;
      suppressed = 0;
      windowStart = System.nanoTime();
      inWindow = 0;
    }
    if (n > 0) {
      log.warn("rejected {} more connections to {} in the last {} s (only the first {} of an interval are logged"
          + " one by one)", n, interfaceName, INTERVAL_SECONDS, FIRST);
    }
  }
}
