package io.rpcparallel;

import java.nio.ByteBuffer;

/**
 * Where a {@link Codec} reads a value from; the mirror of {@link WireOutput}. Reading past the
 * end of a message, or a length larger than what is left of it, throws {@link WireFormatException}.
 */
public interface WireInput {
  /** {@return a presence flag written by {@link WireOutput#writeNotNull}: whether a value follows} */
  boolean readNotNull();

  /** {@return a {@code boolean} written by {@link WireOutput#writeBoolean}} */
  boolean readBoolean();

  /** {@return a {@code byte} written by {@link WireOutput#writeByte}} */
  byte readByte();

  /** {@return a {@code short} written by {@link WireOutput#writeShort}} */
  short readShort();

  /** {@return a {@code char} written by {@link WireOutput#writeChar}} */
  char readChar();

  /** {@return a {@code int} written by {@link WireOutput#writeInt}} */
  int readInt();

  /** {@return a {@code long} written by {@link WireOutput#writeLong}} */
  long readLong();

  /** {@return a {@code float} written by {@link WireOutput#writeFloat}} */
  float readFloat();

  /** {@return a {@code double} written by {@link WireOutput#writeDouble}} */
  double readDouble();

  /**
   * Reads a length written by {@link WireOutput#writeLength}, checked against the bytes left in
   * the message (each element takes at least {@code minBytesPerElement} bytes), so that a corrupt
   * length can never make the reader allocate more than the message holds.
   *
   * @param minBytesPerElement the fewest bytes one element of what follows takes
   * @return the length
   */
  int readLength(int minBytesPerElement);

  /** {@return a string written by {@link WireOutput#writeString}} */
  String readString();

  /** {@return a byte array written by {@link WireOutput#writeBytes}} */
  byte[] readBytes();

  /**
   * Reads bytes written by {@link WireOutput#writeByteBuffer} (or {@link WireOutput#writeBytes})
   * into a new heap buffer, position 0, limit the length: one copy out of the message, which is
   * released once the call is decoded.
   *
   * @return the bytes
   */
  default ByteBuffer readByteBuffer() {
    return ByteBuffer.wrap(readBytes());
  }

  /**
   * Starts one level of nesting of a value of a recursive type; the mirror of
   * {@link WireOutput#enterNested}, called by the codec's {@code decode} at the same point.
   *
   * @param type the value's type, named in the error
   * @throws WireFormatException if the message nests deeper than
   *     {@link Codecs#MAX_NESTING_DEPTH} levels: it is refused before the stack can overflow
   */
  void enterNested(String type);

  /** Ends the level of nesting the matching {@link #enterNested} started. */
  void exitNested();
}
