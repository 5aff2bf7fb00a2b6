import { LogLevel } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { toBoltLogger } from '../../../adapters/slack/start.js';
import { fakeLogger } from '../../fakes/slack/logger.js';

describe('toBoltLogger', () => {
  it('routes Bolt’s lines to the project logger with their level, and redacts tokens', () => {
    const { logger, entries } = fakeLogger();
    const bolt = toBoltLogger(logger, 'warn');
    bolt.setName('SocketModeClient');
    bolt.warn('token xoxb-fake-123 and xapp-1-fake refused;', { status: 401 }, new Error('boom'));
    expect(entries).toEqual([
      {
        level: 'warn',
        code: 'slack.bolt',
        message: 'token xoxb-[redacted] and xapp-[redacted] refused; {"status":401} Error: boom',
        context: { from: 'SocketModeClient' },
      },
    ]);
    expect(bolt.getLevel()).toBe(LogLevel.WARN);
  });
});
