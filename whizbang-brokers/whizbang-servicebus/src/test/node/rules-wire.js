'use strict';
// Rules as the $management add-rule and enumerate-rules operations carry them.
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

function describe() {
  throw new BrokerError('amqp:not-implemented', 'enumerate-rules is not supported by this test server yet');
}

module.exports = { fromRequest, describe };
