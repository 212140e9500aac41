package demo;

import io.rpcparallel.Codec;
import io.rpcparallel.Codecs;
import io.rpcparallel.WireInput;
import io.rpcparallel.WireOutput;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The wire codecs of the types {@link Feed} workers exchange.
 */
@Generated("io.rpcparallel.processor.RpcParallelProcessor")
public final class FeedCodecs {
  /**
   * {@link Feed.Session}, component by component.
   */
  public static final Codec<Feed.Session> SESSION = new Codec<Feed.Session>() {
    @Override
    public void encode(WireOutput out, Feed.Session value) {
      if (out.writeNotNull(value)) {
        Codecs.STRING.encode(out, value.user());
        LIST_OF_STRING.encode(out, value.topics());
      }
    }

    @Override
    public Feed.Session decode(WireInput in) {
      if (!in.readNotNull()) {
        return null;
      }
      return new Feed.Session(
          Codecs.STRING.decode(in),
          LIST_OF_STRING.decode(in));
    }
  };

  /**
   * {@link Priority}, by ordinal.
   */
  public static final Codec<Priority> PRIORITY = Codecs.enumOf(Priority.values());

  /**
   * {@code List<String>}.
   */
  public static final Codec<List<String>> LIST_OF_STRING = Codecs.list(Codecs.STRING);

  private FeedCodecs() {
  }
}
