package io.whizbang.runtime.testfixtures;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a loopback port in front of a real server (an event feed, PostgreSQL), with the network faults a
 * test causes on purpose, for as long as it likes:
 *
 * <ul>
 *   <li>{@link #cut()}: every open connection is dropped and new ones are refused at once, as when the server or
 *       its host goes away;
 *   <li>{@link #stall()}: connections stay open but no byte moves either way, and new ones connect but get no
 *       answer, as behind a dead router: only the client's own timeouts notice;
 *   <li>{@link #slow(Duration)}: every chunk of bytes waits that long before it is passed on;
 *   <li>{@link #cutOnceAfter(long)}: the next response is dropped after that many bytes, mid-stream;
 *   <li>{@link #restore()}: back to passing bytes at once.
 * </ul>
 */
public final class TcpProxy implements AutoCloseable {
  private enum Mode { OPEN, CUT, STALLED }

  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final AtomicLong cutAfter = new AtomicLong(-1);
  private final AtomicInteger cuts = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile Mode mode = Mode.OPEN;
  private volatile long delayMillis;

  /** A proxy to {@code targetPort} on the loopback address. */
  public TcpProxy(int targetPort) throws IOException {
    this(InetAddress.getLoopbackAddress().getHostAddress(), targetPort);
  }

  public TcpProxy(String targetHost, int targetPort) throws IOException {
    this.target = new InetSocketAddress(targetHost, targetPort);
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "tcp-proxy-" + listener.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The proxy's own port: point the client here. */
  public int port() {
    return listener.getLocalPort();
  }

  /** An http URI of {@code path} through the proxy. */
  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  /** Drops every open connection and refuses new ones until {@link #restore()}. */
  public void cut() {
    mode = Mode.CUT;
    sockets.forEach(TcpProxy::closeQuietly);
    sockets.clear();
  }

  /** Stops moving bytes on every connection, open or new, until {@link #restore()}. */
  public void stall() {
    mode = Mode.STALLED;
  }

  /** Passes each chunk of bytes on only after {@code delay} (zero: at once); a stall or cut stays in force. */
  public void slow(Duration delay) {
    delayMillis = delay.toMillis();
  }

  /** Passes bytes at once again; connections dropped by {@link #cut()} stay dropped. */
  public void restore() {
    delayMillis = 0;
    mode = Mode.OPEN;
  }

  /** The next response that passes {@code bytes} bytes is cut there (once). */
  public void cutOnceAfter(long bytes) {
    cutAfter.set(bytes);
  }

  /** Responses cut by {@link #cutOnceAfter(long)} so far. */
  public int cuts() {
    return cuts.get();
  }

  /** Client connections accepted so far (refused ones included). */
  public int connectionsAccepted() {
    return connections.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return;
      }
      connections.incrementAndGet();
      if (mode == Mode.CUT) {
        closeQuietly(client);
        continue;
      }
      try {
        Socket server = new Socket(target.getAddress(), target.getPort());
        // Each chunk is passed on as it comes: with Nagle's algorithm a request written in two parts (headers, then
        // body) would wait for the delayed acknowledgement of the first, some 40 ms per call.
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        sockets.add(client);
        sockets.add(server);
        if (mode == Mode.CUT) {            // cut() ran while this one connected
          closeQuietly(client);
          closeQuietly(server);
          continue;
        }
        pump(client, server, false);
        pump(server, client, true);
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private void pump(Socket from, Socket to, boolean response) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[8192];
      long passed = 0;
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          if (!awaitPassing()) {
            break;
          }
          long limit = response ? cutAfter.get() : -1;
          if (limit >= 0 && passed + n > limit && cutAfter.compareAndSet(limit, -1)) {
            out.write(buffer, 0, (int) Math.max(0, limit - passed));
            out.flush();
            cuts.incrementAndGet();
            break;
          }
          out.write(buffer, 0, n);
          out.flush();
          passed += n;
        }
      } catch (IOException e) {
        // The other side went away, or the connection was cut.
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        sockets.remove(from);
        sockets.remove(to);
      }
    }, "tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  /** Waits while stalled, then for the slow delay; false when the connection is to be dropped. */
  private boolean awaitPassing() {
    try {
      while (mode == Mode.STALLED) {
        Thread.sleep(5);
      }
      long delay = delayMillis;
      if (delay > 0) {
        Thread.sleep(delay);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return mode != Mode.CUT;
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    sockets.forEach(TcpProxy::closeQuietly);
  }
}
