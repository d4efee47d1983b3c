'use strict';
// The namespace: queues, topics with their subscriptions, and what happens to a message on its way in (size limit,
// session id check, duplicate detection by message id, sequence number, scheduling, topic fan-out by rules).
// Entity names are case-insensitive, as in Service Bus.
const { Entity, BrokerError } = require('./entity');
const { Rule } = require('./rules');
const codec = require('./codec');

const SEND_DEFAULTS = { duplicateDetectionWindowMs: 0, maxMessageSizeBytes: 262144 };
const SUBSCRIPTIONS = '/subscriptions/';
const DEAD_LETTER = '/$deadletterqueue';

/** Where messages are sent to: a queue or a topic. Numbers them, drops duplicates and holds scheduled ones. */
class Inbox {
  constructor(options, deliver) {
    this.options = { ...SEND_DEFAULTS, ...options };
    this.deliver = deliver;
    this.nextSeq = 1;
    this.seen = new Map(); // message id -> time first seen, while duplicate detection is on
    this.scheduled = new Map(); // sequence number -> message
  }

  accept(msg, now) {
    const window = this.options.duplicateDetectionWindowMs;
    if (window > 0 && msg.messageId !== null) {
      const first = this.seen.get(msg.messageId);
      if (first !== undefined && now - first < window) return null; // a duplicate: accepted, and dropped
      this.seen.set(msg.messageId, now);
    }
    msg.seq = this.nextSeq++;
    msg.enqueuedAt = now;
    msg.deliveryCount = 0;
    if (msg.scheduledAt && msg.scheduledAt > now) {
      this.scheduled.set(msg.seq, msg);
    } else {
      this.deliver(msg);
    }
    return msg.seq;
  }

  cancel(seq) {
    this.scheduled.delete(seq);
  }

  tick(now) {
    for (const [seq, msg] of this.scheduled) {
      if (msg.scheduledAt <= now) {
        this.scheduled.delete(seq);
        msg.enqueuedAt = now;
        this.deliver(msg);
      }
    }
    const window = this.options.duplicateDetectionWindowMs;
    if (this.seen.size) {
      for (const [id, at] of this.seen) if (now - at >= window) this.seen.delete(id);
    }
  }
}

class Broker {
  constructor() {
    this.queues = new Map();
    this.topics = new Map();
  }

  putQueue(name, options = {}) {
    checkName(name);
    const key = name.toLowerCase();
    const existing = this.queues.get(key);
    if (existing) {
      Object.assign(existing.options, options);
      Object.assign(existing.inbox.options, pick(options, SEND_DEFAULTS));
      existing.deadLetter.options.lockDurationMs = existing.options.lockDurationMs;
      return existing;
    }
    if (this.topics.has(key)) throw new BrokerError('amqp:not-allowed', `'${name}' is already a topic`);
    const queue = new Entity(name, options, 'queue');
    queue.inbox = new Inbox(pick(options, SEND_DEFAULTS), (msg) => queue.enqueue(msg));
    this.queues.set(key, queue);
    return queue;
  }

  putTopic(name, options = {}) {
    checkName(name);
    const key = name.toLowerCase();
    const existing = this.topics.get(key);
    if (existing) {
      Object.assign(existing.inbox.options, pick(options, SEND_DEFAULTS));
      return existing;
    }
    if (this.queues.has(key)) throw new BrokerError('amqp:not-allowed', `'${name}' is already a queue`);
    const topic = { name, subscriptions: new Map() };
    topic.inbox = new Inbox(pick(options, SEND_DEFAULTS), (msg) => this.fanOut(topic, msg));
    this.topics.set(key, topic);
    return topic;
  }

  putSubscription(topicName, name, options = {}) {
    checkName(name);
    const topic = this.topics.get(topicName.toLowerCase());
    if (!topic) throw new BrokerError('amqp:not-found', `The messaging entity '${topicName}' could not be found.`);
    const rules = (options.rules || [{ name: '$Default', sql: '1=1' }]).map((r) => new Rule(r));
    const settings = { ...options };
    delete settings.rules;
    let sub = topic.subscriptions.get(name.toLowerCase());
    if (sub) {
      Object.assign(sub.options, settings);
    } else {
      sub = new Entity(`${topic.name}/Subscriptions/${name}`, settings, 'subscription');
      topic.subscriptions.set(name.toLowerCase(), sub);
    }
    if (options.rules || !sub.rules) sub.rules = rules;
    return sub;
  }

  deleteQueue(name) {
    return this.queues.delete(name.toLowerCase());
  }

