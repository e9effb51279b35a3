import type { MessageKey } from '../en/index.js';
import { admin } from './admin.js';
import { app } from './app.js';
import { codes } from './codes.js';
import { errors } from './errors.js';
import { input } from './input.js';
import { server } from './server.js';
import { work } from './work.js';
import { exchangeKo } from '../exchange.ko.js';

// 한국어: 완전한 번역 (각 부분의 키가 영어와 같은지 타입으로 확인합니다).
export const ko: Record<MessageKey, string> = {
  ...app,
  ...work,
  ...admin,
  ...codes,
  ...server,
  ...errors,
  ...input,
  ...exchangeKo,
};
