package demo;

import io.rpcparallel.Codecs;
import io.rpcparallel.WireInput;
import io.rpcparallel.internal.gen.Dispatcher;
import io.rpcparallel.internal.gen.Responder;
import io.rpcparallel.internal.gen.StreamCall;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * The worker side of {@link Feed}: runs each call on the implementation and answers it.
 */
@Generated("io.rpcparallel.processor.RpcParallelProcessor")
final class FeedDispatcher implements Dispatcher {
  private final Feed implementation;

  /**
   * Dispatches calls to {@code implementation}.
   */
  FeedDispatcher(Feed implementation) {
    this.implementation = Objects.requireNonNull(implementation, "implementation");
  }

  @Override
  public void dispatch(int methodId, WireInput args, Responder responder) throws Exception {
    switch (methodId) {
      case FeedRpc.COUNT -> {
        StreamCall stream = responder.stream(args);
        long upTo = args.readLong();
        stream.pipe(implementation.count(upTo), Codecs.LONG);
      }
      case FeedRpc.TICKS -> {
        StreamCall stream = responder.stream(args);
        String label = Codecs.STRING.decode(args);
        int every = args.readInt();
        stream.directPipe(FeedCodecs.LIST_OF_STRING, out -> {
          implementation.ticks(label, every, out);
          return null;
        });
      }
      case FeedRpc.SUM -> {
        StreamCall stream = responder.stream(args);
        String label = Codecs.STRING.decode(args);
        stream.reversePipe(Codecs.LONG, numbers -> implementation.sum(label, numbers),
            (out, result) -> out.writeLong(result));
      }
      case FeedRpc.DRAIN -> {
        StreamCall stream = responder.stream(args);
        stream.reversePipe(FeedCodecs.PRIORITY, items -> {
          implementation.drain(items);
          return null;
        }, (out, result) -> {});
      }
      case FeedRpc.SINK -> {
        StreamCall stream = responder.stream(args);
        String name = Codecs.STRING.decode(args);
        stream.reverseDirectPipe(implementation.sink(name), Codecs.STRING);
      }
      case FeedRpc.WATCH -> {
        StreamCall stream = responder.stream(args);
        stream.state(implementation.watch(), (out, initial) -> Codecs.LONG.encode(out, initial), Codecs.STRING);
      }
      default -> responder.unknownMethod(methodId);
    }
  }
}
