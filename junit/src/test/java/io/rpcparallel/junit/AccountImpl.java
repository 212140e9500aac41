package io.rpcparallel.junit;

import io.rpcparallel.ConnectionContext;
import io.rpcparallel.ConnectionStateFactory;

public final class AccountImpl implements Account, ConnectionStateFactory<String, String> {
  private final long balance;

  public AccountImpl(Long balance) {
    this.balance = balance;
  }

  @Override
  public String connect(String user) {
    return user;
  }

  @Override
  public String user() {
    return ConnectionContext.state(String.class);
  }

  @Override
  public long balance() {
    return balance;
  }

  @Override
  public long pid() {
    return ProcessHandle.current().pid();
  }
}
