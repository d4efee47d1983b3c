'use strict';
// The AMQP 1.0 side: SASL ANONYMOUS, claims-based security ($cbs put-token, always granted), links to entities
// (senders in, receivers out), settlement outcomes, sessions and the $management request/response nodes.
const rhea = require('rhea');
const codec = require('./codec');
const { BrokerError } = require('./entity');
const management = require('./management');

const { types } = rhea;
const SESSION_FILTER = 'com.microsoft:session-filter';
const LOCKED_UNTIL = 'com.microsoft:locked-until-utc';
const TIMEOUT = 'com.microsoft:timeout';
const DEFAULT_SESSION_WAIT_MS = 60000;

// rhea hands a receiving application the decoded message only; the raw bytes are what the broker keeps (see
// codec.js), so decoding remembers them.
const decode = rhea.message.decode;
rhea.message.decode = function decodeKeepingBytes(buffer) {
  const msg = decode(buffer);
  Object.defineProperty(msg, 'raw', { value: buffer, enumerable: false });
  return msg;
};

/** A receiver attached to an entity, as the entity sees it: credit, delivery, close. */
class Consumer {
  constructor(link, entity, peekLock) {
    this.link = link;
    this.entity = entity;
    this.peekLock = peekLock;
    this.unsent = []; // deliveries handed to rhea and not yet on the wire: rhea counts credit only as it writes
    this.group = null;
    this.sessionId = null;
  }

  credit() {
    if (!this.link.is_open()) return 0;
    const next = this.link.session.outgoing.next_pending_delivery;
    this.unsent = this.unsent.filter((d) => d.id >= next);
    return this.link.credit - this.unsent.length;
  }

  send(encoded, tag, lock) {
    const delivery = this.link.send(encoded, tag, 0);
    delivery.lock = lock;
    this.unsent.push(delivery);
  }

  draining() {
    return this.link._draining && this.link.is_open();
  }

  drained() {
    this.link.set_drained(this.unsent.length === 0);
  }

  close(error) {
    if (this.link.is_open()) this.link.close({ condition: error.condition, description: error.message });
  }
}

function amqpError(e) {
  if (e instanceof BrokerError) return { condition: e.condition, description: e.message };
  return { condition: 'amqp:internal-error', description: String(e && e.stack || e) };
}

/** .NET ticks (100 ns since 0001-01-01) as an AMQP long, as Service Bus writes com.microsoft:locked-until-utc. */
function dotNetTicks(ms) {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE((BigInt(ms) + 62135596800000n) * 10000n);
  return types.wrap_long(b);
}

