'use strict';
// The encoded AMQP message as the server keeps it. A message is stored as its encoded sections, not as a decoded
// object, so that what the sender wrote (a long application property, a uuid message id, the body) reaches the
// receiver byte for byte; only the header and the message annotations, which the broker owns, are written anew at
// each delivery. Footers are dropped: rhea would write one ahead of the body and proton-j then loses the body.
const { types } = require('rhea');

const HEADER = 0x70;
const DELIVERY_ANNOTATIONS = 0x71;
const MESSAGE_ANNOTATIONS = 0x72;
const PROPERTIES = 0x73;
const APPLICATION_PROPERTIES = 0x74;
const DATA = 0x75;
const FOOTER = 0x78;
const SYMBOLIC = {
  'amqp:header:list': 0x70, 'amqp:delivery-annotations:map': 0x71, 'amqp:message-annotations:map': 0x72,
  'amqp:properties:list': 0x73, 'amqp:application-properties:map': 0x74, 'amqp:data:binary': 0x75,
  'amqp:amqp-sequence:list': 0x76, 'amqp:value:*': 0x77, 'amqp:footer:map': 0x78,
};
const PROPERTY_FIELDS = ['message_id', 'user_id', 'to', 'subject', 'reply_to', 'correlation_id', 'content_type',
  'content_encoding', 'absolute_expiry_time', 'creation_time', 'group_id', 'group_sequence', 'reply_to_group_id'];

/** The message format of a batch: one AMQP message whose data sections each hold an encoded message. */
const BATCH_FORMAT = 0x80013700;

function sections(buffer) {
  const reader = new types.Reader(buffer);
  const found = [];
  while (reader.remaining()) {
    const start = reader.position;
    const value = reader.read();
    const descriptor = value.descriptor && value.descriptor.value;
    const code = typeof descriptor === 'string' ? SYMBOLIC[descriptor] : Number(descriptor);
    if (!code) {
      throw new Error('not an AMQP message section at byte ' + start);
    }
    found.push({ code, raw: buffer.subarray(start, reader.position), value });
  }
  return found;
}

/** An id as a string key (message ids and session ids may be strings, uuids, numbers or binary). */
function idText(id) {
  if (id === null || id === undefined) return null;
  if (Buffer.isBuffer(id)) return id.toString('hex');
  return String(id);
}

/**
 * Splits an encoded message into what the broker needs to read (ids, properties for filters, ttl, scheduled time)
 * and the sections it forwards untouched.
 */
function parse(buffer) {
  const msg = { annotations: null, properties: null, applicationProperties: null, body: [], ttlMs: null };
  for (const s of sections(buffer)) {
    switch (s.code) {
      case HEADER: {
        const ttl = types.unwrap(s.value)[2];
        msg.ttlMs = typeof ttl === 'number' ? ttl : null;
        break;
      }
      case DELIVERY_ANNOTATIONS:
      case FOOTER:
        break;
      case MESSAGE_ANNOTATIONS: msg.annotations = Buffer.from(s.raw); break;
      case PROPERTIES: msg.properties = Buffer.from(s.raw); break;
      case APPLICATION_PROPERTIES: msg.applicationProperties = Buffer.from(s.raw); break;
      default: msg.body.push(Buffer.from(s.raw));
    }
  }
  msg.body = Buffer.concat(msg.body);
  const props = readProperties(msg);
  msg.messageId = idText(props.message_id);
  msg.sessionId = props.group_id === undefined || props.group_id === null ? null : String(props.group_id);
  const annotations = readAnnotations(msg);
  const scheduled = annotations['x-opt-scheduled-enqueue-time'];
  msg.scheduledAt = scheduled instanceof Date ? scheduled.getTime() : (typeof scheduled === 'number' ? scheduled : null);
  return msg;
}

function readProperties(msg) {
  const out = {};
  if (msg.properties) {
    const list = types.unwrap(sections(msg.properties)[0].value) || [];
    PROPERTY_FIELDS.forEach((name, i) => { if (list[i] !== undefined && list[i] !== null) out[name] = list[i]; });
  }
  return out;
}

function readAnnotations(msg) {
  return msg.annotations ? types.unwrap(sections(msg.annotations)[0].value) || {} : {};
}

function readApplicationProperties(msg) {
  return msg.applicationProperties ? types.unwrap(sections(msg.applicationProperties)[0].value) || {} : {};
}

/** The entries of an encoded map section as [typedKey, typedValue] pairs, for rewriting some of them. */
function mapEntries(raw) {
  if (!raw) return [];
  const items = sections(raw)[0].value.value || [];
  const pairs = [];
  for (let i = 0; i + 1 < items.length; i += 2) pairs.push([items[i], items[i + 1]]);
  return pairs;
}

function encodeSection(code, typed) {
  const writer = new types.Writer();
  writer.write(types.described(types.wrap_ulong(code), typed));
  return writer.toBuffer();
}

/** A map section with some entries replaced or added; `added` maps key -> typed value (null removes the key). */
function rewriteMap(raw, code, added, keyWrapper) {
  const keep = mapEntries(raw).filter(([k]) => !(String(k.value) in added));
  const items = [];
  for (const [k, v] of keep) items.push(k, v);
  for (const [k, v] of Object.entries(added)) {
    if (v !== null && v !== undefined) items.push(keyWrapper(k), v);
  }
  return items.length ? encodeSection(code, types.Map32(items)) : null;
}

/** Application properties with additions (dead-letter reason, properties to modify); values are plain JS or typed. */
function withApplicationProperties(msg, added) {
  const typed = {};
  for (const [k, v] of Object.entries(added)) typed[k] = v === null || v === undefined ? null : types.wrap(v);
  return rewriteMap(msg.applicationProperties, APPLICATION_PROPERTIES, typed, types.wrap_string);
}

/**
 * The message as a receiver gets it: a fresh header (delivery count), the sender's annotations plus the broker's
 * (`annotations`: name -> typed value), then the sender's properties, application properties and body as sent.
 */
function encodeDelivery(msg, deliveryCount, annotations) {
  const header = types.List32([types.wrap_boolean(true), types.Null(),
    msg.ttlMs ? types.wrap_uint(msg.ttlMs) : types.Null(), types.Null(), types.wrap_uint(deliveryCount)]);
  const parts = [encodeSection(HEADER, header)];
  const ann = rewriteMap(msg.annotations, MESSAGE_ANNOTATIONS, annotations, types.wrap_symbol);
  if (ann) parts.push(ann);
  if (msg.properties) parts.push(msg.properties);
  if (msg.applicationProperties) parts.push(msg.applicationProperties);
  parts.push(msg.body);
  return Buffer.concat(parts);
}

/** The messages in what a sender transferred: one, or each data section of a batch. */
function unpack(buffer, format) {
  if (format === BATCH_FORMAT) {
    return sections(buffer).filter((s) => s.code === DATA).map((s) => parse(s.value.value));
  }
  if (format && format !== 0) {
    throw new Error('unsupported message format 0x' + format.toString(16));
  }
  return [parse(buffer)];
}

/** The lock token the SDK derives from a 16-byte delivery tag (.NET Guid byte order) as a uuid's canonical bytes. */
function tagToUuid(tag) {
  const b = Buffer.from(tag);
  return Buffer.concat([Buffer.from([b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6]]), b.subarray(8, 16)]);
}

module.exports = {
  BATCH_FORMAT, parse, unpack, encodeDelivery, readProperties, readAnnotations, readApplicationProperties,
  withApplicationProperties, tagToUuid, idText, sections,
};
