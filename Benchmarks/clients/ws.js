'use strict';
// Node `ws` from the Debian package node-ws: `node ws.js WORKLOAD URL N SIZE`. Its default binaryType
// ('nodebuffer') is its cheapest delivery.
const WebSocket = require('/usr/share/nodejs/ws');
require('./common.js').run(WebSocket, 'ws', 'nodebuffer', process.argv.slice(2));
