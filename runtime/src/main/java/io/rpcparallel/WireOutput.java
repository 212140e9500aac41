package io.rpcparallel;

import java.nio.ByteBuffer;

/**
 * Where a {@link Codec} writes a value. All numbers are big-endian; strings are UTF-8 with a
 * length prefix. Every reference value a codec writes starts with its presence flag
 * ({@link #writeNotNull}), so {@code null} travels wherever Java allows it.
 */
public interface WireOutput {
  /**
   * Writes one byte: 1 if {@code value} is non-null, 0 if it is null.
   *
   * @param value the value whose presence to write
   * @return {@code value != null}: whether the value itself must follow
   */
  boolean writeNotNull(Object value);

  /**
   * Writes a {@code boolean}.
   *
   * @param value the value
   */
  void writeBoolean(boolean value);

  /**
   * Writes a {@code byte}.
   *
   * @param value the value
   */
  void writeByte(byte value);

  /**
   * Writes a {@code short}.
   *
   * @param value the value
   */
  void writeShort(short value);

  /**
   * Writes a {@code char}.
   *
   * @param value the value
   */
  void writeChar(char value);

  /**
   * Writes a {@code int}.
   *
   * @param value the value
   */
  void writeInt(int value);

  /**
   * Writes a {@code long}.
   *
   * @param value the value
   */
  void writeLong(long value);

  /**
   * Writes a {@code float}.
   *
   * @param value the value
   */
  void writeFloat(float value);

  /**
   * Writes a {@code double}.
   *
   * @param value the value
   */
  void writeDouble(double value);

  /**
   * Writes a non-negative length or count as an unsigned variable-length integer.
   *
   * @param length the length
   */
  void writeLength(int length);

  /**
   * Writes a non-null string as UTF-8, length first (no presence flag).
   *
   * @param value the string
   */
  void writeString(String value);

  /**
   * Writes a non-null byte array, length first (no presence flag).
   *
   * @param value the bytes
   */
  void writeBytes(byte[] value);

  /**
   * Writes the remaining bytes of a non-null buffer, length first (no presence flag), the same
   * way as {@link #writeBytes(byte[])}; the buffer's position is left as it was. An output over
   * a Netty buffer copies them straight from the buffer (heap or direct) into the frame, with no
   * intermediate array.
   *
   * @param value the buffer
   */
  default void writeByteBuffer(ByteBuffer value) {
    byte[] bytes = new byte[value.remaining()];
    value.duplicate().get(bytes);
    writeBytes(bytes);
  }

  /**
   * Starts one level of nesting of a value of a recursive type. The generated codec of a record
   * that can hold itself calls it after the presence flag, before the components, and
   * {@link #exitNested} after them; an {@code @RpcCodec} codec that recurses does the same, so
   * that a value too deep to encode fails here rather than overflowing the stack.
   *
   * @param type the value's type, named in the error
   * @throws MessageTooLargeException if the value nests deeper than
   *     {@link Codecs#MAX_NESTING_DEPTH} levels; the message is then abandoned
   */
  void enterNested(String type);

  /** Ends the level of nesting the matching {@link #enterNested} started. */
  void exitNested();
}
