package io.rpcparallel.internal.wire;

import io.netty.buffer.ByteBuf;
import io.rpcparallel.WireFormatException;
import io.rpcparallel.WireInput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A {@link WireInput} over a Netty buffer; every read is bounds-checked. */
public final class ByteBufWireInput implements WireInput {
  private final ByteBuf buf;
  private int depth;

  public ByteBufWireInput(ByteBuf buf) {
    this.buf = buf;
  }

  private void need(int n) {
    if (buf.readableBytes() < n) {
      throw new WireFormatException("message truncated: needed " + n + " more bytes, " + buf.readableBytes() + " left");
    }
  }

  @Override public boolean readNotNull() {
    need(1);
    byte b = buf.readByte();
    if (b == 0) {
      return false;
    }
    if (b == 1) {
      return true;
    }
    throw new WireFormatException("bad presence flag " + b);
  }

  @Override public boolean readBoolean() {
    need(1);
    return buf.readBoolean();
  }

  @Override public byte readByte() {
    need(1);
    return buf.readByte();
  }

  @Override public short readShort() {
    need(2);
    return buf.readShort();
  }

  @Override public char readChar() {
    need(2);
    return buf.readChar();
  }

  @Override public int readInt() {
    need(4);
    return buf.readInt();
  }

  @Override public long readLong() {
    need(8);
    return buf.readLong();
  }

  @Override public float readFloat() {
    need(4);
    return buf.readFloat();
  }

  @Override public double readDouble() {
    need(8);
    return buf.readDouble();
  }

  @Override public int readLength(int minBytesPerElement) {
    int result = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      need(1);
      byte b = buf.readByte();
      result |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        if (result < 0) {
          throw new WireFormatException("length out of range");
        }
        if (minBytesPerElement > 0 && (long) result * minBytesPerElement > buf.readableBytes()) {
          throw new WireFormatException("length " + result + " exceeds the " + buf.readableBytes()
              + " bytes left in the message");
        }
        return result;
      }
    }
    throw new WireFormatException("malformed length");
  }

  @Override public String readString() {
    int len = readLength(1);
    String s = buf.toString(buf.readerIndex(), len, StandardCharsets.UTF_8);
    buf.skipBytes(len);
    return s;
  }

  @Override public byte[] readBytes() {
    int len = readLength(1);
    byte[] b = new byte[len];
    buf.readBytes(b);
    return b;
  }

  @Override public ByteBuffer readByteBuffer() {
    int len = readLength(1);
    ByteBuffer b = ByteBuffer.allocate(len);
    buf.readBytes(b); // the frame is released after decoding, so the value needs its own copy
    return b.flip();
  }

  @Override public void enterNested(String type) {
    depth = Nesting.enterReading(depth, type);
  }


  @Override public void exitNested() {
    depth = Nesting.exit(depth);
  }

  /** Fails unless the whole message was read: trailing bytes mean the two ends disagree. */
  public void expectEnd() {
    if (buf.isReadable()) {
      throw new WireFormatException(buf.readableBytes() + " unexpected trailing bytes");
    }
  }
}
