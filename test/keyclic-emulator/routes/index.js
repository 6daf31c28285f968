'use strict';
const { Router } = require('../router');

function buildRouter() {
	const router = new Router();
	for (const register of [
		require('./security'),
		require('./organizations'),
		require('./webhooks'),
		require('./reports'),
		require('./operations'),
		require('./feedbacks'),
		require('./categories'),
		require('./emulator'),
	]) {
		register(router);
	}
	return router;
}

module.exports = { buildRouter };
