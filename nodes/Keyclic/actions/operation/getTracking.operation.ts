import { trackingOperation } from '../tracking';

/** GET /operations/{id}/tracking: the operation's tracking as Keyclic answers it (see ../tracking.ts). */
export const { description, execute } = trackingOperation('operation');
