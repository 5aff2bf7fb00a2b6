import type { Dispatched } from './gateway.js';

type Json = Record<string, unknown>;

/** One thing the bot did in answer to an interaction, as Discord received it. */
export type Response =
  | { readonly kind: 'callback'; readonly type: number; readonly data: Json; readonly atMs: number }
  | { readonly kind: 'edit'; readonly data: Json }
  | { readonly kind: 'followup'; readonly data: Json }
  | { readonly kind: 'delete' };

/** An interaction as the stand-in sent it. */
export type SentInteraction = { readonly id: string; readonly token: string; readonly channel_id: string; readonly type: number };

type Entry = SentInteraction & { readonly sentAt: number; readonly event: Dispatched; readonly responses: Response[] };

/** The interactions the stand-in sent, by token, with what the bot answered to each. */
export class InteractionLedger {
  readonly #entries = new Map<string, Entry>();

  add(interaction: SentInteraction, event: Dispatched): void {
    this.#entries.set(interaction.token, { ...interaction, sentAt: Date.now(), event, responses: [] });
  }

  get(token: string): (SentInteraction & { readonly sentAt: number }) | undefined {
    return this.#entries.get(token);
  }

  /** What the bot has sent in answer to the interaction with `token`, in order. */
  responsesTo(token: string): readonly Response[] {
    return this.#entries.get(token)?.responses ?? [];
  }

  record(token: string, response: Response): void {
    this.#entries.get(token)?.responses.push(response);
  }

  /** Whether the interaction was written to the bot's gateway connection (not lost with a session that ended first). */
  isDelivered(token: string): boolean {
    return this.#entries.get(token)?.event.delivered ?? false;
  }

  /** How many interactions are remembered. */
  get size(): number {
    return this.#entries.size;
  }

  /** Forgets every interaction (a load test's bookkeeping, before it measures the bot's memory). */
  clear(): void {
    this.#entries.clear();
  }
}
