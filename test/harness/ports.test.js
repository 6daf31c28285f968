'use strict';
// Free ports across processes: `npm test` runs two real-n8n test files at once, and a port freePort() handed out
// stays free (for the system) until n8n, PostgreSQL or Redis binds it. Its claim keeps the other process off it.
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { promisify } = require('node:util');

const { claim, freePort, CLAIMS, CLAIM_MS } = require('./ports');

const PORTS = path.join(__dirname, 'ports.js');
const grab = (n) =>
	promisify(execFile)(process.execPath, [
		'-e',
		`(async () => { const { freePort } = require(${JSON.stringify(PORTS)}); const out = [];
		  for (let i = 0; i < ${n}; i++) out.push(await freePort()); console.log(JSON.stringify(out)); })()`,
	]).then(({ stdout }) => JSON.parse(stdout));

test('two processes picking 150 ports each at once never get the same port', async () => {
	const [a, b] = await Promise.all([grab(150), grab(150)]);
	expect(new Set(a).size).toBe(150);
	expect(new Set(b).size).toBe(150);
	expect(a.filter((p) => b.includes(p))).toEqual([]);
});

test('a claimed port is refused until its claim is older than CLAIM_MS; then it is taken over', async () => {
	const port = await freePort();
	expect(claim(port)).toBe(false);
	const file = path.join(CLAIMS, String(port));
	const old = new Date(Date.now() - CLAIM_MS - 1000);
	fs.utimesSync(file, old, old);
	expect(claim(port)).toBe(true);
	expect(claim(port)).toBe(false);
});
