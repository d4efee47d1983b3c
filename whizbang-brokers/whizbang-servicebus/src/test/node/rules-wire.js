'use strict';
// Rules as the $management add-rule and enumerate-rules operations carry them.
const { types } = require('rhea');
const { BrokerError } = require('./entity');

const CORRELATION_FIELDS = {
  'correlation-id': 'correlationId', 'message-id': 'messageId', to: 'to', 'reply-to': 'replyTo', label: 'label',
  'session-id': 'sessionId', 'reply-to-session-id': 'replyToSessionId', 'content-type': 'contentType',
};

/** The rule spec (as the control API takes it) from an add-rule request's rule-description map. */
function fromRequest(name, description) {
  if (description['sql-filter']) return { name, sql: description['sql-filter'].expression };
  const correlation = description['correlation-filter'];
  if (correlation) {
    const spec = {};
    for (const [wire, field] of Object.entries(CORRELATION_FIELDS)) {
      if (correlation[wire] !== undefined && correlation[wire] !== null) spec[field] = String(correlation[wire]);
    }
    if (correlation.properties) spec.properties = correlation.properties;
    return { name, correlation: spec };
  }
  throw new BrokerError('amqp:invalid-field', `rule '${name}' has neither a sql-filter nor a correlation-filter`);
}

// Descriptors of the described types the SDK decodes (its ServiceBusConstants).
const RULE_DESCRIPTION = 0x13700000004;
const EMPTY_RULE_ACTION = 0x13700000005;
const SQL_FILTER = 0x1370000006;
const TRUE_FILTER = 0x1370000007;
const FALSE_FILTER = 0x1370000008;
const CORRELATION_FILTER = 0x1370000009;

function described(code, items) {
  return types.described(types.wrap_ulong(code), types.List32(items));
}

/** A rule as an enumerate-rules answer carries it: described(rule-description, [filter, action, name]). */
function describe(rule) {
  let filter;
  if (rule.correlation) {
    const c = rule.correlation;
    const text = (v) => (v === undefined || v === null ? types.Null() : types.wrap_string(String(v)));
    filter = described(CORRELATION_FILTER, [...Object.values(CORRELATION_FIELDS).map((f) => text(c[f])),
      types.wrap_map(c.properties || {})]);
  } else if (rule.constant === true) {
    filter = described(TRUE_FILTER, [types.wrap_string('1=1')]);
  } else if (rule.constant === false) {
    filter = described(FALSE_FILTER, [types.wrap_string('1=0')]);
  } else {
    filter = described(SQL_FILTER, [types.wrap_string(rule.sql)]);
  }
  return described(RULE_DESCRIPTION, [filter, described(EMPTY_RULE_ACTION, []), types.wrap_string(rule.name)]);
}

module.exports = { fromRequest, describe };
