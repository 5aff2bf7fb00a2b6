import { describe, expect, it } from 'vitest';
import { Storybot } from '../../src/index.js';

const bot = await Storybot.load('corpus');

describe('Storybot.ask over the bundled story', () => {
  it('quotes the story and cites the paragraph when it answers', () => {
    const answer = bot.ask("Who's Mexico's security chief?");
    expect(answer.answered).toBe(true);
    const first = answer.results[0];
    expect(first?.text).toContain('Omar García Harfuch');
    expect(first?.citation).toMatchObject({ documentId: 'us-presses-mexico-on-cartels', paragraph: 23 });
  });

  it('declines an unrelated question with suggestions', () => {
    const answer = bot.ask("What's a good recipe for guacamole?");
    expect(answer.answered).toBe(false);
  });
});
