package io.rpcparallel.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy whose connections a test can cut, to lose a connection while both ends
 * live; it keeps what clients sent (to replay it), and every byte it forwards both ways (for a test
 * of what travels in clear).
 */
final class TcpProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int target;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final Thread acceptor;
  private final java.io.ByteArrayOutputStream sent = new java.io.ByteArrayOutputStream();
  private final java.io.ByteArrayOutputStream recorded = new java.io.ByteArrayOutputStream();

  TcpProxy(int targetPort) throws IOException {
    this.target = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::accept, "tcp-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** How many connections the proxy has accepted. */
  int accepted() {
    return accepted.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        accepted.incrementAndGet();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
        sockets.add(client);
        sockets.add(upstream);
        pump(client, upstream, sent);
        pump(upstream, client, null);
      } catch (IOException e) {
        return;
      }
    }
  }

  /** Every byte forwarded so far, both ways, in the order the pumps saw them. */
  byte[] recorded() {
    synchronized (recorded) {
      return recorded.toByteArray();
    }
  }

  /** Every byte clients sent through the proxy so far, in order. */
  byte[] sent() {
    synchronized (sent) {
      return sent.toByteArray();
    }
  }

  private void pump(Socket from, Socket to, java.io.ByteArrayOutputStream record) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[8192];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          synchronized (recorded) {
            recorded.write(buf, 0, n);
          }
          if (record != null) {
            synchronized (record) {
              record.write(buf, 0, n);
            }
          }
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // one side closed
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  /** Cuts every connection through the proxy. */
  void cutAll() {
    sockets.forEach(TcpProxy::closeQuietly);
    sockets.clear();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    cutAll();
  }
}
