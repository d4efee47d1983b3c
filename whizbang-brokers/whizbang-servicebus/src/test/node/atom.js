'use strict';
// The part of Service Bus's administration API (Atom XML over HTTP) that reads one entity: GET /{queue} and
// GET /{topic}/Subscriptions/{subscription} with an api-version, answered as the service answers them, an Atom
// entry holding the QueueDescription or SubscriptionDescription with its CountDetails, or an empty feed for an
// entity that does not exist (the SDK's administration client maps that to ResourceNotFoundException). The service
// counts a message locked by a receiver as active: only completing it removes it.
const CONNECT = 'http://schemas.microsoft.com/netservices/2010/10/servicebus/connect';
const COUNTS = 'http://schemas.microsoft.com/netservices/2011/06/servicebus';
const FOREVER = 'P10675199DT2H48M5.4775807S';
const SUBSCRIPTIONS = '/subscriptions/';

function answerAtom(broker, path, host) {
  const name = path.replace(/^\/+/, '').replace(/\/+$/, '');
  const lower = name.toLowerCase();
  const at = lower.indexOf(SUBSCRIPTIONS);
  const now = new Date().toISOString();
  if (at >= 0) {
    const topic = broker.topics.get(lower.slice(0, at));
    const sub = topic && topic.subscriptions.get(lower.slice(at + SUBSCRIPTIONS.length));
    if (sub) return entry(host, name, name.split('/').pop(), now, subscriptionDescription(sub, now));
  } else if (broker.queues.has(lower)) {
    return entry(host, name, name, now, queueDescription(broker.queues.get(lower), now));
  }
  return emptyFeed(host, now);
}

function queueDescription(queue, now) {
  const o = queue.options;
  const dd = queue.inbox.options.duplicateDetectionWindowMs;
  const counts = countsOf(queue, queue.inbox.scheduled.size);
  return `<QueueDescription xmlns="${CONNECT}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">`
    + `<LockDuration>${duration(o.lockDurationMs)}</LockDuration><MaxSizeInMegabytes>1024</MaxSizeInMegabytes>`
    + `<RequiresDuplicateDetection>${dd > 0}</RequiresDuplicateDetection>`
    + `<RequiresSession>${Boolean(o.requiresSession)}</RequiresSession>`
    + `<DefaultMessageTimeToLive>${o.defaultTtlMs ? duration(o.defaultTtlMs) : FOREVER}</DefaultMessageTimeToLive>`
    + '<DeadLetteringOnMessageExpiration>false</DeadLetteringOnMessageExpiration>'
    + `<DuplicateDetectionHistoryTimeWindow>${duration(dd > 0 ? dd : 600000)}</DuplicateDetectionHistoryTimeWindow>`
    + `<MaxDeliveryCount>${o.maxDeliveryCount}</MaxDeliveryCount><EnableBatchedOperations>true</EnableBatchedOperations>`
    + `<SizeInBytes>0</SizeInBytes><MessageCount>${counts.total}</MessageCount>`
    + '<IsAnonymousAccessible>false</IsAnonymousAccessible><AuthorizationRules></AuthorizationRules>'
    + `<Status>Active</Status><CreatedAt>${now}</CreatedAt><UpdatedAt>${now}</UpdatedAt><AccessedAt>${now}</AccessedAt>`
    + `<SupportOrdering>true</SupportOrdering>${counts.xml}<AutoDeleteOnIdle>${FOREVER}</AutoDeleteOnIdle>`
    + '<EnablePartitioning>false</EnablePartitioning><EntityAvailabilityStatus>Available</EntityAvailabilityStatus>'
    + `<EnableExpress>false</EnableExpress><MaxMessageSizeInKilobytes>${Math.floor(o.maxMessageSizeBytes / 1024)}`
    + '</MaxMessageSizeInKilobytes></QueueDescription>';
}

function subscriptionDescription(sub, now) {
  const o = sub.options;
  const counts = countsOf(sub, 0); // scheduled messages wait in the topic, not in its subscriptions
  return `<SubscriptionDescription xmlns="${CONNECT}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">`
    + `<LockDuration>${duration(o.lockDurationMs)}</LockDuration>`
    + `<RequiresSession>${Boolean(o.requiresSession)}</RequiresSession>`
    + `<DefaultMessageTimeToLive>${o.defaultTtlMs ? duration(o.defaultTtlMs) : FOREVER}</DefaultMessageTimeToLive>`
    + '<DeadLetteringOnMessageExpiration>false</DeadLetteringOnMessageExpiration>'
    + '<DeadLetteringOnFilterEvaluationExceptions>true</DeadLetteringOnFilterEvaluationExceptions>'
    + `<MessageCount>${counts.total}</MessageCount><MaxDeliveryCount>${o.maxDeliveryCount}</MaxDeliveryCount>`
    + `<EnableBatchedOperations>true</EnableBatchedOperations><Status>Active</Status><CreatedAt>${now}</CreatedAt>`
    + `<UpdatedAt>${now}</UpdatedAt><AccessedAt>${now}</AccessedAt>${counts.xml}`
    + `<AutoDeleteOnIdle>${FOREVER}</AutoDeleteOnIdle><EntityAvailabilityStatus>Available</EntityAvailabilityStatus>`
    + '</SubscriptionDescription>';
}

function countsOf(entity, scheduled) {
  const c = entity.counts();
  const active = c.active + c.inFlight;
  return {
    total: active + c.deferred + c.deadLettered + scheduled,
    xml: `<CountDetails xmlns:d2p1="${COUNTS}"><d2p1:ActiveMessageCount>${active}</d2p1:ActiveMessageCount>`
      + `<d2p1:DeadLetterMessageCount>${c.deadLettered}</d2p1:DeadLetterMessageCount>`
      + `<d2p1:ScheduledMessageCount>${scheduled}</d2p1:ScheduledMessageCount>`
      + '<d2p1:TransferMessageCount>0</d2p1:TransferMessageCount>'
      + '<d2p1:TransferDeadLetterMessageCount>0</d2p1:TransferDeadLetterMessageCount></CountDetails>',
  };
}

function entry(host, name, title, now, description) {
  const id = `https://${host}/${name}?api-version=2021-05`;
  return '<?xml version="1.0" encoding="utf-8"?><entry xmlns="http://www.w3.org/2005/Atom">'
    + `<id>${escape(id)}</id><title type="text">${escape(title)}</title><published>${now}</published>`
    + `<updated>${now}</updated><author><name>${escape(host)}</name></author>`
    + `<link rel="self" href="${escape(id)}"/><content type="application/xml">${description}</content></entry>`;
}

function emptyFeed(host, now) {
  return '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
    + '<title type="text">Publicly Listed Services</title>'
    + '<subtitle type="text">This is the list of publicly-listed services currently available.</subtitle>'
    + `<id>uuid:${require('crypto').randomUUID()};id=1</id><updated>${now}</updated>`
    + '<generator>Service Bus 1.1</generator></feed>';
}

function duration(ms) {
  return `PT${ms / 1000}S`;
}

function escape(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

module.exports = { answerAtom };
