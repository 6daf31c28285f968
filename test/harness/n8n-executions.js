'use strict';
// What n8n executed (role "executions" of test/harness/n8n.js), read through its public API.
const { waitUntil } = require('./wait');

const FINISHED = ['success', 'error', 'crashed', 'canceled'];

class N8nExecutions {
	/** @param {import('./n8n-client').N8nClient} client */
	constructor(client) {
		this.client = client;
	}

	/** All executions of a workflow (newest first), with their run data when includeData. */
	async executions(workflowId, { includeData = true, limit = 250 } = {}) {
		const key = await this.client.apiKey();
		const all = [];
		let cursor = '';
		for (let page = 0; page < 1000; page++) {
			const q = `workflowId=${workflowId}&includeData=${includeData}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
			const r = await fetch(`${this.client.n8n.baseUrl}/api/v1/executions?${q}`, { headers: { 'X-N8N-API-KEY': key } });
			if (r.status !== 200) throw new Error(`GET /api/v1/executions -> ${r.status} ${await r.text()}`);
			const j = await r.json();
			all.push(...j.data);
			if (!j.nextCursor) break;
			cursor = j.nextCursor;
		}
		return all;
	}

	/** One execution with its run data (GET /api/v1/executions/{id}: only that one's data, however big the others'). */
	async execution(id) {
		const key = await this.client.apiKey();
		const r = await fetch(`${this.client.n8n.baseUrl}/api/v1/executions/${id}?includeData=true`, { headers: { 'X-N8N-API-KEY': key } });
		if (r.status !== 200) throw new Error(`GET /api/v1/executions/${id} -> ${r.status} ${await r.text()}`);
		return r.json();
	}

	/** Waits until `count` executions of the workflow are finished (any status), then returns them. */
	async waitForExecutions(workflowId, count, { timeoutMs = 120000, includeData = true } = {}) {
		return waitUntil(
			`${count} finished executions of ${workflowId}`,
			async () => {
				const list = await this.executions(workflowId, { includeData: false });
				const finished = list.filter((e) => e.finished || FINISHED.includes(e.status));
				if (finished.length < count) return false;
				return includeData ? this.executions(workflowId, { includeData: true }) : list;
			},
			{ timeoutMs, intervalMs: 300 },
		);
	}
}

/** Items (json) a node produced in an execution: runData[node][0].data.main[output]. */
function nodeOutput(execution, nodeName, output = 0) {
	const runs = execution.data && execution.data.resultData && execution.data.resultData.runData[nodeName];
	if (!runs || !runs[0] || !runs[0].data) return [];
	return (runs[0].data.main[output] || []).map((item) => item.json);
}

module.exports = { N8nExecutions, nodeOutput, FINISHED };
