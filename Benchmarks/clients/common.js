'use strict';
// The workloads for the two Node clients (undici.mjs, ws.js): both expose the WHATWG WebSocket shape, so one
// implementation drives both. Same CLI and result line as every client in this folder:
//   WORKLOAD URL COUNT SIZE [--deflate] [--timeout SECONDS]   ->   one JSON line on stdout.

function parseArguments(argv) {
  const positional = [];
  const options = { deflate: false, timeout: 120 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--deflate') options.deflate = true;
    else if (argv[i] === '--timeout') options.timeout = Number(argv[++i]);
    else positional.push(argv[i]);
  }
  if (positional.length !== 4) {
    process.stderr.write('usage: WORKLOAD URL COUNT SIZE [--deflate] [--timeout S]\n');
    process.exit(2);
  }
  const [workload, url, count, size] = positional;
  return { workload, url, count: Number(count), size: Number(size), ...options };
}

// Byte for byte the payloads of Sources/wsbench/Payloads.swift and the server's /flood pattern.
function textPayload(size) {
  let s = '';
  for (let i = 0; i < size; i++) s += String.fromCharCode(0x20 + (i % 95));
  return s;
}

function binaryPayload(size) {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = i & 0xff;
  return bytes;
}

function percentile(sorted, fraction) {
  const rank = Math.ceil(fraction * sorted.length);
  return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
}

const now = () => process.hrtime.bigint();

function byteLength(data) {
  return typeof data === 'string' ? data.length : data.byteLength;
}

/**
 * Runs one workload with `WebSocketClass` and prints the result line; `name` labels the client,
 * `binaryType` is the cheapest natural binary delivery for that library.
 */
function run(WebSocketClass, name, binaryType, argv) {
  const args = parseArguments(argv);
  const result = { client: name, workload: args.workload, count: args.count, size: args.size, seconds: 0, bytes: 0, extensions: '' };
  let finished = false;
  let start = 0n;
  let received = 0;
  const samples = [];
  const ws = new WebSocketClass(args.url);
  ws.binaryType = binaryType;

  const finish = (error) => {
    if (finished) return;
    finished = true;
    const end = now();
    clearTimeout(timer);
    result.seconds = Number(end - start) / 1e9;
    if (error) result.error = error;
    else {
      result.msgs_per_s = args.count / result.seconds;
      result.mb_per_s = result.bytes / result.seconds / 1e6;
      if (samples.length) {
        samples.sort((a, b) => a - b);
        result.p50_us = percentile(samples, 0.5) / 1000;
        result.p99_us = percentile(samples, 0.99) / 1000;
      }
    }
    process.stdout.write(JSON.stringify(result) + '\n', () => {
      try { ws.close(); } catch (_) { /* already closing */ }
      // Exit at once: the close handshake is not part of the measurement.
      process.exit(error ? 1 : 0);
    });
  };
  const timer = setTimeout(() => finish(`timeout after ${received} of ${args.count} messages`), args.timeout * 1000);

  const text = textPayload(args.size);
  const binary = binaryPayload(args.size);
  let sentAt = 0n;

  ws.onopen = () => {
    result.extensions = ws.extensions || '';
    if (args.deflate && !result.extensions.includes('permessage-deflate')) return finish('deflate not negotiated');
    start = now();
    switch (args.workload) {
      case 'rtt': sentAt = start; ws.send(text); break;
      case 'bulk': ws.send(binary); break;
      case 'sink': for (let i = 0; i < args.count; i++) ws.send(text); break;
      case 'flood': break;
      default: finish(`unknown workload ${args.workload}`);
    }
  };
  ws.onmessage = (event) => {
    switch (args.workload) {
      case 'flood':
        result.bytes += byteLength(event.data);
        if (++received === args.count) finish();
        break;
      case 'sink':
        finish();
        break;
      case 'rtt':
        samples.push(Number(now() - sentAt));
        if (++received === args.count) finish();
        else { sentAt = now(); ws.send(text); }
        break;
      case 'bulk':
        result.bytes += byteLength(event.data);
        if (++received === args.count) finish();
        else ws.send(binary);
        break;
    }
  };
  ws.onerror = (event) => finish(`error: ${event.message || event.error || 'unknown'}`);
  ws.onclose = (event) => finish(`closed before the end: ${event.code} ${event.reason}`);
}

module.exports = { run };
