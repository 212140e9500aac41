package io.rpcparallel.benchmarks;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rpcparallel.internal.wire.ByteBufWireInput;
import io.rpcparallel.internal.wire.ByteBufWireOutput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.objenesis.strategy.StdInstantiatorStrategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Encodes and decodes one {@link Order} (20 lines) with the codecs the processor generated for
 * {@link OrderService}, with Java serialization and with Kryo, side by side. Each encoder
 * writes into a buffer it reuses; each decoder reads bytes encoded once in setup.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodecBenchmark {
  private Order order;
  private ByteBuf generatedOut;
  private ByteBuf generatedIn;
  private byte[] javaBytes;
  private Kryo kryo;
  private Output kryoOut;
  private byte[] kryoBytes;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    order = sampleOrder(20);
    generatedOut = Unpooled.buffer(8192);
    OrderServiceCodecs.ORDER.encode(new ByteBufWireOutput(generatedOut), order);
    generatedIn = generatedOut.copy();
    javaBytes = javaSerialize(order);
    kryo = new Kryo();
    kryo.setRegistrationRequired(false);
    kryo.setReferences(false);
    kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    // Kryo's own serializer, as a Kryo user would register it (its field serializer cannot
    // open java.util on JDK 17).
    kryo.addDefaultSerializer(UUID.class, new DefaultSerializers.UUIDSerializer());
    kryoOut = new Output(8192, -1);
    kryo.writeObject(kryoOut, order);
    kryoBytes = kryoOut.toBytes();
    check();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    generatedOut.release();
    generatedIn.release();
  }

  /** Every decoder gives back the order: the figures compare equal work. */
  private void check() throws IOException {
    if (!order.equals(generatedDecode()) || !order.equals(javaDecode())
        || !order.equals(kryoDecode())) {
      throw new IllegalStateException("a codec does not round-trip the order");
    }
    System.out.printf("encoded size: generated %d B, java %d B, kryo %d B%n",
        generatedIn.writerIndex(), javaBytes.length, kryoBytes.length);
  }

  @Benchmark
  public ByteBuf generatedEncode() {
    generatedOut.clear();
    OrderServiceCodecs.ORDER.encode(new ByteBufWireOutput(generatedOut), order);
    return generatedOut;
  }

  @Benchmark
  public Order generatedDecode() {
    generatedIn.readerIndex(0);
    return OrderServiceCodecs.ORDER.decode(new ByteBufWireInput(generatedIn));
  }

  @Benchmark
  public byte[] javaEncode() throws IOException {
    return javaSerialize(order);
  }

  @Benchmark
  public Order javaDecode() throws IOException {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(javaBytes))) {
      return (Order) in.readObject();
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  @Benchmark
  public Output kryoEncode() {
    kryoOut.reset();
    kryo.writeObject(kryoOut, order);
    return kryoOut;
  }

  @Benchmark
  public Order kryoDecode() {
    return kryo.readObject(new Input(kryoBytes), Order.class);
  }

  private static byte[] javaSerialize(Order order) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(order);
    }
    return bytes.toByteArray();
  }

  /** An order with {@code lineCount} lines; mutable collections so that Kryo can rebuild them. */
  static Order sampleOrder(int lineCount) {
    List<Order.Line> lines = new ArrayList<>();
    for (int i = 0; i < lineCount; i++) {
      lines.add(new Order.Line("SKU-" + (100_000 + i), "Item number " + i + ", blue, size M",
          1 + i % 4, 1999L + 250L * i, 0.25 * (1 + i % 7), i % 5 == 0));
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("channel", "web");
    attributes.put("campaign", "spring-sale");
    attributes.put("locale", "fr-FR");
    return new Order(new UUID(0x1234_5678_9abc_def0L, 0x0fed_cba9_8765_4321L),
        new Order.Customer(42L, "Ada Lovelace", "ada@example.org",
            new Order.Address("12 Analytical Engine Street", "London", "NW1 2DB", "GB")),
        Instant.ofEpochSecond(1_700_000_000L, 123_456_789), Order.Status.PAID, lines,
        attributes, new BigDecimal("1234.56"), "leave at the door");
  }
}
