import { BotError } from '../../src/index.js';

/**
 * A request the web front door refuses: its HTTP status, a stable code for scripts (`invalid_request`,
 * `not_found`), and the field at fault when there is one. The message is safe to show: it names the field
 * and the rule, and echoes nothing but an id the client sent itself.
 */
export class RequestError extends BotError {
  override name = 'RequestError' as const;
  readonly statusCode: number;
  readonly code: string;
  readonly field: string | undefined;
  override readonly userMessage: string;

  constructor(statusCode: number, code: string, message: string, field?: string) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
    this.field = field;
    this.userMessage = message;
  }
}
