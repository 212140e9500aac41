package io.rpcparallel.it;

import io.rpcparallel.SpawnOptions;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Log4j 2 as the binding, with a configuration that has no {@code RpcParallelWorkerLog} appender
 * (log4j2-auto.xml): the worker adds rpc-parallel-log4j2's appender itself, and again after a
 * reconfiguration.
 */
class Log4j2AutoLogsIT extends Log4j2LogsIT {
  @Override
  String appenders() {
    return "[console, rpc-parallel-worker-log] [console, rpc-parallel-worker-log]";
  }

  @Override
  SpawnOptions options(String name) {
    Path config;
    try {
      config = Path.of(Log4j2AutoLogsIT.class.getResource("/log4j2-auto.xml").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return super.options(name).withJvmFlags("-Dlog4j2.configurationFile=" + config);
  }
}