function startAmqp(broker, { port, host, log }) {
  const container = rhea.create_container({
    id: 'whizbang-servicebus-test-server', autoaccept: false, treat_modified_as_released: false,
  });
  container.sasl_server_mechanisms.enable_anonymous();

  // A remote attach is answered at once by rhea; a receiver asking for "the next available session" must instead
  // wait for one, so its answer is held back until then.
  function holdAttach(link) {
    link.state.local_open = false;
    link.state.open_requests--;
  }

  function mirror(link, remote) {
    if (remote.source) link.set_source(remote.source);
    if (remote.target) link.set_target(remote.target);
    link.local.attach.snd_settle_mode = remote.snd_settle_mode;
    link.local.attach.rcv_settle_mode = remote.rcv_settle_mode;
  }

  function refuse(link, e) {
    log(`link ${link.name} refused: ${e.message}`);
    if (!link.state.local_open) link.open();
    link.close(amqpError(e));
  }

  function replyLinks(connection) {
    if (!connection.replyLinks) connection.replyLinks = new Map();
    return connection.replyLinks;
  }

  function consumers(connection) {
    if (!connection.consumers) connection.consumers = new Set();
    return connection.consumers;
  }

  container.on('sender_open', (context) => {
    const link = context.sender;
    const remote = link.remote.attach;
    const address = remote.source && remote.source.address;
    mirror(link, remote);
    if (address === '$cbs' || String(address).toLowerCase().endsWith('/$management')) {
      if (remote.target && remote.target.address) replyLinks(context.connection).set(remote.target.address, link);
      return;
    }
    let node;
    try {
      node = broker.resolve(address);
      if (!node.entity) throw new BrokerError('amqp:not-allowed', `'${node.path}' is a topic: receive from one of its subscriptions`);
    } catch (e) {
      refuse(link, e);
      return;
    }
    const entity = node.entity;
    const consumer = new Consumer(link, entity, remote.snd_settle_mode !== 1);
    link.consumer = consumer;
    consumers(context.connection).add(consumer);
    if (!entity.requiresSession) {
      entity.consumers.add(consumer);
      return;
    }
    const filter = (remote.source && remote.source.filter) || {};
    const requested = filter[SESSION_FILTER];
    const granted = (g) => {
      link.set_source({ ...remote.source, filter: { [SESSION_FILTER]: g.id } });
      link.local.attach.properties = { ...(link.local.attach.properties || {}), [LOCKED_UNTIL]: dotNetTicks(g.until) };
      entity.consumers.add(consumer);
    };
    if (requested !== undefined && requested !== null) {
      try {
        granted(entity.acceptSession(consumer, String(requested)));
      } catch (e) {
        refuse(link, e);
      }
      return;
    }
    holdAttach(link);
    const props = remote.properties || {};
    const waitMs = Number(props[TIMEOUT]) > 0 ? Number(props[TIMEOUT]) : DEFAULT_SESSION_WAIT_MS;
    entity.waitForSession(consumer, waitMs, (g) => {
      granted(g);
      link.open();
    }, (e) => refuse(link, e));
  });

  container.on('receiver_open', (context) => {
    const link = context.receiver;
    const remote = link.remote.attach;
    const address = remote.target && remote.target.address;
    mirror(link, remote);
    if (address === '$cbs' || String(address).toLowerCase().endsWith('/$management')) return;
    try {
      const node = broker.resolve(address);
      if (!node.inbox) throw new BrokerError('amqp:not-allowed', `'${node.path}' cannot be sent to: send to its topic or queue`);
      link.node = node;
      link.local.attach.max_message_size = node.inbox.options.maxMessageSizeBytes;
    } catch (e) {
      refuse(link, e);
    }
  });

  container.on('message', (context) => {
    const link = context.receiver;
    const delivery = context.delivery;
    const address = link.remote.attach.target && link.remote.attach.target.address;
    try {
      if (address === '$cbs') {
        reply(context, context.message, 202, 'Accepted', null, null);
        delivery.accept();
      } else if (String(address).toLowerCase().endsWith('/$management')) {
        const request = context.message;
        const node = broker.resolve(address);
        let answer;
        try {
          answer = management.handle(broker, node, request, context.connection);
        } catch (e) {
          if (!(e instanceof BrokerError)) log(`management ${address}: ${e.stack}`);
          answer = { status: statusFor(e), description: e.message, condition: amqpError(e).condition };
        }
        reply(context, request, answer.status, answer.description || 'OK', answer.body, answer.condition);
        delivery.accept();
      } else {
        const raw = context.format ? context.message : context.message.raw;
        const node = link.node;
        const msgs = codec.unpack(raw, context.format);
        broker.send(node, msgs, Boolean(node.entity && node.entity.requiresSession),
          node.inbox.options.maxMessageSizeBytes, raw.length);
        delivery.accept();
      }
    } catch (e) {
      if (!(e instanceof BrokerError)) log(`transfer to ${address}: ${e.stack}`);
      delivery.reject(amqpError(e));
    }
  });

  function reply(context, request, status, description, body, condition) {
    const link = replyLinks(context.connection).get(request.reply_to);
    if (!link) {
      log(`no reply link for ${request.reply_to}`);
      return;
    }
    const properties = {
      statusCode: types.wrap_int(status), 'status-code': types.wrap_int(status),
      statusDescription: description, 'status-description': description,
    };
    if (condition) properties.errorCondition = types.wrap_symbol(condition);
    link.send({ correlation_id: request.message_id, application_properties: properties,
      body: body === null || body === undefined ? null : body });
  }

  // Settlement outcomes sent by a peek-lock receiver, echoed in the settled disposition the SDK waits for.
  function settle(context) {
    const delivery = context.delivery;
    const consumer = context.sender.consumer;
    if (!consumer || !delivery.lock) return;
    const outcome = delivery.remote_state;
    const entity = consumer.entity;
    try {
      const lock = entity.lockFor(delivery.lock.key, delivery.lock);
      management.applyOutcome(entity, lock, outcome);
      delivery.update(true, outcome.described());
    } catch (e) {
      delivery.update(true, rhea.message.rejected({ error: amqpError(e) }).described());
    }
    entity.wake();
  }
  for (const outcome of ['accepted', 'rejected', 'modified', 'released']) container.on(outcome, settle);

  container.on('sender_flow', (context) => {
    const consumer = context.sender.consumer;
    if (consumer) consumer.entity.wake();
  });

  function detach(consumer) {
    consumer.entity.detach(consumer);
  }
  container.on('sender_close', (context) => {
    if (context.sender.consumer) detach(context.sender.consumer);
  });
  container.on('sender_error', () => {});
  container.on('receiver_error', () => {});
  container.on('connection_error', () => {});
  container.on('disconnected', (context) => {
    for (const consumer of consumers(context.connection)) detach(consumer);
  });
  container.on('connection_close', (context) => {
    for (const consumer of consumers(context.connection)) detach(consumer);
  });
  container.on('error', (e) => log(`amqp error: ${e && e.message}`));

  return container.listen({ port, host });
}

function statusFor(e) {
  switch (e && e.condition) {
    case 'com.microsoft:message-lock-lost':
    case 'com.microsoft:session-lock-lost': return 410;
    case 'com.microsoft:message-not-found':
    case 'com.microsoft:session-not-found':
    case 'amqp:not-found': return 404;
    case 'com.microsoft:timeout': return 408;
    case 'amqp:invalid-field':
    case 'amqp:not-allowed':
    case 'com.microsoft:argument-error': return 400;
    case 'amqp:not-implemented': return 501;
    default: return 500;
  }
}

module.exports = { startAmqp };
