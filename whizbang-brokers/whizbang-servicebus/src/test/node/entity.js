'use strict';
// One place messages are received from: a queue, a subscription, or the dead-letter sub-queue of either. It holds
// the messages ready for delivery (per session when the entity requires sessions; under the key '' otherwise),
// the ones locked by a receiver, the deferred ones, and the receivers ("consumers") attached to it.
const crypto = require('crypto');
const { types } = require('rhea');
const codec = require('./codec');

const ENTITY_DEFAULTS = {
  requiresSession: false, maxDeliveryCount: 10, lockDurationMs: 30000, maxMessageSizeBytes: 262144,
  defaultTtlMs: null,
};
const NO_SESSION = '';

class BrokerError extends Error {
  constructor(condition, description) {
    super(description);
    this.condition = condition;
  }
}

class Entity {
  constructor(path, options, kind) {
    this.path = path;
    this.kind = kind; // 'queue' | 'subscription' | 'deadletter'
    this.options = { ...ENTITY_DEFAULTS, ...options };
    if (kind === 'deadletter') this.options.requiresSession = false;
    this.groups = new Map(); // session id (or NO_SESSION) -> { id, ready: [], owner, until, state, inFlight }
    this.locks = new Map(); // lock token as uuid hex -> { key, msg, until, consumer, group }
    this.deferred = new Map(); // sequence number -> message
    this.consumers = new Set();
    this.sessionWaiters = []; // receivers asking for "the next available session": { consumer, deadline, grant, fail }
    this.deadLetter = kind === 'deadletter' ? null
      : new Entity(path + '/$deadletterqueue', { lockDurationMs: this.options.lockDurationMs }, 'deadletter');
  }

  get requiresSession() {
    return this.options.requiresSession;
  }

  group(id) {
    const key = this.requiresSession ? (id || NO_SESSION) : NO_SESSION;
    let g = this.groups.get(key);
    if (!g) {
      g = { id: key, ready: [], owner: null, until: 0, state: null, inFlight: 0 };
      this.groups.set(key, g);
    }
    return g;
  }

  forget(g) {
    if (!g.ready.length && !g.owner && g.state === null && g.inFlight === 0) this.groups.delete(g.id);
  }

