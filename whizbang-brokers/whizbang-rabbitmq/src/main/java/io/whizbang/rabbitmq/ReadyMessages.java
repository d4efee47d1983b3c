package io.whizbang.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.whizbang.runtime.transport.kit.BacklogRefresh;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Reads the ready messages of a subscription's queues with a passive declare, which answers a queue's count without
 * changing it. On a channel of its own, so that a failed read (a deleted queue closes the channel) never touches a
 * consuming channel; a closed channel is opened again at the next read. Used by one {@link BacklogRefresh} thread; closed from another.
 */
final class ReadyMessages implements BacklogRefresh.Reader, AutoCloseable {

  private final Connection connection;
  private final List<String> queues;
  private volatile Channel channel;
  private volatile boolean closed;

  ReadyMessages(Connection connection, List<String> queues) {
    this.connection = connection;
    this.queues = queues;
  }

  @Override
  public long read() throws IOException {
    Channel current = channel;
    if (current == null || !current.isOpen()) {
      current = connection.createChannel();
      if (current == null) {
        throw new IOException("the connection has no channel left");
      }
      channel = current;
    }
    if (closed) {
      close(); // closed while the channel was being opened
      throw new IOException("the subscription is closed");
    }
    long ready = 0;
    for (String queue : queues) {
      ready += current.queueDeclarePassive(queue).getMessageCount();
    }
    return ready;
  }

  /** Closes the channel without waiting for a read in progress, which then fails. */
  @Override
  public void close() {
    closed = true;
    Channel open = channel;
    if (open != null && open.isOpen()) {
      try {
        open.close();
      } catch (IOException | TimeoutException | RuntimeException e) {
        // The connection is going or gone: nothing is left to release.
      }
    }
  }
}
