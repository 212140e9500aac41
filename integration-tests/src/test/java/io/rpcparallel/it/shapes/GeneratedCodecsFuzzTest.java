package io.rpcparallel.it.shapes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rpcparallel.Codec;
import io.rpcparallel.WireFormatException;
import io.rpcparallel.internal.wire.ByteBufWireInput;
import io.rpcparallel.internal.wire.ByteBufWireOutput;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Hostile bytes against the codecs the processor generated for {@link AllShapes}: records, sealed
 * interfaces, recursive records, enums, collections, maps, optionals, arrays, {@code java.time},
 * worker handles. A value (which encodes again) or {@link WireFormatException}, never another
 * exception, never a stack overflow (nesting is bounded), never more heap than the bytes justify.
 * The first byte picks the codec.
 *
 * <p>Seeds: {@code GeneratedCodecsFuzzTestInputs/generatedDecodersTakeHostileBytes/}, written by
 * {@link #main} from the jqwik generators of the round-trip properties, plus deep chains.
 */
class GeneratedCodecsFuzzTest {
  record Target(String name, Codec<Object> codec, Supplier<Object> sample) {
    @SuppressWarnings("unchecked")
    static Target of(String name, Codec<?> codec, Supplier<?> sample) {
      return new Target(name, (Codec<Object>) codec, (Supplier<Object>) sample);
    }
  }

  static final List<Target> TARGETS = List.of(
      Target.of("everything", AllShapesCodecs.EVERYTHING, () -> Values.everything().sample()),
      Target.of("shape", AllShapesCodecs.SHAPE, () -> Values.shapes().sample()),
      Target.of("tree", AllShapesCodecs.TREE, () -> Values.trees(3).sample()),
      Target.of("collections", AllShapesCodecs.COLLECTIONS, () -> Values.collections().sample()),
      Target.of("times", AllShapesCodecs.TIMES, () -> Values.times().sample()),
      Target.of("structures", AllShapesCodecs.STRUCTURES, () -> Values.structures().sample()),
      Target.of("refArrays", AllShapesCodecs.REF_ARRAYS, () -> Values.refArrays().sample()),
      Target.of("deepTree", NesterCodecs.TREE, () -> Chains.tree(200)),
      Target.of("deepGroup", NesterCodecs.SHAPE, () -> Chains.group(200)));

  /** Heap allowed per input byte, and regardless of the input (first use of classes, zone data). */
  private static final long PER_BYTE = 128;
  private static final long FIXED = 32 << 20;
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  @FuzzTest(maxDuration = "5m")
  void generatedDecodersTakeHostileBytes(byte[] input) {
    if (input.length == 0) {
      return;
    }
    long allowed = FIXED + PER_BYTE * input.length;
    long before = THREADS.getCurrentThreadAllocatedBytes();
    decode(input);
    if (THREADS.getCurrentThreadAllocatedBytes() - before > allowed) {
      // The first run of a path may load and instrument classes; an input cannot do that twice.
      before = THREADS.getCurrentThreadAllocatedBytes();
      decode(input);
      long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
      assertTrue(allocated <= allowed, () -> input.length + " hostile bytes made the decoder allocate "
          + allocated + " bytes of heap");
    }
  }

  private static void decode(byte[] input) {
    Target target = TARGETS.get(Byte.toUnsignedInt(input[0]) % TARGETS.size());
    Object value;
    try {
      value = target.codec().decode(new ByteBufWireInput(Unpooled.wrappedBuffer(input, 1, input.length - 1)));
    } catch (WireFormatException e) {
      return;
    } catch (RuntimeException | StackOverflowError e) {
      throw new AssertionError(target.name() + "'s decoder threw " + e + " instead of WireFormatException", e);
    }
    ByteBuf out = Unpooled.buffer();
    try {
      target.codec().encode(new ByteBufWireOutput(out), value);
    } finally {
      out.release();
    }
  }

  /** Writes the seed corpus into the directory given: a few encodings of each codec's values. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    for (int i = 0; i < TARGETS.size(); i++) {
      Target t = TARGETS.get(i);
      for (int j = 0; j < 4; j++) {
        ByteBuf buf = Unpooled.buffer();
        buf.writeByte(i);
        t.codec().encode(new ByteBufWireOutput(buf), t.sample().get());
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        buf.release();
        Files.write(dir.resolve(t.name() + "-" + j), bytes);
      }
    }
  }
}
