/** /api/me/safe-senders and /api/me/blocked-senders: a user's own lists. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SenderListBody, SenderListItem, SenderListResponse } from '../../contracts/lists';
import { principalOf } from '../auth/authenticate';
import type { UserListName, UserListsService } from '../services/user-lists-service';
import { AUTH_ERRORS, CONFLICT, INPUT_ERRORS, NOT_FOUND } from './responses';
import { signedIn } from './signed-in';

const LISTS: Array<{ path: string; list: UserListName; title: string }> = [
  { path: 'safe-senders', list: 'safe', title: 'Safe Senders' },
  { path: 'blocked-senders', list: 'blocked', title: 'Blocked Senders' },
];

const ValueParams = Type.Object({ value: Type.String({ minLength: 1, maxLength: 400 }) });

export const userListRoutes: FastifyPluginAsyncTypebox<{ userLists: UserListsService }> = async (app, { userLists }) => {
  const tags = ['user lists'];
  for (const { path, list, title } of LISTS) {
    app.get(
      `/api/me/${path}`,
      signedIn(app, { tags, summary: `My ${title}, with how many are used of the limit`, response: { 200: SenderListResponse, ...AUTH_ERRORS } }, 'user'),
      async (request) => userLists.list(principalOf(request), list),
    );

    app.post(
      `/api/me/${path}`,
      signedIn(app, { tags, summary: `Add an address or a domain to my ${title}`, body: SenderListBody, response: { 201: SenderListItem, ...INPUT_ERRORS, ...CONFLICT } }, 'user'),
      async (request, reply) => reply.status(201).send(await userLists.add(principalOf(request), list, request.body.value)),
    );

    app.delete(
      `/api/me/${path}/:value`,
      signedIn(app, { tags, summary: `Remove an entry from my ${title}`, params: ValueParams, response: { 204: Type.Null(), ...AUTH_ERRORS, ...NOT_FOUND } }, 'user'),
      async (request, reply) => {
        await userLists.remove(principalOf(request), list, request.params.value);
        return reply.status(204).send(null);
      },
    );
  }
};
