'use strict';
// n8n's own HTTP request function (the one behind OutboundHttp: axios with n8n's options conversion),
// for unit tests that talk to a real local server such as the in-process Keyclic emulator and its file
// host. Give it as `http: realHttp` to the context builders of n8n.ts. (JavaScript, as the emulator: the
// community-node lint forbids Node modules in the package's TypeScript.)
const path = require('node:path');

const network = path.dirname(require.resolve('@n8n/backend-network', { paths: [path.dirname(require.resolve('n8n-core'))] }));
const { httpRequest } = require(path.join(network, 'http', 'axios', 'request.js'));

/** Sends the request for real (no SSRF bridge: every test server is on 127.0.0.1). */
const realHttp = async (options) => await httpRequest(options, undefined);

module.exports = { realHttp };
