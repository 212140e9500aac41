package io.rpcparallel.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.rpcparallel.RemoteException;
import io.rpcparallel.internal.wire.ByteBufWireOutput;
import io.rpcparallel.internal.wire.Frames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes the seed corpus of the transport's fuzz targets: valid frames of every kind and the
 * edge cases (huge and negative lengths, truncation, a wrong proof, garbage). Run once by hand
 * with the test resources directory as its argument; the files are committed.
 */
public final class FuzzSeeds {
  private FuzzSeeds() {}

  private static final UnpooledByteBufAllocator ALLOC = UnpooledByteBufAllocator.DEFAULT;

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]).resolve("io/rpcparallel/internal/transport");
    byte[] call = frame(Frames.CALL, out -> {
      out.writeLong(1);
      out.writeInt(0x1234);
      out.writeLong(42);
    });
    byte[] error = bytes(Frames.buildError(ALLOC, Frames.ERROR, 4096, out -> out.writeLong(7),
        new RemoteException("w", "java.lang.IllegalStateException", "bad", List.of(
            new StackTraceElement("a.B", "c", "B.java", 12)))));
    List<byte[]> frames = List.of(call,
        frame(Frames.ONEWAY, out -> out.writeInt(5)),
        frame(Frames.CONTROL, out -> {
          out.writeLong(2);
          out.writeInt(Frames.BUILTIN_SETTINGS);
        }),
        frame(Frames.REPLY, out -> {
          out.writeLong(1);
          out.writeString("result");
        }),
        error,
        bytes(Frames.empty(ALLOC, Frames.HEARTBEAT)),
        frame(Frames.STREAM_ITEM, out -> {
          out.writeLong(3);
          out.writeBytes(new byte[100]);
        }),
        frame(Frames.STREAM_END, out -> out.writeLong(3)),
        bytes(Frames.buildError(ALLOC, Frames.STREAM_ERROR, 4096, out -> out.writeLong(3),
            new IllegalArgumentException("stream failed"))),
        frame(Frames.STREAM_CANCEL, out -> out.writeLong(3)),
        frame(Frames.STREAM_CREDIT, out -> {
          out.writeLong(3);
          out.writeInt(16);
          out.writeLong(1 << 20);
        }),
        frame(Frames.STREAM_BLOCKED, out -> out.writeLong(3)));
    byte[] huge = {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, Frames.CALL, 0, 0};
    byte[] negative = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xf0, Frames.REPLY};
    byte[] large = {0, 1, 0, 0, Frames.STREAM_ITEM, 0, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3};
    byte[] truncated = {0, 0, 0, 9, Frames.CALL, 0, 0};
    byte[] lengthBomb = frame(Frames.ERROR, out -> {
      out.writeLong(1);
      out.writeString("java.lang.Error");
      out.writeNotNull(false);
      out.writeLength(Integer.MAX_VALUE); // stack frames claimed
    });

    Path framesDir = root.resolve("FramesFuzzTestInputs/framesDecodeOrClose");
    int i = 0;
    for (byte[] f : frames) {
      write(framesDir, "frame-" + i++, concat(new byte[] {0}, f));
    }
    write(framesDir, "all-frames-in-one-read", concat(new byte[] {0}, concat(frames.toArray(byte[][]::new))));
    write(framesDir, "all-frames-3-bytes-a-read", concat(new byte[] {3}, concat(frames.toArray(byte[][]::new))));
    write(framesDir, "huge-length", concat(new byte[] {0}, huge));
    write(framesDir, "negative-length", concat(new byte[] {0}, negative));
    write(framesDir, "large-frame-cut-short", concat(new byte[] {1}, large));
    write(framesDir, "truncated", concat(new byte[] {0}, truncated));
    write(framesDir, "error-claims-2g-stack-frames", concat(new byte[] {0}, lengthBomb));

    Path server = root.resolve("ServerHandshakeFuzzTestInputs/strangersNeverAuthenticate");
    byte[] wrongProof = frame(Frames.HELLO_REPLY, out -> {
      out.writeInt(Frames.MAGIC);
      out.writeShort(Frames.VERSION);
      out.writeString(ServerHandshakeFuzzTest.ENDPOINT.fingerprint());
      out.writeBytes(new byte[Handshake.NONCE_BYTES]);
      out.writeBytes(new byte[32]);
    });
    byte[] oldVersion = frame(Frames.HELLO_REPLY, out -> {
      out.writeInt(Frames.MAGIC);
      out.writeShort((short) 1);
    });
    byte[] otherInterface = frame(Frames.HELLO_REPLY, out -> {
      out.writeInt(Frames.MAGIC);
      out.writeShort(Frames.VERSION);
      out.writeString("ffffffffffffffff");
      out.writeBytes(new byte[Handshake.NONCE_BYTES]);
      out.writeBytes(new byte[32]);
    });
    byte[] http = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    write(server, "stranger-call", concat(new byte[] {0, 0}, call));
    write(server, "stranger-wrong-proof-then-call", concat(new byte[] {0, 0}, wrongProof, call));
    write(server, "stranger-old-version", concat(new byte[] {0, 0}, oldVersion));
    write(server, "stranger-other-interface", concat(new byte[] {0, 5}, otherInterface));
    write(server, "stranger-http", concat(new byte[] {0, 0}, http));
    write(server, "stranger-huge-length", concat(new byte[] {0, 0}, huge));
    write(server, "stranger-silent", new byte[] {0, 0});
    write(server, "stranger-5000-bytes-of-small-frames", concat(new byte[] {0, 0}, repeat(new byte[] {0, 0, 0, 0}, 1250)));
    write(server, "with-secret-then-calls", concat(new byte[] {1, 0}, call, call, error));
    write(server, "with-secret-then-second-reply", concat(new byte[] {1, 7}, wrongProof));

    Path client = root.resolve("ClientHandshakeFuzzTestInputs/impostorsNeverAuthenticate");
    byte[] hello = bytes(ClientHandshakeFuzzTest.hello());
    byte[] okWrongProof = frame(Frames.HELLO_OK, out -> out.writeBytes(new byte[32]));
    byte[] reject = frame(Frames.HELLO_REJECT, out -> out.writeString("authentication failed"));
    byte[] otherFingerprint = frame(Frames.HELLO, out -> {
      out.writeInt(Frames.MAGIC);
      out.writeShort(Frames.VERSION);
      out.writeString("other.Iface");
      out.writeString("ffffffffffffffff");
      out.writeBytes(new byte[Handshake.NONCE_BYTES]);
    });
    write(client, "ok-without-hello", concat(new byte[] {0, 0}, okWrongProof));
    write(client, "hello-then-ok-with-wrong-proof", concat(new byte[] {0, 0}, hello, okWrongProof));
    write(client, "after-hello-ok-with-wrong-proof", concat(new byte[] {1, 0}, okWrongProof, call));
    write(client, "after-hello-second-hello", concat(new byte[] {1, 2}, hello));
    write(client, "reject", concat(new byte[] {0, 0}, reject));
    write(client, "other-interface", concat(new byte[] {0, 0}, otherFingerprint));
    write(client, "a-reply-instead", concat(new byte[] {0, 0}, frames.get(3)));
    write(client, "huge-length", concat(new byte[] {1, 0}, huge));
  }

  private static byte[] frame(byte kind, Consumer<ByteBufWireOutput> body) {
    return bytes(Frames.build(ALLOC, kind, 4096, "seed", body));
  }

  private static byte[] bytes(ByteBuf buf) {
    byte[] b = new byte[buf.readableBytes()];
    buf.readBytes(b);
    buf.release();
    return b;
  }

  private static byte[] repeat(byte[] b, int times) {
    ByteBuf buf = Unpooled.buffer();
    for (int i = 0; i < times; i++) {
      buf.writeBytes(b);
    }
    return bytes(buf);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static void write(Path dir, String name, byte[] bytes) throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve(name), bytes);
  }
}
