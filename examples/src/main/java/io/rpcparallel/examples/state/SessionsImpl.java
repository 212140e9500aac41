package io.rpcparallel.examples.state;

import io.rpcparallel.ConnectionContext;
import io.rpcparallel.ConnectionStateFactory;
import java.util.concurrent.atomic.AtomicLong;

/** Runs in each {@link Sessions} worker: built once from the init argument, shared by every connection. */
// snippet:impl
public final class SessionsImpl implements Sessions, ConnectionStateFactory<String, SessionsImpl.Session> {
  record Session(String user, AtomicLong total) {}
  private final AtomicLong shared;
  public SessionsImpl(Long start) { shared = new AtomicLong(start); }
  @Override public Session connect(String user) { return new Session(user, new AtomicLong()); }
  @Override public long addShared(long d) { return shared.addAndGet(d); }
  @Override public long addMine(long d) { return ConnectionContext.state(Session.class).total().addAndGet(d); }
}
// end-snippet
