package io.rpcparallel.it;

import io.rpcparallel.ConnectionContext;
import io.rpcparallel.ConnectionStateFactory;
import java.util.concurrent.atomic.AtomicLong;

public final class SessionWorkerImpl implements SessionWorker,
    ConnectionStateFactory<String, SessionWorkerImpl.Session> {
  /** One connection's state. */
  static final class Session {
    final String user;
    final AtomicLong total = new AtomicLong();

    Session(String user) {
      this.user = user;
    }
  }

  private final AtomicLong shared;

  public SessionWorkerImpl(Long start) {
    shared = new AtomicLong(start);
  }

  @Override
  public Session connect(String user) {
    if (user.startsWith("refuse")) {
      throw new IllegalArgumentException("no session for " + user);
    }
    return new Session(user);
  }

  private static Session session() {
    return ConnectionContext.state(Session.class);
  }

  @Override
  public long addShared(long delta) {
    return shared.addAndGet(delta);
  }

  @Override
  public long addMine(long delta) {
    return session().total.addAndGet(delta);
  }

  @Override
  public String user() {
    return session().user;
  }
}
