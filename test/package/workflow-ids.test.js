'use strict';
// n8n 1.x saves a workflow's static data (the polling trigger's position, Automatic registration's webhooks, the
// Email Trigger's last message) and links its executions to it only when its id has at most 16 characters
// (`isWorkflowIdValid` in n8n 1.123.81; 2.x allows 21). `n8n import:workflow` keeps the id of the file, so every
// workflow file the project ships keeps to 16.
const fs = require('node:fs');
const path = require('node:path');

const { ROOT } = require('./checks');

const files = [
	...fs
		.readdirSync(path.join(ROOT, 'examples'))
		.filter((f) => f.endsWith('.json'))
		.map((f) => `examples/${f}`),
	'docs/n8n-body-errors/webhook.workflow.json',
];

test.each(files)('%s has a workflow id n8n 1.x keeps static data for (16 characters at most)', (file) => {
	const workflow = JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
	expect(typeof workflow.id).toBe('string');
	expect(workflow.id.length).toBeGreaterThan(0);
	expect(workflow.id.length).toBeLessThanOrEqual(16);
});
