// Over 400 lines: about a hundred of them are the builder, whose every option is validated with a message
// that names the accepted range; the reading itself (horizon, count, stream, retry) is one sequence kept together.
package io.whizbang.runtime.internal.feedclient;

import io.whizbang.runtime.internal.Backoff;
import io.whizbang.runtime.store.EventCursor;
import io.whizbang.runtime.thread.Threads;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an owner's event feed over HTTP ({@code java.net.http}), streaming NDJSON, until it has every event that
 * committed before a given horizon. A dropped connection, a 5xx or a server-side error line is retried from the last
 * complete line's cursor with exponential backoff; a 4xx is a {@link FeedRejectedException} at once.
 *
 * <pre>{@code
 * BackfillReader reader = BackfillReader.builder(URI.create("https://orders.example/events"))
 *     .bearerToken(token).build();
 * EventCursor end = reader.readToHead(EventCursor.START, null, Set.of("orders.OrderPlaced"), reader.horizon(), sink);
 * }</pre>
 */
public final class BackfillReader {
  private static final Logger LOG = LoggerFactory.getLogger(BackfillReader.class);
  /** A horizon reply is a few dozen bytes; anything far larger is not one. */
  private static final int MAX_HORIZON_BYTES = 4096;

  private final URI eventsUrl;
  private final String bearerToken;
  private final HttpClient client;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration pollInterval;
  private final Duration requestTimeout;
  private final Duration readTimeout;
  private final CountDownLatch aborted = new CountDownLatch(1);
  /** Looks for response bodies that stopped sending ({@link IdleWatch}); its one thread ends when idle. */
  private final ScheduledThreadPoolExecutor idleTimer;
  /** Asks for progress lines until the feed says it does not know them. */
  private volatile boolean progressLines = true;
  private volatile InputStream current;

  private BackfillReader(Builder b) {
    this.eventsUrl = b.eventsUrl;
    this.bearerToken = b.bearerToken;
    this.client = b.client != null ? b.client : defaultClient(b);
    this.idleTimer = new ScheduledThreadPoolExecutor(1, b.threads.named("whizbang-feed-idle-watch"));
    idleTimer.setKeepAliveTime(1, TimeUnit.SECONDS);
    idleTimer.allowCoreThreadTimeOut(true);
    idleTimer.setRemoveOnCancelPolicy(true);
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.pollInterval = b.pollInterval;
    this.requestTimeout = b.requestTimeout;
    this.readTimeout = b.readTimeout;
  }

  /** A reader of the feed at {@code eventsUrl}, for example {@code https://orders.example/events}. */
  private static HttpClient defaultClient(Builder b) {
    // The client's work runs on the service's threads (its selector thread is the JDK's own and cannot be given).
    HttpClient.Builder client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(b.connectTimeout).executor(Executors.newCachedThreadPool(b.threads.named("whizbang-feed-client")));
    if (b.sslContext != null) {
      client.sslContext(b.sslContext);
    }
    return client.build();
  }

  public static Builder builder(URI eventsUrl) {
    return new Builder(eventsUrl);
  }

  /**
   * The owner's visibility horizon now. Take it after subscribing to live events, and pass it to
   * {@link #readToHead}: every event committed before this moment is then read, even one hidden behind a
   * long-running owner transaction.
   */
  public long horizon() {
    int failures = 0;
    while (true) {
      checkAborted();
      try {
        return readHorizon();
      } catch (IOException | RetryableFeedException e) {
        failures = backoff(++failures, e, "reading the horizon");
      }
    }
  }

  /**
   * One request for the horizon. Its body is watched like a stream (a server that sends headers and then stalls is
   * given up on after {@code readTimeout}), can be closed by {@link #abort()}, and is read up to a size cap.
   */
  private long readHorizon() throws IOException {
    return FeedReplies.horizon(readSmallReply(URI.create(eventsUrl + "/horizon"), "horizon"));
  }

  /**
   * How many events of {@code wireNames} (empty: all) the feed holds after {@code after} up to {@code upTo}
   * (included), and whether that range is settled (no event can still appear in it). Retried like
   * {@link #horizon()}.
   */
  public FeedCount count(EventCursor after, EventCursor upTo, Instant from,
      Collection<String> wireNames) {
    StringBuilder query = new StringBuilder("/count?after=").append(after.token()).append("&upto=")
        .append(upTo.token());
    FeedReplies.appendFilter(query, from, wireNames);
    int failures = 0;
    while (true) {
      checkAborted();
      try {
        return FeedReplies.count(readSmallReply(URI.create(eventsUrl + query.toString()), "count"));
      } catch (IOException | RetryableFeedException e) {
        failures = backoff(++failures, e, "counting events");
      }
    }
  }

