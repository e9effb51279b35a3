import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { Public } from '../common/auth/auth.decorators.js';
import { AuthService } from './auth.service.js';
import { LoginResultObject } from './dto/login-result.object.js';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Mutation(() => LoginResultObject, { description: 'Exchanges a username and password for a bearer token.' })
  @Public()
  login(
    @Args('username') username: string,
    @Args('password') password: string,
    @Context('req') req: { ip?: string; socket?: { remoteAddress?: string } },
  ): Promise<LoginResultObject> {
    return this.auth.login(username, password, req.ip ?? req.socket?.remoteAddress ?? 'unknown');
  }
}
