package demo;

import io.rpcparallel.Codec;
import io.rpcparallel.Codecs;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The wire codecs of the types {@link Feed} workers exchange.
 */
@Generated("io.rpcparallel.processor.RpcParallelProcessor")
public final class FeedCodecs {
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
