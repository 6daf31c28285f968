'use strict';
// An AI agent that really uses the Keyclic Tool, in a REAL n8n: examples/keyclic-agent-triage.json =
// Webhook ("Triage report <id>") → AI Agent, whose OpenAI Chat Model talks to a scripted OpenAI-compatible
// server (test/support/scripted-openai.js, the credential's Base URL) and whose tools are three Keyclic Tool
// nodes (get the report, create an operation, change the report's state) filled by the model with $fromAI().
// The scripted model makes the calls a real model would, reading what each tool answered; the suite checks
// the emulator's end state, the agent's final answer, and what the model was told about each tool. A variant
// whose Webhook answers as a stream makes n8n ask the model to stream (stream: true) and stream the answer on.
const path = require('node:path');
const { createEmulator } = require('../keyclic-emulator');
const { N8n } = require('../harness/n8n');
const { versionsUnderTest } = require('../harness/versions');
const { ROOT } = require('../harness/package');
const { emulatorApiCredential } = require('../harness/credentials');
const { startScriptedOpenAi } = require('../support/scripted-openai');

jest.setTimeout(20 * 60 * 1000);

const AGENT = require(path.join(ROOT, 'examples', 'keyclic-agent-triage.json'));
const ORG = '2cfb5108-682f-4648-85a1-0f15dbca0780';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const node = (name) => AGENT.nodes.find((n) => n.name === name);
const WEBHOOK_PATH = node('Webhook').parameters.path;
const TOOL_NODES = AGENT.nodes.filter((n) => n.type === 'n8n-nodes-keyclic.keyclicTool');

/**
 * The example with its Webhook set to answer as a stream (Webhook 2.1, Respond: Streaming): the AI Agent then
 * streams, and asks the model to stream.
 */
function streamingVariant() {
	const wf = JSON.parse(JSON.stringify(AGENT));
	wf.id = 'keyclicAgentTriageStream';
	wf.name = `${AGENT.name} (streamed answer)`;
	const webhook = wf.nodes.find((n) => n.name === 'Webhook');
	webhook.typeVersion = 2.1;
	webhook.webhookId = webhook.webhookId.replace(/.{4}$/, '2001');
	Object.assign(webhook.parameters, { path: `${WEBHOOK_PATH}-stream`, responseMode: 'streaming' });
	return wf;
}
const STREAMING = streamingVariant();
const STREAMING_PATH = STREAMING.nodes.find((n) => n.name === 'Webhook').parameters.path;

/** The `action` sentence of a resource's operation, as the built Keyclic node describes it. */
function actionOf(resource, operation) {
	const { Keyclic } = require(path.join(ROOT, 'dist', 'nodes', 'Keyclic', 'Keyclic.node.js'));
	const { properties, defaults } = new Keyclic().description;
	const operations = properties.find((p) => p.name === 'operation' && p.displayOptions.show.resource.includes(resource));
	const option = operations.options.find((o) => o.value === operation);
	return { action: option.action, nodeName: defaults.name };
}

/** n8n's automatic tool description ("Set Automatically"): the operation's action sentence "in <node name>". */
function expectedToolDescription(toolNode) {
	const { action, nodeName } = actionOf(toolNode.parameters.resource, toolNode.parameters.operation);
	return `${action} in ${nodeName}`;
}

