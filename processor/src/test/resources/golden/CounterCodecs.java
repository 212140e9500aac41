package demo;

import io.rpcparallel.Codec;
import io.rpcparallel.Codecs;
import io.rpcparallel.WireInput;
import io.rpcparallel.WireOutput;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.processing.Generated;

/**
 * The wire codecs of the types {@link Counter} workers exchange.
 */
@Generated("io.rpcparallel.processor.RpcParallelProcessor")
public final class CounterCodecs {
  /**
   * {@link CounterConfig}, component by component.
   */
  public static final Codec<CounterConfig> COUNTER_CONFIG = new Codec<CounterConfig>() {
    @Override
    public void encode(WireOutput out, CounterConfig value) {
      if (out.writeNotNull(value)) {
        Codecs.STRING.encode(out, value.name());
        out.writeInt(value.start());
      }
    }

    @Override
    public CounterConfig decode(WireInput in) {
      if (!in.readNotNull()) {
        return null;
      }
      return new CounterConfig(
          Codecs.STRING.decode(in),
          in.readInt());
    }
  };

  /**
   * {@link Job}, component by component.
   */
  public static final Codec<Job> JOB = new Codec<Job>() {
    @Override
    public void encode(WireOutput out, Job value) {
      if (out.writeNotNull(value)) {
        out.enterNested("demo.Job");
        out.writeLong(value.id());
        Codecs.STRING.encode(out, value.name());
        PRIORITY.encode(out, value.priority());
        LIST_OF_JOB.encode(out, value.children());
        OPTIONAL_OF_OWNER.encode(out, value.owner());
        out.exitNested();
      }
    }

    @Override
    public Job decode(WireInput in) {
      if (!in.readNotNull()) {
        return null;
      }
      in.enterNested("demo.Job");
      Job value = new Job(
          in.readLong(),
          Codecs.STRING.decode(in),
          PRIORITY.decode(in),
          LIST_OF_JOB.decode(in),
          OPTIONAL_OF_OWNER.decode(in));
      in.exitNested();
      return value;
    }
  };

  /**
   * {@link Job.Owner}, component by component.
   */
  public static final Codec<Job.Owner> OWNER = new Codec<Job.Owner>() {
    @Override
    public void encode(WireOutput out, Job.Owner value) {
      if (out.writeNotNull(value)) {
        Codecs.STRING.encode(out, value.user());
        out.writeChar(value.initial());
        Codecs.BOOLEAN.encode(out, value.admin());
      }
    }

    @Override
    public Job.Owner decode(WireInput in) {
      if (!in.readNotNull()) {
        return null;
      }
      return new Job.Owner(
          Codecs.STRING.decode(in),
          in.readChar(),
          Codecs.BOOLEAN.decode(in));
    }
  };

  /**
   * {@link Priority}, by ordinal.
   */
  public static final Codec<Priority> PRIORITY = Codecs.enumOf(Priority.values());

  /**
   * {@link Stats}, component by component.
   */
  public static final Codec<Stats> STATS = new Codec<Stats>() {
    @Override
    public void encode(WireOutput out, Stats value) {
      if (out.writeNotNull(value)) {
        MAP_OF_PRIORITY_TO_LONG.encode(out, value.countsByPriority());
        out.writeDouble(value.mean());
        Codecs.BYTES.encode(out, value.raw());
      }
    }

    @Override
    public Stats decode(WireInput in) {
      if (!in.readNotNull()) {
        return null;
      }
      return new Stats(
          MAP_OF_PRIORITY_TO_LONG.decode(in),
          in.readDouble(),
          Codecs.BYTES.decode(in));
    }
  };

  /**
   * {@code List<Job>}.
   */
  public static final Codec<List<Job>> LIST_OF_JOB = Codecs.list(JOB);

  /**
   * {@code List<Long>}.
   */
  public static final Codec<List<Long>> LIST_OF_LONG = Codecs.list(Codecs.LONG);

  /**
   * {@code Map<Priority, Long>}.
   */
  public static final Codec<Map<Priority, Long>> MAP_OF_PRIORITY_TO_LONG = Codecs.map(PRIORITY,
      Codecs.LONG);

  /**
   * {@code Optional<Job.Owner>}.
   */
  public static final Codec<Optional<Job.Owner>> OPTIONAL_OF_OWNER = Codecs.optional(OWNER);

  /**
   * {@code Optional<Priority>}.
   */
  public static final Codec<Optional<Priority>> OPTIONAL_OF_PRIORITY = Codecs.optional(PRIORITY);

  /**
   * {@code Map<String, List<Long>>}.
   */
  public static final Codec<Map<String, List<Long>>> MAP_OF_STRING_TO_LIST_OF_LONG = Codecs.map(Codecs.STRING,
      LIST_OF_LONG);

  private CounterCodecs() {
  }
}
