package io.whizbang.sqs;

import io.whizbang.runtime.core.WhizbangException;
import io.whizbang.runtime.transport.Destination;
import io.whizbang.runtime.transport.DeliveryHandler;
import io.whizbang.runtime.transport.OutgoingMessage;
import io.whizbang.runtime.transport.Subscription;
import io.whizbang.runtime.transport.SubscriptionRequest;
import io.whizbang.runtime.transport.TransportLimits;
import io.whizbang.runtime.transport.kit.BrokerTransport;
import io.whizbang.runtime.transport.kit.SendQueues;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * The AWS SQS/SNS transport.
 *
 * <p>SqsTopology (see {@link SqsNames}): the events of a domain go to its SNS topic, which delivers them (raw, filtered
 * on the wire name) to one queue per subscribing service; the commands of a domain go to its SQS queue, consumed by
 * the owning service's instances. With {@link EventRouting#SQS_QUEUES} there is no SNS and the publisher sends each
 * event to every subscriber's queue for that domain.
 *
 * <p>Publishing packs up to ten messages per SendMessageBatch/PublishBatch call; a message's future completes only
 * from its own entry's result. Consuming long-polls ten messages per call, keeps them hidden while the handler runs,
 * and deletes them only once acknowledged (after the inbox transaction committed). FIFO queues and topics (the
 * default) keep the messages of one partition key in order and drop a message id published twice within five
 * minutes; standard ones do neither.
 */
public final class SqsTransport extends BrokerTransport<SqsConfig> {

  /** Room for the attributes the transport adds when the headers lack them: type, id, key, body encoding. */
  private static final int ATTRIBUTES_RESERVE = 512;
  private static final TransportLimits LIMITS = TransportLimits.of("SQS/SNS message size "
      + SqsConfig.MAX_MESSAGE_BYTES + " (body and attributes) less " + ATTRIBUTES_RESERVE + " bytes for the"
      + " attributes it adds").withMaxMessageBytes(SqsConfig.MAX_MESSAGE_BYTES - ATTRIBUTES_RESERVE)
      .withBytesPerHeader(WireMessage.BYTES_PER_ATTRIBUTE);

  private final SqsClient sqs;
  private final SnsClient sns;
  private final SqsTopology topology;
  private final BatchSender sender;
  private final ApiCalls calls = new ApiCalls();
  private final ExecutorService publishers;
  private final SendQueues<String> queues;
  private final ScheduledExecutorService timer;
  private final boolean ownsClients;

  SqsTransport(SqsConfig config, SqsClient sqs, SnsClient sns, boolean ownsClients) {
    super(config.eventRouting() == EventRouting.SNS_TOPICS ? "sns-sqs" : "sqs", "SQS", false, config);
    this.sqs = sqs;
    this.sns = sns;
    this.ownsClients = ownsClients;
    this.topology = new SqsTopology(sqs, sns, config);
    this.sender = new BatchSender(config.publishAttempts(), config.publishRetryDelay(), calls);
    this.publishers = Executors.newFixedThreadPool(4, config.threads("whizbang-sqs-publish"));
    this.timer = Executors.newSingleThreadScheduledExecutor(config.threads("whizbang-sqs-heartbeat"));
    // Keyed by the name of where the messages go, which also names it when the transport is closed under a call.
    this.queues = SendQueues.builder("SQS", publishers, this::nameOf,
        (String name, List<OutgoingMessage> messages) -> publishTo(messages.get(0).destination(), messages))
        .heldBehind((m, earlier) -> SqsPublishException.heldBehind(m, "", earlier)).build();
  }

  /** Builds the SDK clients from {@code config} and checks that SQS answers. */
  public static SqsTransport connect(SqsConfig config) {
    Objects.requireNonNull(config, "config");
    SqsClient sqs = null;
    SnsClient sns = null;
    try {
      SqsClientBuilder sqsBuilder = SqsClient.builder();
      configure(sqsBuilder, config);
      sqs = sqsBuilder.build();
      if (config.eventRouting() == EventRouting.SNS_TOPICS) {
        SnsClientBuilder snsBuilder = SnsClient.builder();
        configure(snsBuilder, config);
        sns = snsBuilder.build();
      }
      sqs.listQueues(b -> b.maxResults(1));
      return new SqsTransport(config, sqs, sns, true);
    } catch (SdkException e) {
      close(sqs, sns);
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      if (message.contains("region")) {
        throw new SqsConfigException("no AWS region for SQS: set SqsConfig.builder().region(\"eu-west-1\") or the"
            + " AWS_REGION environment variable (" + message + ")");
      }
      throw new WhizbangException("cannot reach SQS at " + (config.endpoint() == null ? "the AWS endpoint"
          : config.endpoint()) + " with " + config + ": " + message + "; check the region, the credentials"
          + " (default chain: AWS_ACCESS_KEY_ID, profile, role) and the network"
          + (config.endpoint() != null ? " (for tests: scripts/services/start-sqs.sh or start-sns.sh)" : ""), e);
    }
  }