/** The $fromAI() keys and descriptions a node's parameters hold (as written in the example). */
function fromAiCalls(toolNode) {
	const calls = {};
	const re = /\$fromAI\('([^']+)',\s*'([^']+)'/g;
	for (const m of JSON.stringify(toolNode.parameters).matchAll(re)) calls[m[1]] = m[2];
	return calls;
}

/** Items a tool node gave the agent in an execution (its ai_tool output, as n8n recorded it). */
function toolOutput(execution, nodeName) {
	const [run] = execution.data.resultData.runData[nodeName] || [];
	return ((run && run.data && run.data.ai_tool && run.data.ai_tool[0]) || []).map((item) => item.json);
}

/** What a tool answered, as the agent hands it back to the model: the JSON of the tool node's items. */
function toolAnswer(message) {
	const text = Array.isArray(message.content) ? message.content.map((c) => c.text || '').join('') : message.content;
	const items = JSON.parse(text);
	return Array.isArray(items) ? items[0] : items;
}

/**
 * The model: triages the report named in the user's message the way a real model would. It picks each tool
 * by its description, fills the arguments from what earlier tools answered, and ends with one sentence (or
 * stops at the first tool that failed, saying why).
 */
function triageModel(body) {
	const tool = (resource, operation) => {
		const description = expectedToolDescription({ parameters: { resource, operation } });
		const found = (body.tools || []).find((t) => t.function.description === description);
		if (!found) throw new Error(`no tool is described as "${description}"`);
		return found.function.name;
	};
	const user = body.messages.filter((m) => m.role === 'user').pop();
	const reportId = String(user.content).match(UUID)[0];
	const answers = body.messages.filter((m) => m.role === 'tool').map(toolAnswer);
	// a tool that failed: a real model stops and says why rather than go on with nothing
	const failed = answers.find((a) => a.error);
	if (failed) return { content: `I could not triage the report: ${failed.error}` };
	if (answers.length === 0) return { toolCalls: [{ name: tool('report', 'get'), arguments: { reportId } }] };
	const report = answers[0];
	// the system message: a report that is not NEW was already triaged (the same request twice does nothing more)
	if (report.state !== 'NEW') return { content: `Report ${report.reference} was already triaged (state ${report.state}): nothing done.` };
	if (answers.length === 1) {
		return {
			toolCalls: [
				{
					name: tool('operation', 'create'),
					arguments: { reportId, operationName: `Intervention ${report.reference}`, operationDescription: report.description },
				},
			],
		};
	}
	const operation = answers[1];
	if (answers.length === 2) {
		// the transitions the report allows now are in what Get Report answered
		const allowed = (report._embedded && report._embedded.stateTransitions) || [];
		if (!allowed.includes('accept')) return { content: `Report ${report.reference} cannot be accepted (allowed: ${allowed.join(', ')}).` };
		const comment = `Operation ${operation.identificationNumber} handles this report`;
		return { toolCalls: [{ name: tool('report', 'changeState'), arguments: { reportId, transition: 'accept', comment } }] };
	}
	return { content: `Report ${report.reference} triaged: operation ${operation.identificationNumber} created and the report accepted.` };
}

describe.each(versionsUnderTest())('Keyclic Tool in n8n %s: an AI agent triages a report', (version) => {
	let emu;
	let model;
	let n8n;
	let report;
	let other;
	let answer;

	beforeAll(async () => {
		emu = await createEmulator({ port: 0 });
		model = await startScriptedOpenAi({ reply: triageModel });
		n8n = await N8n.create({ version, name: `agent-${version}` });
		const keyclic = TOOL_NODES[0].credentials.keyclicApi;
		const openAi = node('OpenAI Chat Model').credentials.openAiApi;
		n8n.importCredentials([
			emulatorApiCredential(keyclic, emu.url),
			{ ...openAi, type: 'openAiApi', data: { apiKey: 'sk-scripted-not-a-secret', url: model.baseUrl } },
		]);
		n8n.importWorkflows([AGENT, STREAMING]);
		n8n.activate(AGENT.id, STREAMING.id);
		await n8n.start({ waitFor: [WEBHOOK_PATH, STREAMING_PATH] });

		report = await emu.createReport({ organization: ORG, description: 'Fuite d’eau sous l’évier, cuisine du 3e' });
		other = await emu.createReport({ organization: ORG, description: 'Porte du hall qui ne ferme plus' });
		await emu.waitForIdle();
		answer = await n8n.post(`${n8n.baseUrl}/webhook/${WEBHOOK_PATH}`, { message: `Triage report ${report.id}` });
	});

	afterAll(async () => {
		if (n8n) await n8n.stop();
		if (model) await model.close();
		if (emu) await emu.close();
	});

	test("the agent's final answer arrives, and Keyclic ends with one operation for the report and the report accepted", async () => {
		expect(answer.status).toBe(200);
		const state = emu.state;
		const operations = state.operations.filter((o) => o.report === report.id);
		expect(operations).toHaveLength(1);
		expect(operations[0]).toMatchObject({ name: `Intervention ${report.reference}`, state: 'NEW', organization: ORG });
		expect(state.reports.find((r) => r.id === report.id).state).toBe('ACCEPTED');
		// the agent touched only the report it was given
		expect(state.reports.find((r) => r.id === other.id).state).toBe('NEW');
		expect(state.operations.filter((o) => o.report === other.id)).toEqual([]);

		const [execution] = await n8n.waitForExecutions(AGENT.id, 1);
		expect(execution.status).toBe('success');
		// each tool node ran once; what the agent answered names the operation the tool created
		for (const toolNode of TOOL_NODES) expect(execution.data.resultData.runData[toolNode.name]).toHaveLength(1);
		const [created] = toolOutput(execution, 'Create Operation');
		expect(created).toMatchObject({ id: operations[0].id, type: 'Operation' });
		expect(toolOutput(execution, 'Change Report State')).toEqual([expect.objectContaining({ id: report.id, state: 'ACCEPTED' })]);
		expect(answer.body).toEqual({
			output: `Report ${report.reference} triaged: operation ${created.identificationNumber} created and the report accepted.`,
		});
	});

	test('the model calls each tool once, in order, and gets what the tool answered', () => {
		const chats = model.chatRequests();
		expect(chats).toHaveLength(4);
		expect(model.requests.filter((r) => r.path !== '/v1/chat/completions')).toEqual([]);
		for (const body of chats) expect(body).toMatchObject({ model: 'gpt-4o-mini' });
		expect(model.requests[0].headers.authorization).toBe('Bearer sk-scripted-not-a-secret');
		// the system message and the user's request reach the model
		expect(chats[0].messages).toEqual([
			expect.objectContaining({ role: 'system', content: node('AI Agent').parameters.options.systemMessage }),
			expect.objectContaining({ role: 'user', content: `Triage report ${report.id}` }),
		]);
		// each later request carries the tool's answer: the report, then the operation, then the accepted report
		const last = chats[3].messages.filter((m) => m.role === 'tool').map(toolAnswer);
		expect(last).toEqual([
			expect.objectContaining({ id: report.id, type: 'Report', description: report.description }),
			expect.objectContaining({ type: 'Operation', name: `Intervention ${report.reference}` }),
			expect.objectContaining({ id: report.id, type: 'Report' }),
		]);
	});

	test('the model is told each tool by its operation sentence, with every argument named and described', () => {
		const tools = model.chatRequests()[0].tools.map((t) => t.function);
		expect(tools.map((t) => t.name).sort()).toEqual(['Change_Report_State', 'Create_Operation', 'Get_Report']);
		for (const toolNode of TOOL_NODES) {
			const tool = tools.find((t) => t.name === toolNode.name.replace(/ /g, '_'));
			expect(tool.description).toBe(expectedToolDescription(toolNode));
			const calls = fromAiCalls(toolNode);
			expect(Object.keys(calls).length).toBeGreaterThan(0);
			// arguments = the node's $fromAI() keys, each a camelCase word with its description, all required strings
			expect(tool.parameters).toMatchObject({ type: 'object', required: expect.arrayContaining(Object.keys(calls)) });
			expect(Object.keys(tool.parameters.properties).sort()).toEqual(Object.keys(calls).sort());
			for (const [key, description] of Object.entries(calls)) {
				expect(key).toMatch(/^[a-z]+(?:[A-Z][a-z]+)*$/);
				expect(description.length).toBeGreaterThan(15);
				expect(tool.parameters.properties[key]).toEqual(expect.objectContaining({ type: 'string', description }));
			}
		}
	});

	test('the twice rule: the same request again → the agent gets the report, sees it triaged, and creates nothing', async () => {
		const before = model.chatRequests().length;
		const again = await n8n.post(`${n8n.baseUrl}/webhook/${WEBHOOK_PATH}`, { message: `Triage report ${report.id}` });
		expect(again.status).toBe(200);
		expect(again.body).toEqual({ output: `Report ${report.reference} was already triaged (state ACCEPTED): nothing done.` });
		const executions = await n8n.waitForExecutions(AGENT.id, 2);
		expect(executions[0].status).toBe('success');
		// one tool call (Get Report), no operation created, no state changed
		expect(model.chatRequests().length - before).toBe(2);
		expect(toolOutput(executions[0], 'Create Operation')).toEqual([]);
		expect(toolOutput(executions[0], 'Change Report State')).toEqual([]);
		expect(emu.state.operations.filter((o) => o.report === report.id)).toHaveLength(1);
		expect(emu.state.reports.find((r) => r.id === report.id).state).toBe('ACCEPTED');
	});

	test('with the Webhook answering as a stream, the agent asks the model to stream and streams its answer back', async () => {
		const before = model.chatRequests().length;
		const third = await emu.createReport({ organization: ORG, description: 'Ascenseur bloqué au 2e étage' });
		await emu.waitForIdle();
		const r = await fetch(`${n8n.baseUrl}/webhook/${STREAMING_PATH}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ message: `Triage report ${third.id}` }),
		});
		expect(r.status).toBe(200);
		// n8n streams JSON lines: begin/end around each model call, the answer's text in "item" lines
		const lines = (await r.text())
			.split('\n')
			.filter(Boolean)
			.map((line) => JSON.parse(line));
		const chats = model.chatRequests().slice(before);
		expect(chats).toHaveLength(4);
		for (const body of chats) expect(body).toMatchObject({ stream: true, tools: expect.any(Array) });
		const [, created] = chats[3].messages.filter((m) => m.role === 'tool').map(toolAnswer);
		expect(
			lines
				.filter((l) => l.type === 'item')
				.map((l) => l.content)
				.join(''),
		).toBe(`Report ${third.reference} triaged: operation ${created.identificationNumber} created and the report accepted.`);
		expect(lines[lines.length - 1]).toMatchObject({ type: 'end', metadata: { nodeName: 'AI Agent' } });
		const operations = emu.state.operations.filter((o) => o.report === third.id);
		expect(operations).toEqual([expect.objectContaining({ id: created.id, name: `Intervention ${third.reference}` })]);
		expect(emu.state.reports.find((x) => x.id === third.id).state).toBe('ACCEPTED');
	});
});
