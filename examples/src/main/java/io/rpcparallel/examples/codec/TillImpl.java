package io.rpcparallel.examples.codec;

import java.util.List;

/** Runs in each {@link Till} worker. */
public final class TillImpl implements Till {
  @Override
  public Money total(List<Money> amounts) {
    String currency = amounts.isEmpty() ? "EUR" : amounts.get(0).currency();
    long cents = 0;
    for (Money m : amounts) {
      if (!m.currency().equals(currency)) {
        throw new IllegalArgumentException("cannot add " + m.currency() + " to " + currency);
      }
      cents += m.cents();
    }
    return new Money(cents, currency);
  }
}
