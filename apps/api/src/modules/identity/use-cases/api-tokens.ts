import type { ApiTokenCreated, ApiTokenInput } from '@motcua/contracts';
import { hashToken, newToken } from '../tokens.js';
import type { IdentityContext, Principal, RequestMeta } from './context.js';

export function apiTokenUseCases(ctx: IdentityContext) {
  const { repo, clock, event, officerAccount } = ctx;
  return {
    /** A bearer token for a machine client (integration), shown once. */
    async createApiToken(
      principal: Principal,
      accountId: string,
      input: ApiTokenInput,
      meta: RequestMeta,
    ): Promise<ApiTokenCreated> {
      const account = await officerAccount(accountId);
      const token = `mct_${newToken()}`;
      const row = await repo.insertApiToken({
        accountId: account.id,
        name: input.name,
        tokenHash: hashToken(token),
        prefix: token.slice(0, 10),
        createdAt: clock.now(),
        expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
      });
      await event('api_token_created', {
        accountId: account.id,
        actorAccountId: principal.accountId,
        username: account.username,
        meta,
        details: { tokenId: row.id, name: input.name, prefix: row.prefix },
      });
      return { id: row.id, prefix: row.prefix, token };
    },
  };
}