  /** A message arriving (or becoming due): ready at the tail, or in sequence order when it comes back. */
  enqueue(msg) {
    const ready = this.group(msg.sessionId).ready;
    if (!ready.length || ready[ready.length - 1].seq < msg.seq) {
      ready.push(msg);
    } else {
      let lo = 0;
      let hi = ready.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (ready[mid].seq < msg.seq) lo = mid + 1; else hi = mid;
      }
      ready.splice(lo, 0, msg);
    }
    this.wake();
  }

  /** Offers ready messages to receivers with credit and ready sessions to receivers waiting for one. */
  wake() {
    this.grantWaitingSessions(Date.now());
    for (const consumer of [...this.consumers]) {
      while (consumer.credit() > 0) {
        const msg = this.take(consumer);
        if (!msg) break;
        this.deliver(consumer, msg);
      }
      if (consumer.draining()) consumer.drained();
    }
  }

  take(consumer) {
    const g = this.requiresSession ? consumer.group : this.groups.get(NO_SESSION);
    if (!g) return null;
    const now = Date.now();
    while (g.ready.length) {
      const msg = g.ready.shift();
      if (msg.expiresAt && msg.expiresAt <= now) continue; // time to live over: dropped, as by default in Service Bus
      return msg;
    }
    return null;
  }

  deliver(consumer, msg) {
    const annotations = brokerAnnotations(msg);
    if (!consumer.peekLock) {
      consumer.send(codec.encodeDelivery(msg, msg.deliveryCount, annotations), crypto.randomBytes(16), null);
      return;
    }
    const tag = crypto.randomBytes(16);
    const g = this.group(msg.sessionId);
    const until = this.requiresSession ? g.until : Date.now() + this.options.lockDurationMs;
    const lock = { key: codec.tagToUuid(tag).toString('hex'), msg, until, consumer, group: g };
    this.locks.set(lock.key, lock);
    g.inFlight++;
    annotations['x-opt-locked-until'] = types.wrap_timestamp(until);
    consumer.send(codec.encodeDelivery(msg, msg.deliveryCount, annotations), tag, lock);
  }

  /** The lock a settlement names, or the error Service Bus gives when it is gone. */
  lockFor(key, lock) {
    const held = this.locks.get(key);
    if (!held || (lock && held !== lock)) {
      if (this.requiresSession) {
        throw new BrokerError('com.microsoft:session-lock-lost',
          `The session lock was lost for entity '${this.path}'. Request a new session receiver.`);
      }
      throw new BrokerError('com.microsoft:message-lock-lost',
        'The lock supplied is invalid. Either the lock expired, or the message has already been removed from the queue.');
    }
    return held;
  }

  unlock(lock) {
    this.locks.delete(lock.key);
    lock.group.inFlight--;
    this.forget(lock.group);
    return lock.msg;
  }

  complete(lock) {
    this.unlock(lock);
  }

  abandon(lock, propertiesToModify) {
    const msg = this.unlock(lock);
    modify(msg, propertiesToModify);
    this.redeliverLater(msg);
  }

  /** A delivery that did not end in a settlement (abandon, lock expiry): back in line, or dead-lettered. */
  redeliverLater(msg) {
    msg.deliveryCount++;
    if (this.kind !== 'deadletter' && msg.deliveryCount >= this.options.maxDeliveryCount) {
      this.toDeadLetter(msg, 'MaxDeliveryCountExceeded',
        `Message could not be consumed after ${this.options.maxDeliveryCount} delivery attempts.`);
    } else {
      this.enqueue(msg);
    }
  }

  defer(lock, propertiesToModify) {
    const msg = this.unlock(lock);
    modify(msg, propertiesToModify);
    msg.deferred = true;
    this.deferred.set(msg.seq, msg);
  }

  deadLetterLocked(lock, reason, description, propertiesToModify) {
    const msg = this.unlock(lock);
    modify(msg, propertiesToModify);
    this.toDeadLetter(msg, reason, description);
  }

  toDeadLetter(msg, reason, description) {
    if (!this.deadLetter) return; // a dead-lettered message dead-lettered again stays where it was: dropped
    const added = {};
    if (reason !== undefined && reason !== null) added.DeadLetterReason = String(reason);
    if (description !== undefined && description !== null) added.DeadLetterErrorDescription = String(description);
    msg.applicationProperties = codec.withApplicationProperties(msg, added);
    msg.deadLetterSource = this.path;
    msg.deferred = false;
    msg.expiresAt = null;
    this.deadLetter.enqueue(msg);
  }

  /** Locks and returns deferred messages by sequence number (the management receive-by-sequence-number). */
  receiveDeferred(seqs, sessionId, consumer) {
    return seqs.map((seq) => {
      const msg = this.deferred.get(seq);
      if (!msg || (this.requiresSession && msg.sessionId !== sessionId)) {
        throw new BrokerError('com.microsoft:message-not-found',
          `Failed to lock one or more specified messages. The message with sequence number ${seq} was not found.`);
      }
      this.deferred.delete(seq);
      const g = this.group(msg.sessionId);
      const tag = crypto.randomBytes(16);
      const until = this.requiresSession ? g.until : Date.now() + this.options.lockDurationMs;
      const lock = { key: codec.tagToUuid(tag).toString('hex'), msg, until, consumer, group: g };
      this.locks.set(lock.key, lock);
      g.inFlight++;
      const annotations = brokerAnnotations(msg);
      annotations['x-opt-locked-until'] = types.wrap_timestamp(until);
      return { lock, encoded: codec.encodeDelivery(msg, msg.deliveryCount, annotations) };
    });
  }

  renewLock(key) {
    const lock = this.lockFor(key);
    lock.until = Date.now() + this.options.lockDurationMs;
    return lock.until;
  }

  /** Messages in sequence order from a sequence number, for peek (nothing is locked). */
  peek(fromSeq, count, sessionId) {
    const all = [];
    const groups = this.requiresSession && sessionId ? [this.groups.get(sessionId)].filter(Boolean) : [...this.groups.values()];
    for (const g of groups) all.push(...g.ready);
    for (const lock of this.locks.values()) {
      if (!sessionId || lock.msg.sessionId === sessionId) all.push(lock.msg);
    }
    for (const msg of this.deferred.values()) {
      if (!sessionId || msg.sessionId === sessionId) all.push(msg);
    }
    return all.filter((m) => m.seq >= fromSeq).sort((a, b) => a.seq - b.seq).slice(0, count)
      .map((m) => codec.encodeDelivery(m, m.deliveryCount, brokerAnnotations(m)));
  }

  // ---- sessions

  /** Locks a named session for a receiver, or throws when another receiver holds it. */
  acceptSession(consumer, sessionId) {
    const g = this.group(sessionId);
    if (g.owner && g.owner !== consumer) {
      throw new BrokerError('com.microsoft:session-cannot-be-locked',
        `The requested session '${sessionId}' cannot be accepted. It may be locked by another receiver.`);
    }
    this.lockSession(consumer, g);
    return g;
  }

  lockSession(consumer, g) {
    g.owner = consumer;
    g.until = Date.now() + this.options.lockDurationMs;
    consumer.group = g;
    consumer.sessionId = g.id;
  }

  /** "Next available session": granted now when one has messages, else when one gets some or after `waitMs`. */
  waitForSession(consumer, waitMs, grant, fail) {
    this.sessionWaiters.push({ consumer, deadline: Date.now() + waitMs, grant, fail });
    this.wake();
  }

  grantWaitingSessions(now) {
    while (this.sessionWaiters.length) {
      const free = [...this.groups.values()].filter((g) => !g.owner && g.id !== NO_SESSION && g.ready.length)
        .sort((a, b) => a.ready[0].seq - b.ready[0].seq)[0];
      if (!free) break;
      const waiter = this.sessionWaiters.shift();
      this.lockSession(waiter.consumer, free);
      waiter.grant(free);
    }
    this.sessionWaiters = this.sessionWaiters.filter((w) => {
      if (w.deadline > now) return true;
      w.fail(new BrokerError('com.microsoft:timeout',
        `The operation did not complete within the allocated time: no session available on '${this.path}'.`));
      return false;
    });
  }

  renewSessionLock(sessionId, consumer) {
    const g = this.groups.get(sessionId);
    if (!g || !g.owner || (consumer && g.owner !== consumer)) {
      throw new BrokerError('com.microsoft:session-lock-lost',
        `The session lock has expired on the session '${sessionId}' of '${this.path}'.`);
    }
    g.until = Date.now() + this.options.lockDurationMs;
    for (const lock of this.locks.values()) if (lock.group === g) lock.until = g.until;
    return g.until;
  }

  /** The receiver holding a session went away or lost the lock: its unsettled messages come back, in order. */
  releaseSession(g) {
    if (g.owner) g.owner.group = null;
    g.owner = null;
    for (const lock of [...this.locks.values()]) {
      if (lock.group === g) this.redeliverLater(this.unlock(lock));
    }
    this.forget(g);
    this.wake();
  }

  detach(consumer) {
    this.consumers.delete(consumer);
    this.sessionWaiters = this.sessionWaiters.filter((w) => w.consumer !== consumer);
    if (consumer.group && consumer.group.owner === consumer) this.releaseSession(consumer.group);
    // Without sessions, locks outlive the link, as in Service Bus: settled through $management or expiring.
  }

  /** Expired message locks and session locks; called on a timer. */
  expire(now) {
    for (const lock of [...this.locks.values()]) {
      if (!this.requiresSession && lock.until <= now) this.redeliverLater(this.unlock(lock));
    }
    for (const g of [...this.groups.values()]) {
      if (g.owner && g.until <= now) {
        const owner = g.owner;
        this.releaseSession(g);
        owner.close(new BrokerError('com.microsoft:session-lock-lost',
          `The session lock has expired on the MessageSession '${g.id}' of '${this.path}'.`));
      }
    }
    if (this.sessionWaiters.length) this.grantWaitingSessions(now);
    if (this.deadLetter) this.deadLetter.expire(now);
  }

  counts() {
    let active = 0;
    for (const g of this.groups.values()) active += g.ready.length;
    return { active, inFlight: this.locks.size, deferred: this.deferred.size,
      deadLettered: this.deadLetter ? this.deadLetter.counts().active + this.deadLetter.counts().inFlight : 0 };
  }
}

/** What the broker adds to each message it delivers (the SDK reads these into ServiceBusReceivedMessage). */
function brokerAnnotations(msg) {
  const a = {
    'x-opt-sequence-number': types.wrap_long(msg.seq),
    'x-opt-enqueue-sequence-number': types.wrap_long(msg.seq),
    'x-opt-enqueued-time': types.wrap_timestamp(msg.enqueuedAt),
  };
  if (msg.scheduledAt) a['x-opt-scheduled-enqueue-time'] = types.wrap_timestamp(msg.scheduledAt);
  if (msg.deadLetterSource) a['x-opt-deadletter-source'] = types.wrap_string(msg.deadLetterSource);
  if (msg.deferred) a['x-opt-message-state'] = types.wrap_int(1);
  return a;
}

/** Properties to modify, given with abandon, defer or dead-letter, land in the application properties. */
function modify(msg, propertiesToModify) {
  if (propertiesToModify && Object.keys(propertiesToModify).length) {
    msg.applicationProperties = codec.withApplicationProperties(msg, propertiesToModify);
  }
}

module.exports = { Entity, BrokerError, ENTITY_DEFAULTS, NO_SESSION, brokerAnnotations };
