'use strict';
// A report's photos sent to its feedback: POST /feedbacks/{feedback}/images (ImageData, s18–s21) and
// POST /feedbacks/{feedback}/attachments (FileData, s25), each answering 200 Feedback (the contract check of the
// emulator project validates every answer against the era's spec), each a 404 in the other era.
const crypto = require('node:crypto');
const { useEmulator } = require('./helpers');

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEklEQVR4nGOQqzghV3GCAUIBACOuBXkP+H/6AAAAAElFTkSuQmCC', 'base64');
const sha = (b) => crypto.createHash('sha256').update(b).digest('hex');

async function newFeedback({ api, token, emu }) {
	const place = emu.seed.places[0].id;
	const body = { place, description: 'Leak', visibility: 'VISIBILITY_PRIVATE', geo: { point: { latitude: 48.85, longitude: 2.35 } } };
	const res = await api.post('/feedbacks/issues', { token, body });
	expect(res.status).toBe(201);
	return res.body;
}

const reportIdOf = (feedback) => feedback._links.report.href.split('/').pop();

describe('emulator: feedback photos (legacy era, s18–s21)', () => {
	const session = useEmulator({ login: true });

	test('POST /feedbacks/{id}/images stores the photo on the report and answers the Feedback linking it; attachments is 404', async () => {
		const { emu, api, token } = session;
		const feedback = await newFeedback(session);
		expect(feedback.state).toBeDefined();
		const res = await api.post(`/feedbacks/${feedback.id}/images`, {
			token,
			body: { image: `data:image/png;base64,${PNG.toString('base64')}` },
		});
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ type: 'Feedback', id: feedback.id });
		expect(res.body._links.images).toHaveLength(1);
		expect(emu.photos('report', reportIdOf(feedback))[0]).toMatchObject({ contentType: 'image/png', sha256: sha(PNG) });
		const bad = await api.post(`/feedbacks/${feedback.id}/images`, { token, body: { image: 'data:image/gif;base64,R0lGOD==' } });
		expect(bad.status).toBe(400);
		const attachments = await api.post(`/feedbacks/${feedback.id}/attachments`, { token, body: { content: PNG.toString('base64') } });
		expect(attachments.status).toBe(404);
		expect(emu.photos('report', reportIdOf(feedback))).toHaveLength(1);
	});
});

describe('emulator: feedback photos (2025 era, s25)', () => {
	const session = useEmulator({ login: true, options: { payloadEra: '2025', errorFormat: 'problem' } });

	test('POST /feedbacks/{id}/attachments takes FileData and answers the Feedback (no state); images is 404', async () => {
		const { emu, api, token } = session;
		const feedback = await newFeedback(session);
		expect(feedback.state).toBeUndefined();
		const res = await api.post(`/feedbacks/${feedback.id}/attachments`, {
			token,
			body: { content: PNG.toString('base64'), contentType: 'image/png', name: 'leak.png' },
		});
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ type: 'Feedback', id: feedback.id });
		expect(res.body._links.images).toHaveLength(1);
		expect(emu.photos('report', reportIdOf(feedback))[0]).toMatchObject({ name: 'leak.png', contentType: 'image/png', sha256: sha(PNG) });
		const bad = await api.post(`/feedbacks/${feedback.id}/attachments`, { token, body: { content: 'AA==', contentType: 'image/gif' } });
		expect(bad.status).toBe(400);
		expect(bad.body.detail).toMatch(/^contentType: /);
		expect((await api.post(`/feedbacks/${feedback.id}/images`, { token, body: { image: 'AA==' } })).status).toBe(404);
		const unknown = await api.post('/feedbacks/00000000-0000-4000-8000-000000000009/attachments', { token, body: { content: 'AA==' } });
		expect(unknown.status).toBe(404);
	});
});
