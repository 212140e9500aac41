package io.rpcparallel.it;

/** Log4j 2 as the binding: rpc-parallel-log4j2's appender, configured by hand in log4j2-test.xml (the worker adds none). */
class Log4j2LogsIT extends BindingLogsTest {
  @Override String factory() {
    return "org.apache.logging.slf4j.Log4jLoggerFactory";
  }

  @Override boolean streamsJul() {
    return false;
  }

  @Override String appenders() {
    return "[console, workerLog] [console, workerLog]";
  }

  @Override boolean reconfigures() {
    return true;
  }
}
