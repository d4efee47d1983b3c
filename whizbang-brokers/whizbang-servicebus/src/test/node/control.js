'use strict';
// The control API, plain HTTP and JSON: declaring and deleting entities (Service Bus's own administration API is
// HTTPS REST, which the SDK's administration client cannot be pointed at without TLS), and listing them. It also
// answers the administration API's entity reads (atom.js), for a client whose pipeline sends them here over HTTP.
const http = require('http');
const { BrokerError } = require('./entity');
const { answerAtom } = require('./atom');

function startControl(broker, { port, host, log, disconnectAll }) {
  const routes = [
    ['GET', /^\/health$/, () => [200, { status: 'ok' }]],
    ['GET', /^\/entities$/, () => [200, broker.describe()]],
    ['POST', /^\/connections\/close$/, () => [200, { closed: disconnectAll() }]],
    ['PUT', /^\/queues\/([^/]+)$/, (m, body) => [200, describeQueue(broker.putQueue(m[1], body))]],
    ['DELETE', /^\/queues\/([^/]+)$/, (m) => gone(broker.deleteQueue(m[1]), m[1])],
    ['PUT', /^\/topics\/([^/]+)$/, (m, body) => [200, { name: broker.putTopic(m[1], body).name }]],
    ['DELETE', /^\/topics\/([^/]+)$/, (m) => gone(broker.deleteTopic(m[1]), m[1])],
    ['PUT', /^\/topics\/([^/]+)\/subscriptions\/([^/]+)$/,
      (m, body) => [200, { name: broker.putSubscription(m[1], m[2], body).path }]],
    ['DELETE', /^\/topics\/([^/]+)\/subscriptions\/([^/]+)$/,
      (m) => gone(broker.deleteSubscription(m[1], m[2]), `${m[1]}/subscriptions/${m[2]}`)],
  ];

  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const path = decodeURIComponent(req.url.split('?')[0]);
      // The administration API's reads carry an api-version; the control API's requests never do.
      if (req.method === 'GET' && /[?&]api-version=/.test(req.url)) {
        res.writeHead(200, { 'content-type': 'application/atom+xml;type=entry;charset=utf-8' });
        res.end(answerAtom(broker, path, req.headers.host || 'localhost'));
        return;
      }
      let status;
      let payload;
      try {
        const route = routes.find(([method, pattern]) => method === req.method && pattern.test(path));
        if (!route) throw Object.assign(new Error(`no ${req.method} ${path}; see the README of the test server`), { status: 404 });
        const text = Buffer.concat(chunks).toString('utf8').trim();
        let body = {};
        if (text) {
          try {
            body = JSON.parse(text);
          } catch (e) {
            throw Object.assign(new Error(`the body is not JSON: ${e.message}`), { status: 400 });
          }
        }
        [status, payload] = route[2](route[1].exec(path), body);
      } catch (e) {
        status = e.status || (e instanceof BrokerError ? (e.condition === 'amqp:not-found' ? 404 : 400) : 500);
        payload = { error: e.message };
        if (status === 500) log(`control ${req.method} ${path}: ${e.stack}`);
      }
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    });
  });
  server.listen(port, host);
  return server;
}

function gone(deleted, name) {
  return deleted ? [200, { deleted: name }] : [404, { error: `'${name}' does not exist` }];
}

function describeQueue(queue) {
  return { name: queue.path, ...queue.options, ...queue.inbox.options };
}

module.exports = { startControl };
