import type { ServerResponse } from 'node:http';
import { send, type Route } from './http.js';
import type { InteractionLedger, Response } from './ledger.js';
import { choiceProblems, messageProblems } from './limits.js';
import { fakeIds, messagePayload } from './payloads.js';

type Json = Record<string, unknown>;

/** Records a request Discord would reject, and answers 400 with its problems. */
export type Reject = (res: ServerResponse, path: string, problems: string[], code?: number) => void;

/**
 * The REST routes of interactions: the callback (the first response, accepted only within `ackWindowMs`
 * of sending the interaction, and only once), then the webhook that edits, follows up and deletes.
 * @see https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction
 */
export function interactionRoutes(ledger: InteractionLedger, reject: Reject, ackWindowMs: number): Route[] {
  const callback: Route = {
    method: 'POST',
    pattern: /^\/interactions\/(\d+)\/([^/]+)\/callback$/,
    handle: (m, body, res) => {
      const interaction = ledger.get(m[2] ?? '');
      if (interaction === undefined || interaction.id !== m[1]) return send(res, 404, { message: 'Unknown interaction', code: 10062 });
      const atMs = Date.now() - interaction.sentAt;
      if (atMs > ackWindowMs) return send(res, 404, { message: 'Unknown interaction (acknowledged too late)', code: 10062 });
      if (ledger.responsesTo(interaction.token).some((r) => r.kind === 'callback'))
        return reject(res, m[0], ['Interaction has already been acknowledged.'], 40060);
      const type = Number(body['type']);
      const data = (body['data'] ?? {}) as Json;
      const problems =
        type === 4
          ? messageProblems(data)
          : type === 8
            ? choiceProblems(data)
            : [5, 6].includes(type)
              ? []
              : [`unexpected callback type ${type}`];
      if (problems.length > 0) return reject(res, m[0], problems);
      ledger.record(interaction.token, { kind: 'callback', type, data, atMs });
      send(res, 204);
    },
  };
  return [callback, ...webhookRoutes(ledger, reject)];
}

function webhookRoutes(ledger: InteractionLedger, reject: Reject): Route[] {
  const known = (m: RegExpExecArray) => (m[1] === fakeIds.application ? ledger.get(m[2] ?? '') : undefined);
  const acknowledged = (token: string) => ledger.responsesTo(token).some((r) => r.kind === 'callback');
  const message = (kind: Extract<Response['kind'], 'edit' | 'followup'>, method: string, pattern: RegExp): Route => ({
    method,
    pattern,
    handle: (m, body, res) => {
      const interaction = known(m);
      if (interaction === undefined || !acknowledged(interaction.token)) return send(res, 404, { message: 'Unknown Webhook', code: 10015 });
      const problems = messageProblems(body);
      if (problems.length > 0) return reject(res, m[0], problems);
      ledger.record(interaction.token, { kind, data: body });
      send(res, 200, messagePayload(body, interaction.channel_id));
    },
  });
  const remove: Route = {
    method: 'DELETE',
    pattern: /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/,
    handle: (m, _b, res) => {
      const interaction = known(m);
      if (interaction === undefined) return send(res, 404, { message: 'Unknown Webhook', code: 10015 });
      ledger.record(interaction.token, { kind: 'delete' });
      send(res, 204);
    },
  };
  return [
    message('edit', 'PATCH', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/),
    message('followup', 'POST', /^\/webhooks\/(\d+)\/([^/]+)$/),
    remove,
  ];
}
