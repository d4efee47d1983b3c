package io.whizbang.runtime.feed;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Raw connections that send part of a request, or a whole one, and then read nothing: hostile readers. */
final class StalledSockets implements AutoCloseable {
  private final List<Socket> sockets = new ArrayList<>();

  /** {@code count} connections to {@code port} that each send {@code bytes} and then stall. */
  static StalledSockets open(int port, int count, String bytes, int receiveBuffer) throws IOException {
    StalledSockets stalled = new StalledSockets();
    for (int i = 0; i < count; i++) {
      Socket socket = new Socket();
      if (receiveBuffer > 0) {
        socket.setReceiveBufferSize(receiveBuffer); // before connecting, so the TCP window stays small
      }
      stalled.sockets.add(socket);
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 10_000);
      socket.getOutputStream().write(bytes.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
    }
    return stalled;
  }

  List<Socket> sockets() {
    return sockets;
  }

  /**
   * Reads what the server sent until it closes the connection; {@code null} when the server did not close it within
   * {@code timeoutMillis} of silence. A reset counts as closed.
   */
  static String readUntilClosed(Socket socket, int timeoutMillis) throws IOException {
    socket.setSoTimeout(timeoutMillis);
    InputStream in = socket.getInputStream();
    StringBuilder text = new StringBuilder();
    byte[] buffer = new byte[1 << 16];
    try {
      int n;
      while ((n = in.read(buffer)) != -1) {
        text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
      }
      return text.toString();
    } catch (java.net.SocketTimeoutException e) {
      return null;
    } catch (java.net.SocketException reset) {
      return text.toString();
    }
  }

  @Override
  public void close() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
  }
}
