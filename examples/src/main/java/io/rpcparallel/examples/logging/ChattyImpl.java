package io.rpcparallel.examples.logging;

import io.rpcparallel.WorkerLog;
import org.slf4j.Logger;

/** Runs in each {@link Chatty} worker; logs through a {@code WorkerLog} logger. */
public final class ChattyImpl implements Chatty {
  // snippet:logger
  private static final Logger log = WorkerLog.logger(ChattyImpl.class);
  // end-snippet

  @Override
  public void work(String task) {
    log.info("working on {}", task);
  }
}