  private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> void configure(B builder,
      SqsConfig config) {
    if (config.region() != null) {
      builder.region(config.region());
    }
    if (config.endpoint() != null) {
      builder.endpointOverride(config.endpoint());
    }
    if (config.credentials() != null) {
      builder.credentialsProvider(config.credentials());
    }
    builder.overrideConfiguration(c -> c.apiCallTimeout(config.operationTimeout()));
    // The socket must outlast a long poll, which holds the connection open for receiveWait.
    builder.httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
        .socketTimeout(config.receiveWait().plusSeconds(10)));
  }

  /**
   * The SQS/SNS API calls, for judging how well batching works: {@code sendCalls}, {@code sentMessages},
   * {@code receiveCalls}, {@code receivedMessages}, {@code emptyReceives}, {@code deleteCalls},
   * {@code visibilityExtensions}.
   */
  @Override
  protected Map<String, Long> details() {
    return calls.snapshot();
  }

  /**
   * Where messages for {@code destination} are sent: the command queue's name, or the events topic's name (with
   * {@link EventRouting#SQS_QUEUES}, the name every subscriber queue of the domain starts with).
   */
  public String nameOf(Destination destination) {
    SqsNames names = topology.names();
    if (destination.kind() == Destination.Kind.COMMANDS) {
      return names.commandQueue(destination.domain());
    }
    return config().eventRouting() == EventRouting.SNS_TOPICS ? names.topic(destination.domain())
        : names.sourceQueuePrefix(destination.domain());
  }

  /** Queues and topics this transport created (tests delete them afterwards). */
  Set<String> createdResources() {
    return topology.created();
  }

  /**
   * SQS and SNS take at most 256 KiB per message, the body and its attributes together (each attribute counting its
   * name, its data type {@code String} and its value). Headers become attributes, at most ten of them
   * ({@link WireMessage}); the limits count every header, so they are never looser than the broker, and leave room
   * for the attributes the transport adds itself to a message whose headers lack them.
   */
  @Override
  public TransportLimits limits() {
    return LIMITS;
  }

  /**
   * The messages of each destination queue up there behind those of earlier calls ({@link SendQueues}), so that
   * calls that happen one after the other reach the broker in that order, awaited or not.
   */
  @Override
  protected List<CompletableFuture<Void>> send(List<OutgoingMessage> batch) {
    return queues.publish(batch);
  }

  /** Sends one destination's messages in list order; per message {@code null} when accepted, else why not. */
  private Throwable[] publishTo(Destination destination, List<OutgoingMessage> messages) {
    Throwable[] failures = new Throwable[messages.size()];
    try {
      List<WireMessage> wire = messages.stream().map(m -> WireMessage.of(m, config().wireFormat())).toList();
      for (BatchTarget target : targets(destination)) {
        Throwable[] result = sender.sendAll(target, wire);
        for (int i = 0; i < result.length; i++) {
          if (failures[i] == null) {
            failures[i] = result[i];
          }
        }
      }
    } catch (SdkException e) {
      Arrays.fill(failures, new SqsPublishException("cannot publish to " + destination.kind().name().toLowerCase()
          + " of domain '" + destination.domain() + "': " + e.getMessage(), e));
    } catch (RuntimeException | Error e) {
      Arrays.fill(failures, e);
    }
    return failures;
  }

  private List<BatchTarget> targets(Destination destination) {
    String domain = destination.domain();
    SqsNames names = topology.names();
    if (destination.kind() == Destination.Kind.COMMANDS) {
      return List.of(new QueueTarget(sqs, names.commandQueue(domain), topology.commandQueueUrl(domain),
          config().fifo()));
    }
    if (config().eventRouting() == EventRouting.SNS_TOPICS) {
      return List.of(new TopicTarget(sns, names.topic(domain), topology.topicArn(domain), config().fifo()));
    }
    return topology.sourceQueues(domain).stream()
        .map(q -> (BatchTarget) new QueueTarget(sqs, q.name(), q.url(), config().fifo())).toList();
  }

  @Override
  protected Subscription open(SubscriptionRequest request, DeliveryHandler handler) {
    Map<String, Set<String>> wantedByQueue = new LinkedHashMap<>();
    String subscriber = request.subscriberId();
    try {
      for (SubscriptionRequest.Source source : request.sources()) {
        String domain = source.destination().domain();
        String url;
        if (source.destination().kind() == Destination.Kind.COMMANDS) {
          url = topology.commandQueueUrl(domain);
        } else if (config().eventRouting() == EventRouting.SNS_TOPICS) {
          url = topology.subscriberQueueUrl(subscriber, domain, source.wireNames());
        } else {
          url = topology.sourceQueueUrl(domain, subscriber);
        }
        wantedByQueue.computeIfAbsent(url, u -> new HashSet<>()).addAll(source.wireNames());
      }
    } catch (SdkException e) {
      throw new WhizbangException("cannot set up the queues of subscriber '" + subscriber + "': " + e.getMessage(),
          e);
    }
    return SqsSubscription.start(subscriber, request.concurrency(), handler, sqs, config(), calls, counters(),
        wantedByQueue, timer, lifecycle());
  }

  /** Lets publishing in progress finish, and closes the SDK clients. */
  @Override
  protected void release() {
    publishers.shutdown();
    try {
      publishers.awaitTermination(config().operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    timer.shutdownNow();
    if (ownsClients) {
      close(sqs, sns);
    }
  }

  private static void close(SqsClient sqs, SnsClient sns) {
    if (sqs != null) {
      sqs.close();
    }
    if (sns != null) {
      sns.close();
    }
  }
}