  /** One GET whose JSON reply is a few dozen bytes, read under the idle watch and abortable. */
  private byte[] readSmallReply(URI uri, String what) throws IOException {
    HttpResponse<InputStream> response = send(uri, requestTimeout);
    IdleWatch body = new IdleWatch(response.body(), readTimeout, idleTimer);
    try (body) {
      current = body;
      checkAborted();
      if (response.statusCode() != 200) {
        throw failure(response.statusCode(), body);
      }
      byte[] bytes = body.readNBytes(MAX_HORIZON_BYTES + 1);
      if (bytes.length > MAX_HORIZON_BYTES) {
        throw new RetryableFeedException("the " + what + " reply is longer than " + MAX_HORIZON_BYTES + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      checkAborted();
      if (body.timedOut()) {
        throw new IOException("no data from the feed for " + readTimeout.toMillis() + " ms", e);
      }
      throw e;
    } finally {
      current = null;
    }
  }

  /**
   * Streams events after {@code after} to {@code sink} until a head line shows every event committed before
   * {@code horizon} was delivered.
   *
   * @param from only events that occurred at or after this instant, or {@code null}
   * @param wireNames the types to read; empty for all
   * @return the cursor after the last event read
   * @throws FeedRejectedException on a 4xx
   * @throws FeedUnavailableException when {@code maxAttempts} consecutive attempts failed without progress
   * @throws Exception whatever the sink throws (not retried)
   */
  public EventCursor readToHead(
      EventCursor after, Instant from, Collection<String> wireNames, long horizon, FeedSink sink) throws Exception {
    EventCursor cursor = Objects.requireNonNull(after, "after");
    int failures = 0;
    while (true) {
      checkAborted();
      Attempt attempt = new Attempt(cursor);
      try {
        FeedLine end;
        try {
          end = stream(attempt, from, wireNames, sink);
        } catch (FeedRejectedException e) {
          if (!progressLines || !"unknown_parameter".equals(e.code()) || !String.valueOf(e.getMessage())
              .contains("'progress'")) {
            throw e;
          }
          // A feed older than progress lines: read it without them (as before).
          LOG.info("The feed at {} does not send progress lines; reading without them", eventsUrl);
          progressLines = false;
          continue;
        }
        cursor = attempt.cursor;
        sink.onPause();
        if (end == null) {
          throw new RetryableFeedException("the connection closed before the end line, after " + attempt.events
              + " event(s)");
        }
        if ("error".equals(end.end())) {
          throw new RetryableFeedException("the server reported: " + end.message());
        }
        failures = 0;
        if ("head".equals(end.end())) {
          if (end.fence() >= horizon) {
            return cursor;
          }
          // Every event is read up to a still-open owner transaction that began before the horizon: wait for it.
          sleep(pollInterval);
        }
      } catch (IOException | RetryableFeedException e) {
        cursor = attempt.cursor;
        sink.onPause();
        checkAborted(); // a stream closed by abort() is no failure to report
        if (attempt.events > 0) {
          failures = 0;
        }
        failures = backoff(++failures, e, "reading after cursor " + cursor.token());
      }
    }
  }

  private FeedLine stream(Attempt attempt, Instant from, Collection<String> wireNames, FeedSink sink)
      throws Exception {
    StringBuilder query = new StringBuilder("?stream=true&after=").append(attempt.cursor.token());
    if (progressLines) {
      query.append("&progress=true");
    }
    FeedReplies.appendFilter(query, from, wireNames);
    // The timeout covers the wait for the response headers; the body is watched for idleness instead.
    HttpResponse<InputStream> response = send(URI.create(eventsUrl + query.toString()), requestTimeout);
    IdleWatch body = new IdleWatch(response.body(), readTimeout, idleTimer);
    try (body) {
      if (response.statusCode() != 200) {
        throw failure(response.statusCode(), body);
      }
      current = body;
      if (aborted.getCount() == 0) {
        throw new IOException("aborted");
      }
      LineReader lines = new LineReader(body);
      while (lines.next()) {
        FeedLine line = FeedLine.parse(lines.buffer(), lines.lineStart(), lines.lineLength());
        if (line.isProgress()) {
          attempt.cursor = line.cursor();   // nothing to apply up to here: resume after it on a retry
          continue;
        }
        if (!line.isEvent()) {
          return line;
        }
        sink.onEvent(new FeedEvent(line.cursor(), line.envelope()));
        attempt.cursor = line.cursor();
        attempt.events++;
      }
      return null;
    } catch (IOException e) {
      if (body.timedOut()) {
        throw new IOException("no data from the feed for " + readTimeout.toMillis() + " ms", e);
      }
      throw e;
    } finally {
      current = null;
    }
  }

  private HttpResponse<InputStream> send(URI uri, Duration timeout) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().header("Accept", "application/x-ndjson");
    if (bearerToken != null) {
      request.header("Authorization", "Bearer " + bearerToken);
    }
    if (timeout != null) {
      request.timeout(timeout);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private RuntimeException failure(int status, InputStream body) throws IOException {
    return FeedReplies.failure(eventsUrl, status, body.readNBytes(8192));
  }

  private int backoff(int failures, Exception cause, String what) {
    if (failures >= maxAttempts) {
      throw new FeedUnavailableException("The event feed " + eventsUrl + " failed " + failures + " time(s) in a row "
          + what + ": " + cause.getMessage(), cause);
    }
    long delay = Backoff.doubling(initialBackoff, maxBackoff).delayAfter(failures).toMillis();
    LOG.warn("Event feed {} failed {} ({}); attempt {} of {} in {} ms", eventsUrl, what, cause.getMessage(),
        failures + 1, maxAttempts, delay);
    sleep(Duration.ofMillis(delay));
    return failures;
  }

  private void sleep(Duration d) {
    try {
      if (aborted.await(d.toMillis(), TimeUnit.MILLISECONDS)) {
        checkAborted();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FeedAbortedException();
    }
  }

  private void checkAborted() {
    if (aborted.getCount() == 0) {
      throw new FeedAbortedException();
    }
  }

  /** Stops a running read from another thread: it ends with a {@link FeedAbortedException}. */
  public void abort() {
    aborted.countDown();
    InputStream in = current;
    if (in != null) {
      try {
        in.close();
      } catch (IOException e) {
        LOG.debug("Closing the feed stream: {}", e.toString());
      }
    }
  }

  private static final class Attempt {
    EventCursor cursor;
    long events;

    Attempt(EventCursor cursor) {
      this.cursor = cursor;
    }
  }

  /** The read was stopped by {@link #abort()}. */
  public static final class FeedAbortedException extends RuntimeException {
    public FeedAbortedException() {
      super("The feed read was aborted");
    }
  }

  /** Configures a {@link BackfillReader}. */
  public static final class Builder {
    private final URI eventsUrl;
    private String bearerToken;
    private HttpClient client;
    private javax.net.ssl.SSLContext sslContext;
    private int maxAttempts = 8;
    private Duration initialBackoff = Duration.ofMillis(100);
    private Duration maxBackoff = Duration.ofSeconds(10);
    private Duration pollInterval = Duration.ofMillis(50);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Duration readTimeout = Duration.ofSeconds(60);
    private Threads threads = Threads.defaults();

    private Builder(URI eventsUrl) {
      Objects.requireNonNull(eventsUrl, "eventsUrl");
      String scheme = eventsUrl.getScheme();
      if (!"http".equals(scheme) && !"https".equals(scheme) || eventsUrl.getHost() == null) {
        throw new IllegalArgumentException("The event feed URL must be an absolute http(s) URL such as"
            + " https://orders.example/events, was '" + eventsUrl + "'");
      }
      if (eventsUrl.getRawQuery() != null || eventsUrl.getRawFragment() != null) {
        throw new IllegalArgumentException("The event feed URL must not carry a query or fragment: " + eventsUrl);
      }
      String text = eventsUrl.toString();
      this.eventsUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    /** Sent as {@code Authorization: Bearer <token>}; {@code null} for none. */
    public Builder bearerToken(String value) {
      this.bearerToken = value;
      return this;
    }

    /** Where the reader's HTTP client and idle watch take their threads: the service's (default: daemon threads). */
    public Builder threads(Threads value) {
      this.threads = Objects.requireNonNull(value, "threads");
      return this;
    }

    /**
     * The TLS context of an {@code https} feed whose certificate the JVM's default trust store does not hold (its
     * trust managers trust the feed's certificate or its issuer); ignored with {@link #httpClient}.
     */
    public Builder sslContext(javax.net.ssl.SSLContext value) {
      this.sslContext = Objects.requireNonNull(value, "sslContext");
      return this;
    }

    /** An HTTP client of the application's (proxy, TLS settings); it should speak HTTP/1.1 to the feed. */
    public Builder httpClient(HttpClient value) {
      this.client = Objects.requireNonNull(value, "httpClient");
      return this;
    }

    /** Consecutive failed attempts, without an event read in between, before giving up (default 8). */
    public Builder maxAttempts(int value) {
      if (value < 1 || value > 1000) {
        throw new IllegalArgumentException("maxAttempts must be between 1 and 1000, was " + value);
      }
      this.maxAttempts = value;
      return this;
    }

    /** The first retry delay, doubled after each failure up to {@code max} (default 100 ms to 10 s). */
    public Builder backoff(Duration initial, Duration max) {
      if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
        throw new IllegalArgumentException("backoff needs 0 < initial <= max, was " + initial + " and " + max);
      }
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /** How long to wait before asking again while an old owner transaction still hides events (default 50 ms). */
    public Builder pollInterval(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("pollInterval must be positive, was " + value);
      }
      this.pollInterval = value;
      return this;
    }

    /**
     * How long a streaming response may send nothing before the reader gives up on it and asks again from its last
     * cursor (default 60 s). The owner sends every batch as soon as it is read, so only a hung connection is silent.
     */
    public Builder readTimeout(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("readTimeout must be positive, was " + value);
      }
      this.readTimeout = value;
      return this;
    }

    public Builder connectTimeout(Duration value) {
      this.connectTimeout = Objects.requireNonNull(value, "connectTimeout");
      return this;
    }

    public BackfillReader build() {
      return new BackfillReader(this);
    }
  }
}
