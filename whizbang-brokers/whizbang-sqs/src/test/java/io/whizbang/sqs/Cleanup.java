package io.whizbang.sqs;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Deletes what a test's transport created, so that the shared servers do not fill up with test queues. */
final class Cleanup {

  private Cleanup() {}

  static SqsClient sqs(Servers server) {
    return SqsClient.builder().endpointOverride(URI.create(server.endpoint)).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build();
  }

  static SnsClient sns(Servers server) {
    return SnsClient.builder().endpointOverride(URI.create(server.endpoint)).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build();
  }

  static void delete(Servers server, SqsTransport transport) {
    if (transport == null) {
      return;
    }
    transport.close();
    String prefix = transport.config().namePrefix() + "-";
    try (SqsClient sqs = sqs(server)) {
      for (String url : sqs.listQueues(b -> b.queueNamePrefix(prefix)).queueUrls()) {
        sqs.deleteQueue(b -> b.queueUrl(url));
      }
    } catch (RuntimeException ignored) {
      // best effort: the servers are in memory and restart empty
    }
    if (server == Servers.FAUXQS) {
      try (SnsClient sns = sns(server)) {
        sns.listTopics().topics().stream().filter(t -> t.topicArn().contains(":" + prefix))
            .forEach(t -> sns.deleteTopic(b -> b.topicArn(t.topicArn())));
      } catch (RuntimeException ignored) {
        // best effort
      }
    }
  }
}
