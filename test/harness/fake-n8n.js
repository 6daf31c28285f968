'use strict';
// A stand-in for the `n8n` binary in the harness's own tests (test/harness/processes.test.js): what the
// process role waits for, nothing more. `start` and `webhook` serve N8N_PORT, `worker` its
// QUEUE_HEALTH_CHECK_PORT: /healthz, /healthz/readiness, the owner's session (/rest/owner/setup, /rest/login)
// and registered production webhooks (a GET answers "Did you mean to make a POST request?").
// Like n8n, each server has a child process (n8n's task runner) in its process group; its pid is logged.
const { spawn } = require('node:child_process');
const http = require('node:http');

const role = process.argv[2];
const port = Number(role === 'worker' ? process.env.QUEUE_HEALTH_CHECK_PORT : process.env.N8N_PORT);
const runner = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
process.stdout.write(`fake n8n ${role} pid=${process.pid} runner=${runner.pid}\n`);

const json = (res, status, body, headers = {}) =>
	res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

http
	.createServer((req, res) => {
		const url = req.url.split('?')[0];
		if (url === '/healthz' || url === '/healthz/readiness') return json(res, 200, { status: 'ok' });
		if (role === 'worker') return json(res, 404, {});
		if (url === '/rest/owner/setup' && req.method === 'POST')
			return json(res, 200, { data: {} }, { 'set-cookie': 'n8n-auth=fake; Path=/' });
		if (url === '/rest/login') {
			return (req.headers.cookie || '').includes('n8n-auth=fake')
				? json(res, 200, { data: {} })
				: json(res, 401, { status: 'error', message: 'Unauthorized' });
		}
		if (url.startsWith('/webhook/'))
			return res.writeHead(404).end('This webhook is not registered for GET requests. Did you mean to make a POST request?');
		return json(res, 404, {});
	})
	.listen(port, '127.0.0.1');
