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
  void encode(WireOutput out, T value);

  T decode(WireInput in);
}
