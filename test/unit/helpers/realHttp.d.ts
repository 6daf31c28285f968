import type { HttpHandler } from './n8n';

/** n8n's own HTTP request function, sending for real (see realHttp.js). */
export declare const realHttp: HttpHandler;
