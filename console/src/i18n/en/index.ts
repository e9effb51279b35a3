import { admin } from './admin.js';
import { app } from './app.js';
import { codes } from './codes.js';
import { errors } from './errors.js';
import { input } from './input.js';
import { server } from './server.js';
import { work } from './work.js';
import { exchangeEn } from '../exchange.en.js';

export { admin, app, codes, errors, input, server, work };

/** The reference catalogue: every other language is checked against its keys. */
export const en = { ...app, ...work, ...admin, ...codes, ...server, ...errors, ...input, ...exchangeEn };
export type MessageKey = keyof typeof en;
