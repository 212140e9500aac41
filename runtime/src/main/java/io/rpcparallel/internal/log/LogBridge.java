package io.rpcparallel.internal.log;

/**
 * A bridge from a logging binding to the log stream, which a spawned worker installs as it
 * starts, before it builds its implementation ({@link LogBridges#install}). Implementations are
 * found with {@link java.util.ServiceLoader} ({@code META-INF/services/io.rpcparallel.internal.log.LogBridge}):
 * the {@code rpc-parallel-logback} and {@code rpc-parallel-log4j2} modules register theirs. Not
 * API: rpc-parallel's own modules implement it.
 *
 * <p>An implementation's class must load without its binding on the class path: it names the
 * binding's types only in code that runs once {@link #install} has found the binding.
 */
public interface LogBridge {
  /**
   * Attaches this bridge's appender to its binding's root logger, if the binding is the one in
   * use and no appender of this bridge is attached yet (one configured by hand, say); otherwise
   * does nothing. While attached, the appender {@link LogHub#cover covers} the binding's SLF4J
   * loggers.
   */
  void install();
}
