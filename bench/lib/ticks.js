'use strict';
// What the tick benches share: graphql-ws subscribers through the gateway, a receive-side recorder,
// our gateway in its own process, and reading settled counts from the market fixture.
const { join } = require('node:path');
const { createClient } = require('graphql-ws');
const WebSocket = require('ws');
const { sdlFileOf } = require('../fixtures/compose');
const { TICK_SYMBOLS, nowMs } = require('../fixtures/tick-source');
const P = require('./processes');

const TICKS_QUERY = 'subscription Ticks($symbols: [ID!]!) { ticks(symbols: $symbols) { symbol price seq sentAt } }';

/** Receive-side statistics shared by every client of one run. */
function createRecorder() {
  let latencies = [];
  let lastFrameAt = 0;
  return {
    frame(tick) {
      const now = nowMs();
      latencies.push(now - tick.sentAt);
      lastFrameAt = now;
    },
    failure: null,
    reset() {
      latencies = [];
    },
    take() {
      const taken = latencies;
      latencies = [];
      return taken.sort((a, b) => a - b);
    },
    get lastFrameAt() {
      return lastFrameAt;
    },
  };
}

function openGatewaySubscribers(count, httpUrl, recorder) {
  const clients = [];
  for (let i = 0; i < count; i++) {
    const client = createClient({ url: httpUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    client.subscribe(
      { query: TICKS_QUERY, variables: { symbols: TICK_SYMBOLS } },
      {
        next: (result) => (result.data ? recorder.frame(result.data.ticks) : (recorder.failure = JSON.stringify(result.errors))),
        error: (error) => (recorder.failure = String((error && error.message) || error.reason || error)),
        complete: () => {},
      },
    );
    clients.push(client);
  }
  return async () => {
    await Promise.all(clients.map((c) => c.dispose()));
  };
}

async function openRawSubscribers(count, rawUrl, recorder) {
  const sockets = [];
  for (let i = 0; i < count; i++) {
    const socket = new WebSocket(rawUrl);
    socket.on('message', (data) => recorder.frame(JSON.parse(data.toString()).payload.data.ticks));
    socket.on('error', (error) => (recorder.failure = error.message));
    sockets.push(new Promise((resolve, reject) => {
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
    }));
  }
  const open = await Promise.all(sockets);
  return async () => {
    for (const socket of open) socket.close();
  };
}

/** Polls the market subgraph until `field` has not changed for a second (and is non-zero). */
async function settledCount(market, field, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let sameSince = Date.now();
  while (Date.now() < deadline) {
    const value = (await P.ask(market, { cmd: 'stats' }, 'stats'))[field];
    if (value !== last) {
      last = value;
      sameSince = Date.now();
    } else if (value > 0 && Date.now() - sameSince >= 1_000) return value;
    await P.sleep(200);
  }
  return last;
}

async function startOurGateway(marketUrl) {
  const { child, ready } = P.forkReady(join(__dirname, 'gateway-process.js'), ['ours'], {
    execArgv: ['--expose-gc'],
    env: {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      BENCH_GATEWAY: JSON.stringify({ subgraphs: [{ name: 'market', url: marketUrl, sdlFile: sdlFileOf('market') }] }),
    },
  });
  return { child, url: (await ready).url };
}

async function gcRss(gateway) {
  await P.ask(gateway.child, { cmd: 'gc' }, 'gc');
  await P.sleep(500);
  await P.ask(gateway.child, { cmd: 'gc' }, 'gc');
  return P.rssBytes(gateway.child.pid);
}

module.exports = { TICKS_QUERY, createRecorder, openGatewaySubscribers, openRawSubscribers, settledCount, startOurGateway, gcRss };
