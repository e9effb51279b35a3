import { randomUUID } from 'node:crypto';
import type { CaseInput } from '../../../src/cases/dto/case-content.types.js';
import type { IntelCase } from '../../../src/cases/entities/intel-case.entity.js';
import { CaseService } from '../../../src/cases/case.service.js';
import type { AuthenticatedOfficer } from '../../../src/common/auth/authenticated-officer.js';
import { Role } from '../../../src/kernel/vocabulary/role.js';
import { caseInput } from '../../support/case-factory.js';
import type { MediumApp } from './medium-app.js';

/** An officer as the AuthGuard hands one to a service (medium tests call services directly). */
export function anOfficer(roles: Role[], username = `officer-${randomUUID().slice(0, 8)}`): AuthenticatedOfficer {
  return { id: randomUUID(), username, roles };
}

export const anAnalyst = (username?: string) => anOfficer([Role.ANALYST], username);
export const aLiaisonOfficer = (username?: string) => anOfficer([Role.LIAISON_OFFICER], username);

/** The e2e suites' realistic case, typed as the service takes it. */
export function aCaseInput(overrides: Partial<CaseInput> = {}): CaseInput {
  return caseInput(overrides as Record<string, unknown>) as unknown as CaseInput;
}

/** A case written by `author` through the real CaseService. */
export function aCase(
  app: MediumApp,
  author: AuthenticatedOfficer,
  overrides: Partial<CaseInput> = {},
): Promise<IntelCase> {
  return app.get(CaseService).create(aCaseInput(overrides), author);
}
