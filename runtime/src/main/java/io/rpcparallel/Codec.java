package io.rpcparallel;

/**
 * Encodes and decodes values of one type. The processor generates codecs for every wire type
 * of a worker interface; {@link Codecs} holds the standard ones.
 *
 * <p>A codec of a reference type writes the presence flag itself
 * ({@link WireOutput#writeNotNull}), so it accepts and returns {@code null}.
 *
 * @param <T> the type of the values
 */
public interface Codec<T> {
  /**
   * Writes {@code value}.
   *
   * @param out where to write
   * @param value the value to write; {@code null} for a reference type
   */
  void encode(WireOutput out, T value);

  /**
   * Reads a value written by {@link #encode}.
   *
   * @param in where to read from
   * @return the value read; {@code null} for a reference type if {@code null} was written
   * @throws WireFormatException if the bytes are not a value of this type
   */
  T decode(WireInput in);
}
