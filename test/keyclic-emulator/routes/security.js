'use strict';
// POST /security/login {login, password} → 200 {accessToken, tokenType, credentials {id, login}} (s20 successLogin);
// the 2025 era answers s25's SuccessLogin {accessToken, tokenType}, which has no credentials (and an idToken the
// emulator leaves out: what it holds is not documented).
const { HttpError } = require('../errors');
const { requireObject, str, throwIf } = require('../model/validate');

module.exports = function register(router) {
	router.add(
		'POST',
		'/security/login',
		({ core, body }) => {
			requireObject(body);
			const errors = [];
			const login = str(body, 'login', errors, { required: true });
			const password = str(body, 'password', errors, { required: true, max: 4096 });
			throwIf(errors);
			const person = core.store.personByLogin(login);
			if (!person || person.password !== password) throw new HttpError(401, 'Invalid credentials.');
			return {
				status: 200,
				body: {
					accessToken: core.tokens.issue(person),
					tokenType: 'Bearer',
					...(core.options.payloadEra === '2025' ? {} : { credentials: { id: person.id, login: person.login } }),
				},
			};
		},
		{ public: true },
	);
};
