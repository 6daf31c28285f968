'use strict';
// Login tokens (JWT-looking, HS256 with a per-instance secret — the real API uses RS256), the
// X-Keyclic-App check and bearer authentication.
const crypto = require('node:crypto');
const { HttpError, unauthorized, forbidden } = require('./errors');

const b64url = (buf) => Buffer.from(buf).toString('base64url');

class TokenService {
	/** @param {{secret: string, lifetimeSeconds: number, clock: () => number}} opts */
	constructor({ secret, lifetimeSeconds, clock }) {
		this.secret = secret;
		this.lifetimeSeconds = lifetimeSeconds;
		this.clock = clock;
		/** jti → issue order, to expire "every current token" (fault expireTokens) */
		this.issued = new Map();
		this.issueCount = 0;
		this.expiredThrough = 0;
		this.expiredAtMs = -Infinity;
	}

	sign(payload) {
		const head = b64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
		const body = b64url(JSON.stringify(payload));
		const sig = crypto.createHmac('sha256', this.secret).update(`${head}.${body}`).digest('base64url');
		return `${head}.${body}.${sig}`;
	}

	/**
	 * A token for a person: claims iat, exp, jti, sub (person id), username, roles, plus `extra`: {use: 'id'} for the
	 * 2025 login's idToken (never a bearer), {aud: 'tickets'} for a token /auth/token gave (option ticketsToken).
	 */
	issue(person, extra = {}) {
		const iat = Math.floor(this.clock() / 1000);
		const jti = crypto.randomUUID();
		this.issued.set(jti, ++this.issueCount);
		return this.sign({
			iat,
			exp: iat + this.lifetimeSeconds,
			jti,
			sub: person.id,
			username: person.login,
			roles: ['ROLE_USER'],
			...extra,
		});
	}

	/** Every token issued so far is expired from now on; later logins give valid tokens. */
	expireAll() {
		this.expiredThrough = this.issueCount;
		this.expiredAtMs = this.clock();
	}

	/** @returns {{claims?: object, error?: string}} */
	verify(token) {
		const parts = String(token).split('.');
		if (parts.length !== 3) return { error: 'Invalid JWT Token' };
		const expected = crypto.createHmac('sha256', this.secret).update(`${parts[0]}.${parts[1]}`).digest();
		const given = Buffer.from(parts[2], 'base64url');
		if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return { error: 'Invalid JWT Token' };
		let claims;
		try {
			claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
		} catch {
			return { error: 'Invalid JWT Token' };
		}
		if (typeof claims.exp !== 'number' || claims.exp * 1000 <= this.clock()) return { error: 'Expired JWT Token' };
		const order = this.issued.get(claims.jti);
		const forced = order !== undefined ? order <= this.expiredThrough : claims.iat * 1000 <= this.expiredAtMs;
		if (forced) return { error: 'Expired JWT Token' };
		return { claims };
	}
}

/** X-Keyclic-App: missing → 400, unknown → 403. On login it is optional (docs), but checked if sent. */
function checkAppKey(core, req, { optional = false } = {}) {
	const key = req.headers['x-keyclic-app'];
	if (key === undefined || key === '') {
		if (optional) return;
		throw new HttpError(400, 'Missing X-Keyclic-App header (application key, e.g. "com.keyclic.app").', [
			{ message: 'This value should not be blank.', path: 'X-Keyclic-App' },
		]);
	}
	if (!core.options.appKeys.includes(key)) throw forbidden(`Unknown application key "${key}" (X-Keyclic-App).`);
}

/**
 * The person behind `Authorization: Bearer <token>`, or a 401. An idToken is no bearer. A Tickets API route (`api: 'v3'`)
 * with the option ticketsToken 'exchange' takes only a token /auth/token gave, not the login's.
 */
function authenticate(core, req, route = {}) {
	const header = req.headers.authorization;
	const m = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
	if (!m) throw unauthorized('JWT Token not found');
	const { claims, error } = core.tokens.verify(m[1]);
	if (error) throw unauthorized(error);
	if (claims.use === 'id') throw unauthorized('Invalid JWT Token');
	if (route.api === 'v3' && core.options.ticketsToken === 'exchange' && claims.aud !== 'tickets') {
		throw unauthorized('Invalid JWT Token');
	}
	const person = core.store.people.get(claims.sub);
	if (!person) throw unauthorized('Invalid JWT Token');
	return person;
}

module.exports = { TokenService, checkAppKey, authenticate };
