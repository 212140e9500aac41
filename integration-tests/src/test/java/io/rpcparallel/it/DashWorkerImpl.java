package io.rpcparallel.it;

import io.rpcparallel.StreamClosedException;
import io.rpcparallel.StreamWriter;
import io.rpcparallel.WorkerLog;
import java.util.concurrent.Flow;
import org.slf4j.Logger;

public final class DashWorkerImpl implements DashWorker {
  private static final Logger log = WorkerLog.logger(DashWorkerImpl.class);
  private final long delayMillis;

  public DashWorkerImpl(Long delayMillis) {
    this.delayMillis = delayMillis;
  }

  @Override
  public long square(long x) {
    if (delayMillis > 0) {
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (x % 10 == 0) {
      log.info("squared input {}", x);
    }
    return x * x;
  }

  @Override
  public void say(String message) {
    log.info("said {}", message);
  }

  @Override
  public void fail(String message) {
    throw new IllegalArgumentException(message);
  }

  @Override
  public void ticks(long periodMillis, StreamWriter<Long> out) {
    Thread t = new Thread(() -> {
      try {
        for (long i = 0; ; i++) {
          out.write(i);
          Thread.sleep(periodMillis);
        }
      } catch (StreamClosedException | InterruptedException e) {
        // the caller stopped reading
      }
    }, "ticks");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public StreamWriter<Long> drain() {
    return StreamWriter.to(new Flow.Subscriber<Long>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(Long item) {}

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onComplete() {}
    });
  }
}
