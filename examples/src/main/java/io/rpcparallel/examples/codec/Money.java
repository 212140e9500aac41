package io.rpcparallel.examples.codec;

import io.rpcparallel.WireInput;
import io.rpcparallel.WireOutput;
import io.rpcparallel.annotations.RpcCodec;

/** An amount of money: a class the processor cannot encode by itself, so it names its codec. */
// snippet:money
@RpcCodec(Money.Codec.class)
public final class Money {
  // snippet-line: ...
  // snippet-hide
  private final long cents;
  private final String currency;

  /**
   * An amount.
   *
   * @param cents the amount in hundredths
   * @param currency its currency code
   */
  public Money(long cents, String currency) {
    this.cents = cents;
    this.currency = currency;
  }

  /** {@return the amount in hundredths} */
  public long cents() {
    return cents;
  }

  /** {@return the currency code} */
  public String currency() {
    return currency;
  }

  @Override
  public String toString() {
    return String.format("%d.%02d %s", cents / 100, cents % 100, currency);
  }

  /** Writes the cents, then the currency. */
  // end-hide
  public static final class Codec implements io.rpcparallel.Codec<Money> {
    public static final Codec INSTANCE = new Codec();   // or a public no-argument constructor

    @Override public void encode(WireOutput out, Money value) {
      if (out.writeNotNull(value)) { out.writeLong(value.cents()); out.writeString(value.currency()); }
    }

    @Override public Money decode(WireInput in) {
      return in.readNotNull() ? new Money(in.readLong(), in.readString()) : null;
    }
  }
}
// end-snippet
