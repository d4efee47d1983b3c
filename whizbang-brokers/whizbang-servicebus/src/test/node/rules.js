'use strict';
// Subscription rules: a correlation filter (equality on system and application properties), or a SQL filter from
// a small subset of Service Bus's grammar: TRUE / 1=1, FALSE / 1=0, and comparisons `name = 'text'` or
// `name = number` joined by AND (names: application properties, or sys.Label, sys.CorrelationId, ...).
// Anything else is refused when the rule is declared, so a test never runs on a filter that silently misbehaves.
const codec = require('./codec');
const { BrokerError } = require('./entity');

const SYSTEM = {
  correlationId: 'correlation_id', messageId: 'message_id', to: 'to', replyTo: 'reply_to', label: 'subject',
  subject: 'subject', sessionId: 'group_id', replyToSessionId: 'reply_to_group_id', contentType: 'content_type',
};

class Rule {
  constructor(spec) {
    this.name = spec.name || '$Default';
    if (spec.correlation) {
      this.correlation = spec.correlation;
    } else if (spec.sql !== undefined) {
      this.sql = String(spec.sql);
      this.terms = parseSql(this.sql);
    } else {
      throw new BrokerError('amqp:invalid-field', `rule '${this.name}' needs "correlation" or "sql"`);
    }
  }

  matches(msg) {
    const props = codec.readProperties(msg);
    const app = codec.readApplicationProperties(msg);
    if (this.correlation) {
      for (const [field, expected] of Object.entries(this.correlation)) {
        if (field === 'properties') {
          for (const [k, v] of Object.entries(expected || {})) if (!same(app[k], v)) return false;
        } else if (SYSTEM[field]) {
          if (!same(codec.idText(props[SYSTEM[field]]), expected)) return false;
        }
      }
      return true;
    }
    return this.terms.every(({ name, value }) => {
      const sys = name.toLowerCase().startsWith('sys.') ? name.slice(4) : null;
      const key = sys && Object.keys(SYSTEM).find((k) => k.toLowerCase() === sys.toLowerCase());
      const actual = key ? codec.idText(props[SYSTEM[key]]) : app[name];
      return same(actual, value);
    });
  }

  describe() {
    return this.correlation ? { name: this.name, correlation: this.correlation } : { name: this.name, sql: this.sql };
  }
}

function same(actual, expected) {
  if (actual === undefined || actual === null) return false;
  if (Buffer.isBuffer(actual)) actual = actual.toString('hex');
  return String(actual) === String(expected);
}

/** The filter as a list of equality terms that must all hold; [] is always true; a contradiction is refused. */
function parseSql(sql) {
  const text = sql.trim();
  if (/^(1\s*=\s*1|true)$/i.test(text)) return [];
  if (/^(1\s*=\s*0|false)$/i.test(text)) return [{ name: '\u0000never', value: '\u0000' }];
  return text.split(/\s+AND\s+/i).map((term) => {
    const m = /^\s*([A-Za-z_$][\w.$-]*)\s*=\s*(?:'((?:[^']|'')*)'|(-?\d+(?:\.\d+)?))\s*$/.exec(term);
    if (!m) {
      throw new BrokerError('amqp:invalid-field',
        `SQL filter '${sql}' is beyond what this test server understands: TRUE, 1=1, FALSE, 1=0, or name = 'text' / name = number joined by AND`);
    }
    return { name: m[1], value: m[2] !== undefined ? m[2].replace(/''/g, "'") : m[3] };
  });
}

module.exports = { Rule };
