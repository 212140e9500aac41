package io.rpcparallel.it.shapes;

import io.rpcparallel.WireInput;
import io.rpcparallel.WireOutput;

/** A plain class whose codec is named where it is used, not on the type. */
public final class Temperature {
  final double kelvin;

  public Temperature(double kelvin) {
    this.kelvin = kelvin;
  }

  @Override public boolean equals(Object o) {
    return o instanceof Temperature t && Double.compare(t.kelvin, kelvin) == 0;
  }

  @Override public int hashCode() {
    return Double.hashCode(kelvin);
  }

  /** The kelvins; created with its public constructor. */
  public static final class Codec implements io.rpcparallel.Codec<Temperature> {
    @Override public void encode(WireOutput out, Temperature value) {
      if (out.writeNotNull(value)) {
        out.writeDouble(value.kelvin);
      }
    }

    @Override public Temperature decode(WireInput in) {
      return in.readNotNull() ? new Temperature(in.readDouble()) : null;
    }
  }
}
