// undici's WebSocket as Node 20 ships it: run with `node --experimental-websocket undici.mjs WORKLOAD URL N SIZE`.
// binaryType 'arraybuffer' because undici's default ('blob') would add an async read per message.
import common from './common.js';

if (typeof WebSocket === 'undefined') {
  process.stderr.write('undici.mjs: global WebSocket missing; run node with --experimental-websocket\n');
  process.exit(2);
}
common.run(WebSocket, 'undici', 'arraybuffer', process.argv.slice(2));
