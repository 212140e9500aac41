package io.rpcparallel.it;

/** {@code java.util.logging} as the binding (slf4j-jdk14): the runtime's handler, added by the worker. */
class JulLogsIT extends BindingLogsTest {
  @Override String factory() {
    return "org.slf4j.jul.JDK14LoggerFactory";
  }

  @Override boolean streamsJul() {
    return true;
  }

  @Override String appenders() {
    return null;
  }

  @Override boolean reconfigures() {
    return false;
  }
}