  deleteTopic(name) {
    return this.topics.delete(name.toLowerCase());
  }

  deleteSubscription(topicName, name) {
    const topic = this.topics.get(topicName.toLowerCase());
    return Boolean(topic && topic.subscriptions.delete(name.toLowerCase()));
  }

  fanOut(topic, msg) {
    for (const sub of topic.subscriptions.values()) {
      if (sub.rules.some((r) => r.matches(msg))) sub.enqueue({ ...msg });
    }
  }

  /**
   * What an address names: { inbox } to send to, { entity } to receive from, and for `.../$management` the node
   * with both where they exist. Throws amqp:not-found naming the address otherwise.
   */
  resolve(address) {
    const path = String(address || '').replace(/^amqps?:\/\/[^/]+\//, '').replace(/^\/+/, '');
    const lower = path.toLowerCase();
    const management = lower.endsWith('/$management');
    const base = management ? path.slice(0, -'/$management'.length) : path;
    const found = this.lookup(base);
    if (!found) {
      throw new BrokerError('amqp:not-found', `The messaging entity '${base}' could not be found. To know more visit https://aka.ms/sbResourceMgrExceptions.`);
    }
    return { ...found, management, path: base };
  }

  lookup(path) {
    let lower = path.toLowerCase();
    const dead = lower.endsWith(DEAD_LETTER);
    if (dead) lower = lower.slice(0, -DEAD_LETTER.length);
    let found = null;
    const at = lower.indexOf(SUBSCRIPTIONS);
    if (at >= 0) {
      const topic = this.topics.get(lower.slice(0, at));
      const sub = topic && topic.subscriptions.get(lower.slice(at + SUBSCRIPTIONS.length));
      if (sub) found = { entity: sub, topic };
    } else if (this.queues.has(lower)) {
      const queue = this.queues.get(lower);
      found = { entity: queue, inbox: queue.inbox };
    } else if (this.topics.has(lower)) {
      found = { inbox: this.topics.get(lower).inbox, topic: this.topics.get(lower) };
    }
    if (found && dead) return found.entity ? { entity: found.entity.deadLetter } : null;
    return found;
  }

  /** Accepts what a sender transferred to `inbox`; returns the sequence numbers (null for dropped duplicates). */
  send(target, msgs, requiresSession, maxSize, size) {
    if (size > maxSize) {
      throw new BrokerError('amqp:link:message-size-exceeded',
        `The received message (size ${size} bytes) exceeds the limit (${maxSize} bytes) of entity '${target.path}'.`);
    }
    if (requiresSession && msgs.some((m) => m.sessionId === null)) {
      throw new BrokerError('amqp:not-allowed',
        `The SessionId was not set on a message, and it cannot be sent to the entity '${target.path}'. Entities that have session support enabled can only receive messages that have the SessionId set.`);
    }
    const now = Date.now();
    return msgs.map((m) => {
      const ttl = m.ttlMs || (target.entity && target.entity.options.defaultTtlMs) || null;
      m.expiresAt = ttl ? now + ttl : null;
      return target.inbox.accept(m, now);
    });
  }

  *entities() {
    for (const q of this.queues.values()) yield q;
    for (const t of this.topics.values()) yield* t.subscriptions.values();
  }

  tick(now) {
    for (const q of this.queues.values()) q.inbox.tick(now);
    for (const t of this.topics.values()) t.inbox.tick(now);
    for (const e of this.entities()) e.expire(now);
  }

  describe() {
    const queue = (q) => ({ name: q.name || q.path, ...q.options, ...q.counts(), scheduled: q.inbox.scheduled.size });
    return {
      queues: [...this.queues.values()].map((q) => ({ ...queue(q), name: q.path, ...q.inbox.options })),
      topics: [...this.topics.values()].map((t) => ({
        name: t.name, ...t.inbox.options, scheduled: t.inbox.scheduled.size,
        subscriptions: [...t.subscriptions.values()].map((s) => ({
          name: s.path.split('/').pop(), ...s.options, rules: s.rules.map((r) => r.describe()), ...s.counts(),
        })),
      })),
    };
  }
}

function pick(options, defaults) {
  const out = {};
  for (const k of Object.keys(defaults)) if (options[k] !== undefined) out[k] = options[k];
  return out;
}

function checkName(name) {
  if (!name || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) || name.length > 260) {
    throw new BrokerError('amqp:invalid-field',
      `'${name}' is not a valid entity name: letters, digits, '.', '-' and '_', starting with a letter or digit`);
  }
}

module.exports = { Broker, Inbox, codec };
