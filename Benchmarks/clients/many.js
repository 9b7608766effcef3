'use strict';
// Many connections from one Node process, for undici and ws alike (both have the WHATWG WebSocket shape):
//   node [--experimental-websocket] many.js undici|ws BASE_URL N ROUNDS TICKS [--timeout S]  ->  one JSON line.
// The phases and the result keys are those of every driver of this workload (Benchmarks/harness/scale.py):
// setup and broadcast on N connections to /sink, then fan-in on N connections to /tick.
const fs = require('fs');

const [library, base, nText, roundsText, ticksText, ...rest] = process.argv.slice(2);
const N = Number(nText), ROUNDS = Number(roundsText), TICKS = Number(ticksText);
const timeout = rest[0] === '--timeout' ? Number(rest[1]) : 120;
const WebSocketClass = library === 'ws' ? require('/usr/share/nodejs/ws') : globalThis.WebSocket;
// Connections being opened at once: enough to keep the server busy, few enough for its listen backlog.
const OPENING = 100;
const result = { client: library, n: N, rounds: ROUNDS, ticks: TICKS };
const now = () => process.hrtime.bigint();
const rssKiB = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]);
const cpuSeconds = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

function fail(message) {
  result.error = message;
  process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(1));
}
setTimeout(() => fail(`timeout in ${result.phase}`), timeout * 1000).unref();

// Opens N connections to url, OPENING at a time; onmessage(socket, data) sees every message.
function openAll(url, onmessage) {
  return new Promise((resolve) => {
    const sockets = [];
    let started = 0, opened = 0;
    const next = () => {
      if (started === N) return;
      started++;
      const ws = new WebSocketClass(url);
      ws.binaryType = 'arraybuffer';
      ws.onopen = () => { sockets.push(ws); if (++opened === N) resolve(sockets); else next(); };
      ws.onmessage = (event) => onmessage(ws, event.data);
      ws.onerror = () => fail(`connection error in ${result.phase}`);
    };
    for (let i = 0; i < Math.min(OPENING, N); i++) next();
  });
}

async function main() {
  const payload = 'x'.repeat(16);
  result.phase = 'setup';
  const rssBefore = rssKiB();
  let replies = 0, repliesDone;
  const allReplied = new Promise((resolve) => { repliesDone = resolve; });
  let start = now();
  const sinks = await openAll(`${base}/sink?count=${ROUNDS}&deflate=0`, () => { if (++replies === N) repliesDone(); });
  result.setup_s = Number(now() - start) / 1e9;
  result.conns_per_s = N / result.setup_s;
  // Let the runtime settle (pending handshake objects become garbage) before reading what idle connections hold.
  await new Promise((resolve) => setTimeout(resolve, 200));
  result.rss_per_conn_kib = (rssKiB() - rssBefore) / N;

  result.phase = 'broadcast';
  start = now();
  for (let round = 0; round < ROUNDS; round++) for (const ws of sinks) ws.send(payload);
  await allReplied;
  result.broadcast_msgs_per_s = (N * ROUNDS) / (Number(now() - start) / 1e9);
  for (const ws of sinks) ws.onclose = null, ws.close();

  result.phase = 'fan-in';
  const delays = [];
  let received = 0, fanDone;
  const allTicked = new Promise((resolve) => { fanDone = resolve; });
  const ticks = await openAll(`${base}/tick?count=${TICKS}&interval=100&size=64&deflate=0`, (ws, data) => {
    delays.push(Number(now() - BigInt(String(data).slice(0, 20).trim())));
    if (++received === N * TICKS) fanDone();
  });
  const cpuStart = cpuSeconds(), fanStart = now(), receivedAtStart = received;
  // Ticks still missing a few seconds after the last was due are counted as lost.
  await Promise.race([allTicked, new Promise((resolve) => setTimeout(resolve, TICKS * 100 + 5000))]);
  const window = Number(now() - fanStart) / 1e9;
  result.fanin_msgs_per_s = (received - receivedAtStart) / window;
  result.fanin_cpu_us_per_msg = (cpuSeconds() - cpuStart) * 1e6 / Math.max(1, received - receivedAtStart);
  delays.sort((a, b) => a - b);
  result.fanin_p50_ms = delays[Math.floor(delays.length * 0.5)] / 1e6;
  result.fanin_p99_ms = delays[Math.min(delays.length - 1, Math.ceil(delays.length * 0.99) - 1)] / 1e6;
  result.lost = N * TICKS - received;
  delete result.phase;
  process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(0));
  for (const ws of ticks) ws.onclose = null;
}
main().catch((error) => fail(String(error)));
