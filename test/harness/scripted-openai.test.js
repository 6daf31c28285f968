'use strict';
// The scripted model server the agent suite points n8n's OpenAI Chat Model at: it must answer as OpenAI's
// Chat Completions API does (plain JSON, and server-sent chunks when asked to stream), list its models,
// refuse what it does not serve, and record every request.
const { startScriptedOpenAi } = require('../support/scripted-openai');

async function post(url, body) {
	const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
}

/** The JSON events of a server-sent stream, and whether it ended with [DONE]. */
function events(text) {
	const data = text
		.split('\n\n')
		.filter(Boolean)
		.map((e) => e.replace(/^data: /, ''));
	return { done: data[data.length - 1] === '[DONE]', chunks: data.filter((d) => d !== '[DONE]').map((d) => JSON.parse(d)) };
}

describe('scripted OpenAI-compatible server', () => {
	let model;
	const script = [];

	beforeAll(async () => {
		model = await startScriptedOpenAi({ reply: (body, index) => script[index](body) });
	});
	afterAll(async () => model.close());

	test('listens on 127.0.0.1 and lists its models', async () => {
		expect(model.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
		const r = await fetch(`${model.baseUrl}/models`);
		expect(await r.json()).toEqual({ object: 'list', data: [expect.objectContaining({ id: 'gpt-4o-mini', object: 'model' })] });
	});

	test('a tool call, then a final answer, as chat.completion objects; each request is recorded', async () => {
		script.push(
			() => ({ toolCalls: [{ name: 'Get_Report', arguments: { reportId: 'r1' } }] }),
			(body) => ({ content: `done after ${body.messages.length} messages` }),
		);
		const first = await post(`${model.baseUrl}/chat/completions`, { model: 'm', messages: [{ role: 'user', content: 'hi' }] });
		expect(first.status).toBe(200);
		expect(JSON.parse(first.text)).toMatchObject({
			object: 'chat.completion',
			model: 'm',
			choices: [
				{
					index: 0,
					finish_reason: 'tool_calls',
					message: {
						role: 'assistant',
						content: null,
						tool_calls: [{ id: expect.any(String), type: 'function', function: { name: 'Get_Report', arguments: '{"reportId":"r1"}' } }],
					},
				},
			],
			usage: expect.objectContaining({ total_tokens: expect.any(Number) }),
		});
		const second = await post(`${model.baseUrl}/chat/completions`, { model: 'm', messages: [{}, {}, {}] });
		expect(JSON.parse(second.text).choices[0]).toMatchObject({
			finish_reason: 'stop',
			message: { role: 'assistant', content: 'done after 3 messages' },
		});
		expect(model.chatRequests()).toEqual([
			{ model: 'm', messages: [{ role: 'user', content: 'hi' }] },
			{ model: 'm', messages: [{}, {}, {}] },
		]);
	});

	test('streams when asked: the role, the tool call or the text, the finish reason, usage if asked, then [DONE]', async () => {
		script.push(
			() => ({ toolCalls: [{ name: 'Create_Operation', arguments: { name: 'x' } }] }),
			() => ({ content: 'streamed' }),
		);
		const tool = await post(`${model.baseUrl}/chat/completions`, { model: 'm', messages: [], stream: true });
		expect(tool.type).toBe('text/event-stream');
		const t = events(tool.text);
		expect(t.done).toBe(true);
		expect(t.chunks.map((c) => c.object)).toEqual(Array(3).fill('chat.completion.chunk'));
		expect(t.chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '' });
		expect(t.chunks[1].choices[0].delta.tool_calls).toEqual([
			{ index: 0, id: expect.any(String), type: 'function', function: { name: 'Create_Operation', arguments: '{"name":"x"}' } },
		]);
		expect(t.chunks[2].choices[0]).toMatchObject({ delta: {}, finish_reason: 'tool_calls' });

		const text = await post(`${model.baseUrl}/chat/completions`, {
			model: 'm',
			messages: [],
			stream: true,
			stream_options: { include_usage: true },
		});
		const s = events(text.text);
		expect(s.chunks.map((c) => (c.choices[0] ? c.choices[0].delta.content : undefined))).toEqual(['', 'streamed', undefined, undefined]);
		expect(s.chunks[2].choices[0].finish_reason).toBe('stop');
		expect(s.chunks[3]).toMatchObject({ choices: [], usage: expect.objectContaining({ total_tokens: expect.any(Number) }) });
	});

	test('what it does not serve is a 404 in OpenAI’s error shape (the Responses API too); a failing script is a 500 that says why', async () => {
		const responses = await post(`${model.baseUrl}/responses`, { model: 'm', input: 'hi' });
		expect(responses.status).toBe(404);
		expect(JSON.parse(responses.text)).toEqual({
			error: expect.objectContaining({ message: expect.stringContaining('POST /v1/responses') }),
		});
		expect(model.requests[model.requests.length - 1]).toMatchObject({ method: 'POST', path: '/v1/responses', body: { input: 'hi' } });

		script.push(() => {
			throw new Error('no tool is described as "Get a report in Keyclic"');
		});
		const failed = await post(`${model.baseUrl}/chat/completions`, { model: 'm', messages: [] });
		expect(failed.status).toBe(500);
		expect(JSON.parse(failed.text).error.message).toBe('scripted model: no tool is described as "Get a report in Keyclic"');
	});
});
