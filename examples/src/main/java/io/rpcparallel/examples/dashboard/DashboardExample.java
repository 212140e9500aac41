package io.rpcparallel.examples.dashboard;

import io.rpcparallel.Dashboard;
import io.rpcparallel.RpcParallel;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.annotations.RpcParallelApp;
import io.rpcparallel.examples.quickstart.CounterClient;
import io.rpcparallel.examples.quickstart.CounterConfig;
import io.rpcparallel.examples.quickstart.CounterImpl;
import io.rpcparallel.examples.quickstart.CounterRpc;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The dashboard: starts it, spawns a worker and calls it, then reads the dashboard's
 * {@code /snapshot} as a script would. Open the printed address in a browser while it runs to see
 * the page (give it an argument, a number of seconds, to keep it running that long).
 */
@RpcParallelApp
public final class DashboardExample {
  private DashboardExample() {}

  public static void main(String[] args) throws Exception {
    long lingerSeconds = args.length > 0 ? Long.parseLong(args[0]) : 0;
    // snippet:dashboard
    Dashboard dashboard = RpcParallel.startDashboard();   // prints: rpc-parallel dashboard: http://127.0.0.1:41283/?token=…
    try (CounterClient c = CounterRpc.spawnAndConnect(CounterImpl.class, new CounterConfig(0),
                                                     SpawnOptions.named("counter-1"))) {
      for (int i = 0; i < 100; i++) {
        c.add(1);
      }
      // The same data as the page, as JSON, for scripts: the token goes with every request.
      URI snapshot = dashboard.url().resolve("/snapshot?" + dashboard.url().getRawQuery());
      String json = read(snapshot);                      // the body of a GET
      // snippet-hide
      System.out.println(json.contains("\"name\":\"counter-1\"") ? "the snapshot lists counter-1" : "not listed: " + json);
      System.out.println(refused(dashboard.url().resolve("/snapshot")) ? "no token, no data" : "read without a token?");
      Thread.sleep(lingerSeconds * 1000);
      // end-hide
    }
    dashboard.close();
    // end-snippet
  }

  private static String read(URI uri) throws IOException {
    try (InputStream in = uri.toURL().openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static boolean refused(URI uri) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    try {
      return connection.getResponseCode() == 403;
    } finally {
      connection.disconnect();
    }
  }
}
