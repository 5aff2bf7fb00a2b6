import { config } from 'dotenv';

/**
 * Reads `.env` into `process.env` (real environment variables win). Quiet, because dotenv otherwise
 * prints to stdout, and stdout carries answers and JSON. Entry files call this first.
 */
export function loadDotenv(): void {
  config({ quiet: true });
}
