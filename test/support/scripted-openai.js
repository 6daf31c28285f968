'use strict';
// A scripted OpenAI-compatible model server for the agent suites: n8n's OpenAI Chat Model node (Base URL
// http://127.0.0.1:<port>/v1 in its credential) talks to it as it would to OpenAI's Chat Completions API.
//
//   const model = await startScriptedOpenAi({ reply: (request) => ({ toolCalls: [{ name, arguments }] }) });
//   model.baseUrl  -> 'http://127.0.0.1:<port>/v1'
//   model.chatRequests()  -> bodies of every POST /v1/chat/completions, in order
//   await model.close();
//
// `reply(body, index)` gets each chat request body (messages, tools…) and returns what the model says:
// `{ content: 'text' }` (a final answer) or `{ toolCalls: [{ name, arguments: {…} }] }` (function calls).
// Answers are plain JSON, or server-sent events when the request says `stream: true`. Served too:
// GET /v1/models (the `models` given). Anything else (the Responses API included) is a 404 in OpenAI's
// error shape, recorded like every request. Listens on 127.0.0.1 only.
const http = require('node:http');

const { parseJsonOr } = require('./json');

function sendJson(res, status, body) {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
}

function notFound(res, what) {
	sendJson(res, 404, {
		error: { message: `The scripted model server does not serve ${what}`, type: 'invalid_request_error', code: 'unknown_url' },
	});
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/** The assistant message of a scripted answer, as OpenAI returns it. */
function assistantMessage(answer, index) {
	if (answer.toolCalls && answer.toolCalls.length) {
		return {
			message: {
				role: 'assistant',
				content: null,
				tool_calls: answer.toolCalls.map((call, i) => ({
					id: `call_${index}_${i}`,
					type: 'function',
					function: { name: call.name, arguments: JSON.stringify(call.arguments || {}) },
				})),
			},
			finishReason: 'tool_calls',
		};
	}
	if (typeof answer.content !== 'string') throw new Error('a scripted answer has `content` (a string) or `toolCalls`');
	return { message: { role: 'assistant', content: answer.content }, finishReason: 'stop' };
}

const USAGE = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };

function completion(body, index, { message, finishReason }) {
	return {
		id: `chatcmpl-scripted-${index}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: body.model,
		choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
		usage: USAGE,
	};
}

/** The same answer as chat.completion.chunk events (role, then the content or each tool call, then the end). */
function streamCompletion(res, body, index, { message, finishReason }) {
	res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
	const base = {
		id: `chatcmpl-scripted-${index}`,
		object: 'chat.completion.chunk',
		created: Math.floor(Date.now() / 1000),
		model: body.model,
	};
	const event = (choice, extra = {}) => res.write(`data: ${JSON.stringify({ ...base, choices: choice ? [choice] : [], ...extra })}\n\n`);
	event({ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null });
	if (message.tool_calls) {
		message.tool_calls.forEach((call, i) =>
			event({
				index: 0,
				delta: { tool_calls: [{ index: i, id: call.id, type: 'function', function: call.function }] },
				finish_reason: null,
			}),
		);
	} else {
		event({ index: 0, delta: { content: message.content }, finish_reason: null });
	}
	event({ index: 0, delta: {}, finish_reason: finishReason });
	if (body.stream_options && body.stream_options.include_usage) event(null, { usage: USAGE });
	res.end('data: [DONE]\n\n');
}

/**
 * @param {object} o
 * @param {(body: object, index: number) => ({content: string} | {toolCalls: {name: string, arguments?: object}[]})} o.reply
 * @param {string[]} [o.models] ids GET /v1/models lists
 */
async function startScriptedOpenAi({ reply, models = ['gpt-4o-mini'] }) {
	const requests = [];
	let chats = 0;
	const server = http.createServer(async (req, res) => {
		try {
			const text = await readBody(req);
			const url = new URL(req.url, 'http://127.0.0.1');
			const record = { method: req.method, path: url.pathname, headers: req.headers, body: parseJsonOr(text, text) };
			requests.push(record);
			if (req.method === 'GET' && url.pathname === '/v1/models') {
				sendJson(res, 200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'scripted' })) });
			} else if (req.method === 'POST' && url.pathname === '/v1/chat/completions') {
				const index = chats++;
				const answer = assistantMessage(await reply(record.body, index), index);
				if (record.body.stream) streamCompletion(res, record.body, index, answer);
				else sendJson(res, 200, completion(record.body, index, answer));
			} else {
				notFound(res, `${req.method} ${url.pathname}`);
			}
		} catch (e) {
			// the script failed (an unexpected conversation): n8n shows this message as the model's error
			sendJson(res, 500, { error: { message: `scripted model: ${e.message}`, type: 'server_error' } });
		}
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const baseUrl = `http://127.0.0.1:${server.address().port}/v1`;
	return {
		baseUrl,
		requests,
		chatRequests: () => requests.filter((r) => r.path === '/v1/chat/completions').map((r) => r.body),
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

module.exports = { startScriptedOpenAi };
