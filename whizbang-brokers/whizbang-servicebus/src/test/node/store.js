'use strict';
// Entities and messages kept through a graceful stop (SERVICEBUS_STORAGE=disk), as Service Bus keeps them through
// an outage. Messages that were locked become available again, in sequence order, as when their lock expires
// (without counting a delivery); session states are kept; the duplicate-detection history starts empty.
const BUFFERS = ['annotations', 'properties', 'applicationProperties', 'body'];

function saveMessage(msg) {
  const out = { ...msg };
  for (const k of BUFFERS) out[k] = msg[k] ? msg[k].toString('base64') : null;
  return out;
}

function loadMessage(json) {
  const msg = { ...json };
  for (const k of BUFFERS) msg[k] = json[k] ? Buffer.from(json[k], 'base64') : (k === 'body' ? Buffer.alloc(0) : null);
  return msg;
}

function saveEntity(e) {
  const messages = [];
  for (const g of e.groups.values()) messages.push(...g.ready);
  for (const lock of e.locks.values()) messages.push(lock.msg);
  return {
    messages: messages.sort((a, b) => a.seq - b.seq).map(saveMessage),
    deferred: [...e.deferred.values()].map(saveMessage),
    sessionStates: [...e.groups.values()].filter((g) => g.state).map((g) => ({ id: g.id, state: g.state.toString('base64') })),
    deadLetter: e.deadLetter ? saveEntity(e.deadLetter) : null,
  };
}

function loadEntity(e, json) {
  for (const m of json.messages) e.enqueue(loadMessage(m));
  for (const m of json.deferred) e.deferred.set(m.seq, loadMessage(m));
  for (const s of json.sessionStates) e.group(s.id).state = Buffer.from(s.state, 'base64');
  if (json.deadLetter && e.deadLetter) loadEntity(e.deadLetter, json.deadLetter);
}

function saveInbox(inbox) {
  return { nextSeq: inbox.nextSeq, scheduled: [...inbox.scheduled.values()].map(saveMessage) };
}

function loadInbox(inbox, json) {
  inbox.nextSeq = json.nextSeq;
  for (const m of json.scheduled) inbox.scheduled.set(m.seq, loadMessage(m));
}

function save(broker) {
  return {
    queues: [...broker.queues.values()].map((q) => ({
      name: q.path, options: { ...q.options, ...q.inbox.options }, inbox: saveInbox(q.inbox), entity: saveEntity(q),
    })),
    topics: [...broker.topics.values()].map((t) => ({
      name: t.name, options: t.inbox.options, inbox: saveInbox(t.inbox),
      subscriptions: [...t.subscriptions.values()].map((s) => ({
        name: s.path.split('/').pop(), options: { ...s.options, rules: s.rules.map((r) => r.describe()) },
        entity: saveEntity(s),
      })),
    })),
  };
}

function load(broker, state) {
  for (const q of state.queues) {
    const queue = broker.putQueue(q.name, q.options);
    loadInbox(queue.inbox, q.inbox);
    loadEntity(queue, q.entity);
  }
  for (const t of state.topics) {
    const topic = broker.putTopic(t.name, t.options);
    loadInbox(topic.inbox, t.inbox);
    for (const s of t.subscriptions) loadEntity(broker.putSubscription(t.name, s.name, s.options), s.entity);
  }
}

module.exports = { save, load };
