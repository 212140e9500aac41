package io.rpcparallel.it;

/** The implementation of {@link ProbeWorker}. */
public class ProbeWorkerImpl implements ProbeWorker {
  @Override public void failInBackground(String message) {
    Thread t = new Thread(() -> {
      throw new IllegalStateException(message);
    }, "probe-background");
    t.start();
  }

  @Override public void printErr(String line) {
    System.err.println(line);
    System.err.flush();
  }

  @Override public String property(String key) {
    return System.getProperty(key);
  }

  @Override public long pid() {
    return ProcessHandle.current().pid();
  }

  @Override public long sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return millis;
  }

  @Override public int consume(byte[] payload) {
    return payload.length;
  }
}
