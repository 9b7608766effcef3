// A Node `ws` client for the relay tests: sends text, binary, 0 B, 1 MiB and a fragmented message (ws's
// `fin: false` sends), checks every echo, closes with 4000 "node client says bye", and prints one JSON line with
// the subprotocol, the checks and the close code and reason it received. Usage: node ws_relay_client.js URL [PROTOCOLS]
const WebSocket = require('/usr/share/nodejs/ws');
const url = process.argv[2];
const protocols = process.argv[3] ? process.argv[3].split(',') : [];
const mebibyte = Buffer.alloc(1 << 20);
for (let i = 0; i < mebibyte.length; i++) mebibyte[i] = (i * 7 + 3) % 256;
const messages = [
  ['text', 'héllo, relay ✓', false],
  ['binary', Buffer.from([...Array(256).keys()]), true],
  ['empty-text', '', false],
  ['empty-binary', Buffer.alloc(0), true],
  ['mebibyte', mebibyte, true],
];
const ws = new WebSocket(url, protocols, { perMessageDeflate: false });
const result = { echoes: {} };
let index = 0;
function sendNext() {
  if (index < messages.length) {
    const [, payload, binary] = messages[index];
    ws.send(payload, { binary });
  } else if (index === messages.length) {
    // One text message in three frames.
    ws.send('frag', { fin: false });
    ws.send('ment', { fin: false });
    ws.send('ed ☃', { fin: true });
  } else {
    ws.close(4000, 'node client says bye');
  }
}
ws.on('open', () => { result.subprotocol = ws.protocol; sendNext(); });
ws.on('message', (data, isBinary) => {
  if (index < messages.length) {
    const [name, payload, binary] = messages[index];
    const same = binary ? isBinary && Buffer.compare(data, payload) === 0 : !isBinary && data.toString() === payload;
    result.echoes[name] = same;
  } else {
    result.echoes['fragmented-text'] = !isBinary && data.toString() === 'fragmented ☃';
  }
  index += 1;
  sendNext();
});
ws.on('close', (code, reason) => {
  result.close_code = code;
  result.close_reason = reason.toString();
  console.log(JSON.stringify(result));
});
ws.on('error', (error) => { console.log(JSON.stringify({ error: String(error) })); process.exit(1); });
setTimeout(() => { console.log(JSON.stringify({ error: 'timed out' })); process.exit(1); }, 30000);
