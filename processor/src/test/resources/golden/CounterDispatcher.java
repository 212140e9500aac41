package demo;

import io.rpcparallel.Codecs;
import io.rpcparallel.WireInput;
import io.rpcparallel.internal.gen.Dispatcher;
import io.rpcparallel.internal.gen.Responder;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/**
 * The worker side of {@link Counter}: runs each call on the implementation and answers it.
 */
@Generated("io.rpcparallel.processor.RpcParallelProcessor")
final class CounterDispatcher implements Dispatcher {
  private final Counter implementation;

  /**
   * Dispatches calls to {@code implementation}.
   */
  CounterDispatcher(Counter implementation) {
    this.implementation = Objects.requireNonNull(implementation, "implementation");
  }

  @Override
  public void dispatch(int methodId, WireInput args, Responder responder) throws Exception {
    switch (methodId) {
      case CounterRpc.ADD_LONG -> {
        long delta = args.readLong();
        long result = implementation.add(delta);
        responder.reply(out -> out.writeLong(result));
      }
      case CounterRpc.ADD_LONG_INT -> {
        long delta = args.readLong();
        int times = args.readInt();
        long result = implementation.add(delta, times);
        responder.reply(out -> out.writeLong(result));
      }
      case CounterRpc.SUBMIT -> {
        Job job = CounterCodecs.JOB.decode(args);
        Priority priority = CounterCodecs.PRIORITY.decode(args);
        Job result = implementation.submit(job, priority);
        responder.reply(out -> CounterCodecs.JOB.encode(out, result));
      }
      case CounterRpc.STATS -> {
        Optional<Priority> filter = CounterCodecs.OPTIONAL_OF_PRIORITY.decode(args);
        CompletableFuture<Stats> future = implementation.stats(filter);
        if (future == null) {
          responder.fail(new NullPointerException("Counter.stats returned a null future"));
        } else {
          future.whenComplete((value, error) -> {
            if (error != null) {
              responder.fail(error);
            } else {
              responder.reply(out -> CounterCodecs.STATS.encode(out, value));
            }
          });
        }
      }
      case CounterRpc.RESET -> {
        CompletableFuture<Void> future = implementation.reset();
        if (future == null) {
          responder.fail(new NullPointerException("Counter.reset returned a null future"));
        } else {
          future.whenComplete((value, error) -> {
            if (error != null) {
              responder.fail(error);
            } else {
              responder.reply(out -> {});
            }
          });
        }
      }
      case CounterRpc.LOG -> {
        String line = Codecs.STRING.decode(args);
        implementation.log(line);
        responder.reply(out -> {});
      }
      case CounterRpc.HISTOGRAM -> {
        List<Job> jobs = CounterCodecs.LIST_OF_JOB.decode(args);
        byte[] payload = Codecs.BYTES.decode(args);
        Map<String, List<Long>> result = implementation.histogram(jobs, payload);
        responder.reply(out -> CounterCodecs.MAP_OF_STRING_TO_LIST_OF_LONG.encode(out, result));
      }
      case CounterRpc.PING -> {
        Integer attempt = Codecs.INT.decode(args);
        boolean result = implementation.ping(attempt);
        responder.reply(out -> out.writeBoolean(result));
      }
      case CounterRpc.CLEAR -> {
        implementation.clear();
        responder.reply(out -> {});
      }
      default -> responder.unknownMethod(methodId);
    }
  }

  @Override
  public boolean runsOnEventLoop(int methodId) {
    return methodId == CounterRpc.LOG
        || methodId == CounterRpc.PING;
  }
}
