'use strict';
// POST /security/login {login, password} → 200 {accessToken, tokenType, credentials {id, login}} (s20 successLogin);
// the 2025 era answers s25's SuccessLogin {accessToken, idToken, tokenType}, which has no credentials. What the idToken
// holds is not documented: here a JWT of the person that is no bearer, and that /auth/token exchanges when the option
// ticketsToken is 'exchange' (routes/tickets.js).
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
					...(core.options.payloadEra === '2025'
						? { idToken: core.tokens.issue(person, { use: 'id' }) }
						: { credentials: { id: person.id, login: person.login } }),
				},
			};
		},
		{ public: true },
	);
};
