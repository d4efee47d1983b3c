'use strict';
// A Service Bus test server: the project's own test double for Azure Service Bus, speaking the dialect of AMQP 1.0
// the official SDKs use. Started by scripts/services/start-servicebus.sh; see the README there for what it does
// and what it only approximates.
//
// Environment:
//   SERVICEBUS_PORT          AMQP port (no TLS), default 5673
//   SERVICEBUS_CONTROL_PORT  control API port (HTTP + JSON), default 5674
//   SERVICEBUS_HOST          interface, default 127.0.0.1
//   SERVICEBUS_ENTITIES      optional JSON file declaring entities at start:
//                            {"queues":{"name":{...}}, "topics":{"name":{..., "subscriptions":{"name":{...}}}}}
//   SERVICEBUS_STATE_FILE    optional: entities and messages are written there at SIGTERM and read back at start
const fs = require('fs');
const { Broker } = require('./broker');
const { startAmqp } = require('./amqp');
const { startControl } = require('./control');
const store = require('./store');

const port = Number(process.env.SERVICEBUS_PORT || 5673);
const controlPort = Number(process.env.SERVICEBUS_CONTROL_PORT || 5674);
const host = process.env.SERVICEBUS_HOST || '127.0.0.1';
const stateFile = process.env.SERVICEBUS_STATE_FILE || '';
const log = (line) => console.log(`${new Date().toISOString()} ${line}`);

const broker = new Broker();
if (stateFile && fs.existsSync(stateFile)) {
  store.load(broker, JSON.parse(fs.readFileSync(stateFile, 'utf8')));
  log(`restored entities and messages from ${stateFile}`);
}
if (process.env.SERVICEBUS_ENTITIES) {
  declare(JSON.parse(fs.readFileSync(process.env.SERVICEBUS_ENTITIES, 'utf8')));
}

function declare(config) {
  for (const [name, options] of Object.entries(config.queues || {})) broker.putQueue(name, options);
  for (const [name, options] of Object.entries(config.topics || {})) {
    broker.putTopic(name, options);
    for (const [sub, subOptions] of Object.entries(options.subscriptions || {})) broker.putSubscription(name, sub, subOptions);
  }
}

const amqp = startAmqp(broker, { port, host, log });
const sockets = new Set();
amqp.on('connection', (socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
});
// A connection cut for the fault tests: every client's socket is destroyed, the server and its messages stay.
const disconnectAll = () => {
  const count = sockets.size;
  for (const socket of sockets) socket.destroy();
  return count;
};
const control = startControl(broker, { port: controlPort, host, log, disconnectAll });
for (const server of [amqp, control]) {
  server.on('error', (e) => {
    log(`cannot listen: ${e.message}`);
    process.exit(2);
  });
}
const timer = setInterval(() => broker.tick(Date.now()), 50);

process.on('SIGTERM', () => {
  clearInterval(timer);
  if (stateFile) {
    fs.writeFileSync(stateFile + '.tmp', JSON.stringify(store.save(broker)));
    fs.renameSync(stateFile + '.tmp', stateFile);
    log(`state written to ${stateFile}`);
  }
  process.exit(0);
});
log(`Service Bus test server: AMQP on ${host}:${port}, control API on http://${host}:${controlPort}` +
  (stateFile ? `, state in ${stateFile}` : ', in memory'));
