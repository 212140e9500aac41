package io.rpcparallel;

import java.nio.ByteBuffer;

/**
 * Where a {@link Codec} writes a value. All numbers are big-endian; strings are UTF-8 with a
 * length prefix. Every reference value a codec writes starts with its presence flag
 * ({@link #writeNotNull}), so {@code null} travels wherever Java allows it.
 */
public interface WireOutput {
  /** Writes one byte: 1 if {@code value} is non-null, 0 if it is null; returns {@code value != null}. */
  boolean writeNotNull(Object value);

  void writeBoolean(boolean value);

  void writeByte(byte value);

  void writeShort(short value);

  void writeChar(char value);

  void writeInt(int value);

  void writeLong(long value);

  void writeFloat(float value);

  void writeDouble(double value);

  /** Writes a non-negative length or count as an unsigned variable-length integer. */
  void writeLength(int length);

  /** Writes a non-null string as UTF-8, length first (no presence flag). */
  void writeString(String value);

  /** Writes a non-null byte array, length first (no presence flag). */
  void writeBytes(byte[] value);

  /**
   * Writes the remaining bytes of a non-null buffer, length first (no presence flag), the same
   * way as {@link #writeBytes(byte[])}; the buffer's position is left as it was. An output over
   * a Netty buffer copies them straight from the buffer (heap or direct) into the frame, with no
   * intermediate array.
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
