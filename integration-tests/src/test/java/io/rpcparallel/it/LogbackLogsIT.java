package io.rpcparallel.it;

/** Logback as the binding: rpc-parallel-logback's appender, added by the worker (logback-test.xml has none). */
class LogbackLogsIT extends BindingLogsTest {
  @Override String factory() {
    return "ch.qos.logback.classic.LoggerContext";
  }

  @Override boolean streamsJul() {
    return false;
  }

  @Override String appenders() {
    return "[CONSOLE, rpc-parallel-worker-log] [CONSOLE, rpc-parallel-worker-log]";
  }

  @Override boolean reconfigures() {
    return true;
  }
}
