'use strict';
// The `<entity>/$management` request/response operations the SDK uses, and the settlement outcomes shared by the
// receive link and the update-disposition operation.
const { types } = require('rhea');
const codec = require('./codec');
const { BrokerError } = require('./entity');
const { Rule } = require('./rules');
const rulesWire = require('./rules-wire');

const DEAD_LETTER = 'com.microsoft:dead-letter';
const TIMESTAMP = 0x83;
const LONG = 0x81;

/** Applies what a receiver said about a locked message: complete, abandon, defer or dead-letter. */
function applyOutcome(entity, lock, outcome) {
  switch (outcome.constructor.composite_type) {
    case 'accepted':
      entity.complete(lock);
      break;
    case 'released':
      entity.abandon(lock, null);
      break;
    case 'modified':
      if (outcome.undeliverable_here) entity.defer(lock, outcome.message_annotations);
      else entity.abandon(lock, outcome.message_annotations);
      break;
    case 'rejected': {
      const error = outcome.error || {};
      const info = { ...(error.info || {}) };
      const reason = info.DeadLetterReason;
      const description = info.DeadLetterErrorDescription;
      delete info.DeadLetterReason;
      delete info.DeadLetterErrorDescription;
      if (error.condition && error.condition !== DEAD_LETTER) {
        throw new BrokerError('amqp:not-implemented', `rejected with ${error.condition}: only ${DEAD_LETTER} is known`);
      }
      entity.deadLetterLocked(lock, reason, description, info);
      break;
    }
    default:
      throw new BrokerError('amqp:not-implemented', `outcome ${outcome.constructor.composite_type}`);
  }
}

function key(uuid) {
  return Buffer.from(uuid).toString('hex');
}

function needEntity(node) {
  if (!node.entity) throw new BrokerError('amqp:not-allowed', `'${node.path}' is a topic: it has no messages to settle or peek`);
  return node.entity;
}

function needInbox(node) {
  if (!node.inbox) throw new BrokerError('amqp:not-allowed', `'${node.path}' cannot be sent to`);
  return node.inbox;
}

function needSubscription(node) {
  if (!node.entity || node.entity.kind !== 'subscription') {
    throw new BrokerError('amqp:not-allowed', `rules belong to subscriptions; '${node.path}' is not one`);
  }
  return node.entity;
}

function ok(body) {
  return { status: 200, body: body === undefined ? null : types.wrap_map(body) };
}

