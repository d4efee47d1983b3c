/** The Amazon SQS (with SNS for events) transport: {@code SqsTransport.connect(SqsConfig)}. */
module io.whizbang.sqs {
  requires transitive io.whizbang.runtime;
  // In SqsConfig's API: Region and AwsCredentialsProvider.
  requires transitive software.amazon.awssdk.regions;
  requires transitive software.amazon.awssdk.auth;
  requires transitive software.amazon.awssdk.identity.spi;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.http.urlconnection;
  requires software.amazon.awssdk.services.sqs;
  requires software.amazon.awssdk.services.sns;
  requires org.slf4j;

  exports io.whizbang.sqs;

  // Reads whizbang.sqs.* for whizbang.broker=sqs (WhizbangSettings).
  provides io.whizbang.runtime.config.TransportProvider with io.whizbang.sqs.SqsTransportProvider;
}
