package io.rpcparallel.it.dashboard;

import io.rpcparallel.it.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * Plain HTTP/1.1 over a socket, for the dashboard's tests: every read has a deadline (the socket's
 * timeout), and nothing outlives the test (no client threads or connection pools).
 */
final class Http {
  /** A response: its status, its head and its body. */
  record Response(int status, String head, String body) {}

  private Http() {}

  /** Sends one request for {@code pathAndQuery} to {@code base}'s host and port, and reads the whole response. */
  static Response request(URI base, String method, String pathAndQuery) throws IOException {
    try (Socket s = open(base)) {
      send(s, base, method, pathAndQuery);
      BufferedReader in = reader(s);
      String status = in.readLine();
      StringBuilder head = new StringBuilder();
      int length = 0;
      for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
        head.append(line).append('\n');
        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).trim());
        }
      }
      char[] body = new char[length];
      int n = 0;
      while (n < length) {
        int r = in.read(body, n, length - n);
        if (r < 0) {
          break;
        }
        n += r;
      }
      return new Response(Integer.parseInt(status.split(" ")[1]), head.toString(), new String(body, 0, n));
    }
  }

  /** An open event stream: its status line and head are read; {@link #next} reads events. */
  static final class Events implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    final String head;

    Events(URI base, String pathAndQuery) throws IOException {
      socket = open(base);
      send(socket, base, "GET", pathAndQuery);
      in = reader(socket);
      StringBuilder h = new StringBuilder();
      for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
        h.append(line).append('\n');
      }
      head = h.toString();
    }

    /** The data of the next event that {@code wanted} accepts; fails after {@link Await#LIMIT}. */
    String next(Predicate<String> wanted) throws IOException {
      long deadline = System.nanoTime() + Await.LIMIT.toNanos();
      String last = null;
      String lastWithLogs = null; // log lines come in one event only: say which, on failure
      while (System.nanoTime() < deadline) {
        String line = in.readLine();
        if (line == null) {
          throw new AssertionError("the event stream ended; last event: " + last);
        }
        if (line.startsWith("data: ")) {
          last = line.substring(6);
          if (last.contains("\"logs\":[{")) {
            lastWithLogs = last;
          }
          if (wanted.test(last)) {
            return last;
          }
        }
      }
      throw new AssertionError("no such event within " + Await.LIMIT + "; last event: " + last
          + "; last event with log lines: " + lastWithLogs);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static Socket open(URI base) throws IOException {
    Socket s = new Socket(base.getHost(), base.getPort());
    s.setSoTimeout((int) Await.LIMIT.toMillis());
    return s;
  }

  private static void send(Socket s, URI base, String method, String pathAndQuery) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write((method + " " + pathAndQuery + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
        + "\r\nConnection: close\r\n" + (method.equals("POST") ? "Content-Length: 0\r\n" : "") + "\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static BufferedReader reader(Socket s) throws IOException {
    return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
  }
}
