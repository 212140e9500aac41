package io.rpcparallel.internal.log;

import io.rpcparallel.LogRecord;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.CallerBoundaryAware;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * An SLF4J logger that forwards every call to the binding's logger of the same name and
 * publishes it to the worker's log stream ({@link LogHub}), unless a bridge covers that binding
 * ({@link LogHub#covers}): the bridge then publishes what the binding accepts, this record included.
 */
public final class TeeLogger extends AbstractLogger {
  private static final long serialVersionUID = 1L;

  private final transient Logger delegate;

  public TeeLogger(Logger delegate) {
    this.delegate = delegate;
    this.name = delegate.getName();
  }

  /**
   * Whether this logger publishes records itself: while someone subscribes, unless a bridge
   * publishes every record the binding behind {@code delegate} accepts (then this one would be
   * published twice).
   */
  private boolean publishes() {
    LogHub hub = LogHub.get();
    return hub.hasSubscribers() && !hub.covers(delegate);
  }

  private boolean enabled(Level level, boolean delegateEnabled) {
    return delegateEnabled || level.toInt() >= Level.INFO.toInt() && publishes();
  }

  @Override public boolean isTraceEnabled() {
    return enabled(Level.TRACE, delegate.isTraceEnabled());
  }

  @Override public boolean isTraceEnabled(Marker marker) {
    return enabled(Level.TRACE, delegate.isTraceEnabled(marker));
  }

  @Override public boolean isDebugEnabled() {
    return enabled(Level.DEBUG, delegate.isDebugEnabled());
  }

  @Override public boolean isDebugEnabled(Marker marker) {
    return enabled(Level.DEBUG, delegate.isDebugEnabled(marker));
  }

  @Override public boolean isInfoEnabled() {
    return enabled(Level.INFO, delegate.isInfoEnabled());
  }

  @Override public boolean isInfoEnabled(Marker marker) {
    return enabled(Level.INFO, delegate.isInfoEnabled(marker));
  }

  @Override public boolean isWarnEnabled() {
    return enabled(Level.WARN, delegate.isWarnEnabled());
  }

  @Override public boolean isWarnEnabled(Marker marker) {
    return enabled(Level.WARN, delegate.isWarnEnabled(marker));
  }

  @Override public boolean isErrorEnabled() {
    return enabled(Level.ERROR, delegate.isErrorEnabled());
  }

  @Override public boolean isErrorEnabled(Marker marker) {
    return enabled(Level.ERROR, delegate.isErrorEnabled(marker));
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    // Location-aware bindings report the frame that called AbstractLogger's methods: the user's.
    return AbstractLogger.class.getName();
  }

  @Override
  protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
      Throwable throwable) {
    if (delegate.isEnabledForLevel(level)) {
      LoggingEventBuilder b = delegate.makeLoggingEventBuilder(level);
      if (b instanceof CallerBoundaryAware cba) {
        cba.setCallerBoundary(getFullyQualifiedCallerName());
      }
      if (marker != null) {
        b.addMarker(marker);
      }
      if (throwable != null) {
        b.setCause(throwable);
      }
      b.setMessage(messagePattern);
      if (arguments != null) {
        for (Object a : arguments) {
          b.addArgument(a);
        }
      }
      b.log();
    }
    if (publishes()) {
      String message = MessageFormatter.basicArrayFormat(messagePattern, arguments);
      LogHub.get().publish(new LogRecord(Instant.now(), level, name, Thread.currentThread().getName(),
          message == null ? "null" : message, Optional.ofNullable(throwable).map(Records::stackTrace),
          Records.mdc(MDC.getCopyOfContextMap())));
    }
  }
}
