import { admin } from './admin.js';
import { app } from './app.js';
import { codes } from './codes.js';
import { server } from './server.js';
import { work } from './work.js';
import { exchangeEn } from '../exchange.en.js';

export { admin, app, codes, server, work };

/** The reference catalogue: every other language is checked against its keys. */
export const en = { ...app, ...work, ...admin, ...codes, ...server, ...exchangeEn };
export type MessageKey = keyof typeof en;
