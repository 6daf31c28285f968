'use strict';
const { Router } = require('../router');

/** The routes of one era: webhook management and the member list exist only in the legacy (s18–s21) API. */
function buildRouter(era = 'legacy', part = 'all') {
	const router = new Router(era, part);
	for (const register of [
		require('./security'),
		require('./organizations'),
		require('./webhooks'),
		require('./reports'),
		require('./operations'),
		require('./files'),
		require('./feedback-attachments'),
		require('./documents'),
		require('./feedbacks'),
		require('./categories'),
		require('./tickets'),
		require('./emulator'),
	]) {
		register(router);
	}
	return router;
}

module.exports = { buildRouter };