const OPERATIONS = {
  'com.microsoft:renew-lock'(node, body) {
    const entity = needEntity(node);
    const until = (body['lock-tokens'] || []).map((t) => entity.renewLock(key(t)));
    return ok({ expirations: types.wrap_array(until, TIMESTAMP) });
  },

  'com.microsoft:update-disposition'(node, body) {
    const entity = needEntity(node);
    const status = String(body['disposition-status']).toLowerCase();
    for (const token of body['lock-tokens'] || []) {
      const lock = entity.lockFor(key(token));
      const props = body['properties-to-modify'] || null;
      if (status === 'completed') entity.complete(lock);
      else if (status === 'abandoned') entity.abandon(lock, props);
      else if (status === 'defered' || status === 'deferred') entity.defer(lock, props);
      else if (status === 'suspended') {
        entity.deadLetterLocked(lock, body['deadletter-reason'], body['deadletter-description'], props);
      } else throw new BrokerError('amqp:invalid-field', `unknown disposition-status '${status}'`);
    }
    entity.wake();
    return ok();
  },

  'com.microsoft:schedule-message'(node, body, broker) {
    const inbox = needInbox(node);
    const entity = node.entity;
    const seqs = (body.messages || []).map((item) => {
      const msg = codec.parse(item.message);
      if (entity && entity.requiresSession && msg.sessionId === null) {
        throw new BrokerError('amqp:not-allowed', `'${node.path}' requires sessions: the message has no session id`);
      }
      if (!msg.scheduledAt) msg.scheduledAt = Date.now();
      return broker.send(node, [msg], false, inbox.options.maxMessageSizeBytes, item.message.length)[0];
    });
    return ok({ 'sequence-numbers': types.wrap_array(seqs.map((s) => s || 0), LONG) });
  },

  'com.microsoft:cancel-scheduled-message'(node, body) {
    const inbox = needInbox(node);
    for (const seq of body['sequence-numbers'] || []) inbox.cancel(Number(seq));
    return ok();
  },

  'com.microsoft:peek-message'(node, body) {
    const entity = needEntity(node);
    const found = entity.peek(Number(body['from-sequence-number'] || 0), Number(body['message-count'] || 1),
      body['session-id'] || null);
    if (!found.length) return { status: 204, description: 'No messages', body: null };
    return ok({ messages: types.wrap_list(found.map((encoded) => ({ message: encoded }))) });
  },

  'com.microsoft:receive-by-sequence-number'(node, body) {
    const entity = needEntity(node);
    const seqs = (body['sequence-numbers'] || []).map(Number);
    const locked = entity.receiveDeferred(seqs, body['session-id'] || null, null);
    const items = locked.map(({ lock, encoded }) => types.wrap_map({
      message: encoded, 'lock-token': types.wrap_uuid(Buffer.from(lock.key, 'hex')),
    }));
    if (Number(body['receiver-settle-mode']) === 0) for (const { lock } of locked) entity.complete(lock);
    return ok({ messages: types.List32(items) });
  },

  'com.microsoft:renew-session-lock'(node, body) {
    const entity = needEntity(node);
    return ok({ expiration: types.wrap_timestamp(entity.renewSessionLock(String(body['session-id']))) });
  },

  'com.microsoft:get-session-state'(node, body) {
    const entity = needEntity(node);
    const g = entity.groups.get(String(body['session-id']));
    return ok({ 'session-state': g && g.state ? types.wrap_binary(g.state) : types.Null() });
  },

  'com.microsoft:set-session-state'(node, body) {
    const entity = needEntity(node);
    const g = entity.group(String(body['session-id']));
    const state = body['session-state'];
    g.state = state === null || state === undefined ? null : Buffer.from(state);
    entity.forget(g);
    return ok();
  },

  'com.microsoft:add-rule'(node, body) {
    const sub = needSubscription(node);
    const name = String(body['rule-name']);
    if (sub.rules.some((r) => r.name.toLowerCase() === name.toLowerCase())) {
      throw new BrokerError('com.microsoft:entity-already-exists', `The rule '${name}' already exists on '${node.path}'.`);
    }
    sub.rules.push(new Rule(rulesWire.fromRequest(name, body['rule-description'] || {})));
    return ok();
  },

  'com.microsoft:remove-rule'(node, body) {
    const sub = needSubscription(node);
    const name = String(body['rule-name']).toLowerCase();
    const before = sub.rules.length;
    sub.rules = sub.rules.filter((r) => r.name.toLowerCase() !== name);
    if (sub.rules.length === before) {
      throw new BrokerError('com.microsoft:message-not-found', `The rule '${body['rule-name']}' was not found on '${node.path}'.`);
    }
    return ok();
  },

  'com.microsoft:enumerate-rules'(node, body) {
    const sub = needSubscription(node);
    const skip = Number(body.skip || 0);
    const top = Number(body.top || sub.rules.length);
    const page = sub.rules.slice(skip, skip + top);
    if (!page.length) return { status: 204, description: 'No rules', body: null };
    return ok({ rules: types.List32(page.map((r) => types.wrap_map({ 'rule-description': rulesWire.describe(r) }))) });
  },
};

function handle(broker, node, request) {
  const operation = request.application_properties && request.application_properties.operation;
  const op = OPERATIONS[operation];
  if (!op) throw new BrokerError('amqp:not-implemented', `management operation '${operation}' is not supported by this test server`);
  return op(node, request.body || {}, broker);
}

module.exports = { handle, applyOutcome };
