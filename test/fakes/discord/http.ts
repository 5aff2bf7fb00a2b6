import type { IncomingMessage, ServerResponse } from 'node:http';

/** One REST route of the stand-in: `handle` gets the path's match, the JSON body and the response to write. */
export type Route = {
  readonly method: string;
  readonly pattern: RegExp;
  handle(match: RegExpExecArray, body: Record<string, unknown>, res: ServerResponse, url: URL): void;
};

/** The request's body as text. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Writes `status` with `body` as JSON, or no body. */
export function send(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) return void res.writeHead(status).end();
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
