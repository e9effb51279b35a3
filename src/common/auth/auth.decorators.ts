import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { AuthenticatedOfficer } from './authenticated-officer.js';
import { Role } from '../../kernel/vocabulary/role.js';

export const PUBLIC_KEY = 'fednode:public';
export const ROLES_KEY = 'fednode:roles';

/** Reachable without a token (only `login`, `nodeInfo` and the health probes). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The caller needs at least one of these roles. Every non-public operation declares its roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentOfficer = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedOfficer => {
    const request = GqlExecutionContext.create(context).getContext<{ req: { officer?: AuthenticatedOfficer } }>().req;
    if (!request.officer) throw new Error('CurrentOfficer used on an operation without authentication');
    return request.officer;
  },
);
