package io.rpcparallel.examples.codec;

import io.rpcparallel.RemoteException;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.annotations.RpcParallelApp;
import java.util.List;

/** A type with a codec of its own ({@code @RpcCodec}), and an exception that comes back from the worker. */
@RpcParallelApp
public final class CodecExample {
  private CodecExample() {}

  public static void main(String[] args) {
    try (TillClient till = TillRpc.spawnAndConnect(TillImpl.class, SpawnOptions.named("till"))) {
      System.out.println("total: " + till.total(List.of(new Money(1250, "EUR"), new Money(199, "EUR"))));
      try {
        till.total(List.of(new Money(100, "EUR"), new Money(100, "USD")));
      } catch (RemoteException e) {
        System.out.println("refused: " + e.remoteClass() + ": " + e.remoteMessage());
      }
      System.out.println("the worker still answers: " + till.total(List.of()));
    }
  }
}
