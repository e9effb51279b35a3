import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { PUBLIC_KEY, ROLES_KEY } from '../common/auth/auth.decorators.js';
import { AuthException, AuthExceptionCode } from './auth.exception.js';
import { AuthService } from './auth.service.js';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { ROLES_OF_NODE_KIND, type Role } from '../kernel/vocabulary/role.js';
import { NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';

interface GuardedRequest {
  headers: Record<string, string | string[] | undefined>;
  officer?: AuthenticatedOfficer;
}

/**
 * Applied to every resolver and controller: nothing is reachable without a valid token unless it is
 * marked @Public(), and an operation that declares no @Roles() is refused (secure by default).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request =
      context.getType<string>() === 'graphql'
        ? GqlExecutionContext.create(context).getContext<{ req: GuardedRequest }>().req
        : context.switchToHttp().getRequest<GuardedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header) : null;
    if (!match) {
      throw new AuthException(
        'Authentication required: send Authorization: Bearer <token> from login',
        AuthExceptionCode.MISSING_TOKEN,
      );
    }
    const officer = await this.auth.authenticate(match[1]);
    request.officer = officer;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    // An exchange has no cases: analyst and liaison roles mean nothing there, even on an old account.
    const held =
      this.config.kind === 'exchange'
        ? officer.roles.filter((role) => ROLES_OF_NODE_KIND.exchange.includes(role))
        : officer.roles;
    if (!roles.some((role) => held.includes(role))) {
      const needed = roles.length ? `one of the roles ${roles.join(', ')}` : 'a role this operation does not declare';
      throw new AuthException(`This operation needs ${needed}`, AuthExceptionCode.ROLE_REQUIRED);
    }
    return true;
  }
}
