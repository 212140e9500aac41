package io.rpcparallel.it.shapes;

import io.rpcparallel.WireInput;
import io.rpcparallel.WireOutput;
import io.rpcparallel.annotations.RpcCodec;
import java.util.Objects;

/** A plain class with a hand-written codec named on the type (its INSTANCE field). */
@RpcCodec(Money.Codec.class)
public final class Money {
  private final long cents;
  private final String currency;

  public Money(long cents, String currency) {
    this.cents = cents;
    this.currency = Objects.requireNonNull(currency);
  }

  @Override public boolean equals(Object o) {
    return o instanceof Money m && m.cents == cents && m.currency.equals(currency);
  }

  @Override public int hashCode() {
    return Long.hashCode(cents) * 31 + currency.hashCode();
  }

  @Override public String toString() {
    return cents + " " + currency;
  }

  /** Cents, then the currency code. */
  public static final class Codec implements io.rpcparallel.Codec<Money> {
    public static final Codec INSTANCE = new Codec();

    private Codec() {}

    @Override public void encode(WireOutput out, Money value) {
      if (out.writeNotNull(value)) {
        out.writeLong(value.cents);
        out.writeString(value.currency);
      }
    }

    @Override public Money decode(WireInput in) {
      return in.readNotNull() ? new Money(in.readLong(), in.readString()) : null;
    }
  }
}
