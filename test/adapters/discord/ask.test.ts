import { describe, expect, it } from 'vitest';
import { handleArticleAutocomplete, handleAsk, handleAutocomplete, handleButton, type HandlerDeps } from '../../../adapters/discord/ask.js';
import { MarkedAnswers } from '../../../adapters/discord/marked-answers.js';
import { decodeCustomId, encodeCustomId } from '../../../adapters/discord/custom-ids.js';
import { RateLimiter, type Answer } from '../../../src/index.js';
import { fakeLogger } from '../../fakes/discord/logger.js';
import { answerFor, fakeReply, fakeStory } from '../../fakes/discord/ports.js';
import { waitFor } from '../../fakes/discord/wait.js';

const sorry = 'Sorry, something went wrong. Please try again later.';
const member = { userId: '400000000000000004' };

function depsWith(overrides: { story?: ReturnType<typeof fakeStory>; limiter?: HandlerDeps['limiter']; deferAfterMs?: number } = {}) {
  return { story: fakeStory(), logger: fakeLogger(), limiter: new RateLimiter(), maxExcerpts: 3, ...overrides } satisfies HandlerDeps;
}

describe('handleAsk', () => {
  it('replies at once with the cited excerpt when the core is quick', async () => {
    const reply = fakeReply();
    const deps = depsWith();
    await handleAsk({ question: 'Who leads Mexico?', isPrivate: false, ...member }, reply, deps);
    expect(reply.calls.map((c) => c.kind)).toEqual(['reply']);
    expect(reply.last()?.embeds[0]?.description).toBe('Quote from ¶23.\n\n— *Mexico* · ¶23');
    expect(reply.last()?.ephemeral).toBe(false);
    expect(deps.story.asked).toEqual([{ question: 'Who leads Mexico?', top: 3, platform: 'discord' }]);
    const answered = deps.logger.entries.find((entry) => entry.code === 'discord.answered');
    expect(answered?.context).toMatchObject({ platform: 'discord', command: 'ask', latencyMs: expect.any(Number) });
  });

  it('asks of one article when the member picked one, and keeps it on More sources', async () => {
    const reply = fakeReply();
    const deps = depsWith();
    await handleAsk({ question: 'Who leads Mexico?', isPrivate: false, article: ' mexico ', ...member }, reply, deps);
    expect(deps.story.asked).toEqual([{ question: 'Who leads Mexico?', top: 3, article: 'mexico', platform: 'discord' }]);
    const more = reply.last()?.components[0]?.components.find((b) => b.label === 'More sources');
    await handleButton({ customId: more?.custom_id ?? '', ...member }, fakeReply(), deps);
    expect(deps.story.asked[1]).toEqual({ question: 'Who leads Mexico?', top: 3, article: 'mexico', platform: 'discord' });
  });

  it('declines kindly, with suggestions for the whole story, when the article id is unknown', async () => {
    const reply = fakeReply();
    await handleAsk({ question: 'Who leads Mexico?', isPrivate: false, article: 'no-such-article', ...member }, reply, depsWith());
    expect(reply.last()?.content).toBe("There's no article with that id; pick one from the list. It does answer these:");
    const ids = reply.last()?.components.flatMap((row) => row.components.map((b) => decodeCustomId(b.custom_id)));
    expect(ids).toEqual([{ kind: 'suggestion', question: 'What does the story say about Mexico?', isPrivate: false }]);
  });

  it('answers ephemerally when asked privately', async () => {
    const reply = fakeReply();
    await handleAsk({ question: 'Who leads Mexico?', isPrivate: true, ...member }, reply, depsWith());
    expect(reply.last()?.ephemeral).toBe(true);
  });

  it('defers, then edits in the answer, when the core is slow', async () => {
    const reply = fakeReply();
    let release: (answer: Answer) => void = () => undefined;
    const story = fakeStory({ ask: (question) => new Promise<Answer>((resolve) => (release = resolve)).then((a) => ({ ...a, question })) });
    const done = handleAsk({ question: 'Who?', isPrivate: true, ...member }, reply, depsWith({ story, deferAfterMs: 0 }));
    await waitFor('the deferral', () => reply.calls.length > 0);
    expect(reply.calls).toEqual([{ kind: 'defer', ephemeral: true }]);
    release({
      question: 'Who?',
      outcome: 'answered',
      answered: true,
      confidence: 0.9,
      results: [{ text: 'Late.', highlights: [], score: 1, citation: { documentId: 'd', title: 'T', paragraph: 2 } }],
    });
    await done;
    expect(reply.calls.map((c) => c.kind)).toEqual(['defer', 'editReply']);
    expect(reply.last()?.embeds[0]?.description).toContain('Late.');
  });

  it('defers before any work when the interaction reached the handler already older than the deferral point', async () => {
    const reply = { ...fakeReply(), createdAt: Date.now() - 2_000 };
    const story = fakeStory();
    const asked: string[] = [];
    const ask = story.ask.bind(story);
    story.ask = (question, options) => {
      asked.push(`asked after ${reply.calls.map((c) => c.kind).join(',') || 'nothing'}`);
      return ask(question, options);
    };
    await handleAsk({ question: 'Who?', isPrivate: false, ...member }, reply, depsWith({ story }));
    expect(reply.calls.map((c) => c.kind)).toEqual(['defer', 'editReply']);
    expect(asked).toEqual(['asked after defer']);
  });

  it('counts the deferral point from when Discord created the interaction, not from when the handler started', async () => {
    // Created 1.45 s ago: 50 ms are left before the default 1.5 s, and the core takes 300 ms.
    const reply = { ...fakeReply(), createdAt: Date.now() - 1_450 };
    const story = fakeStory({ ask: (question) => new Promise<Answer>((resolve) => setTimeout(() => resolve(answerFor(question)), 300)) });
    const started = Date.now();
    const done = handleAsk({ question: 'Who?', isPrivate: true, ...member }, reply, depsWith({ story }));
    await waitFor('the deferral', () => reply.calls.length > 0);
    expect(Date.now() - started).toBeLessThan(250);
    expect(reply.calls).toEqual([{ kind: 'defer', ephemeral: true }]);
    await done;
    expect(reply.calls.map((c) => c.kind)).toEqual(['defer', 'editReply']);
  });

  it('replies with the safe message and logs the detail when the core throws', async () => {
    const reply = fakeReply();
    const deps = depsWith({
      story: fakeStory({
        ask: () => {
          throw new Error('index missing at /srv/x');
        },
      }),
    });
    await handleAsk({ question: 'who won?', isPrivate: false, ...member }, reply, deps);
    expect(reply.calls).toEqual([{ kind: 'reply', message: expect.objectContaining({ content: sorry, ephemeral: true }) }]);
    expect(deps.logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'error',
        code: 'discord.interaction.failed',
        context: expect.objectContaining({ userId: member.userId }),
      }),
    );
  });

  it('removes a public "thinking…" and tells only the member when a slow answer fails', async () => {
    const reply = fakeReply();
    let fail: (error: Error) => void = () => undefined;
    const story = fakeStory({ ask: () => new Promise<Answer>((_resolve, reject) => (fail = reject)) });
    const done = handleAsk({ question: 'who?', isPrivate: false, ...member }, reply, depsWith({ story, deferAfterMs: 0 }));
    await waitFor('the deferral', () => reply.calls.length > 0);
    fail(new Error('boom'));
    await done;
    expect(reply.calls.map((c) => c.kind)).toEqual(['defer', 'deleteReply', 'followUp']);
    expect(reply.last()).toMatchObject({ content: sorry, ephemeral: true });
  });

  it('tells a member who floods when to try again, and still answers others', async () => {
    let now = 1_000_000;
    const deps = depsWith({ limiter: new RateLimiter({ limit: 5, windowMs: 30_000, now: () => now }) });
    const replies = Array.from({ length: 6 }, () => fakeReply());
    for (const reply of replies) {
      await handleAsk({ question: 'Who?', isPrivate: false, ...member }, reply, deps);
      now += 1000;
    }
    expect(replies[5]?.last()).toMatchObject({
      content: `You're asking faster than I can keep up. Please try again in 25 s (<t:1030:R>).`,
      ephemeral: true,
    });
    const other = fakeReply();
    await handleAsk({ question: 'Who?', isPrivate: false, userId: 'someone-else' }, other, deps);
    expect(other.last()?.embeds).toHaveLength(1);
    expect(deps.story.asked).toHaveLength(6);
  });
});

describe('handleButton', () => {
  it('shows the next results to the clicker only for More sources', async () => {
    const reply = fakeReply();
    await handleButton({ customId: encodeCustomId({ kind: 'more', question: 'Who?' }) ?? '', ...member }, reply, depsWith());
    expect(reply.last()?.ephemeral).toBe(true);
    expect(reply.last()?.embeds[0]?.fields?.map((f) => f.name)).toEqual(['Mexico, ¶4', 'Mexico, ¶9']);
  });

  it('shows the whole paragraph to the clicker only for Full paragraph', async () => {
    const reply = fakeReply();
    await handleButton({ customId: 'sb:p:23:mexico', ...member }, reply, depsWith());
    expect(reply.last()).toMatchObject({ ephemeral: true, embeds: [{ description: 'Paragraph 23 in full.\n\n— *Mexico* · ¶23' }] });
  });

  it('says so when the paragraph is gone after a corpus change', async () => {
    const reply = fakeReply();
    await handleButton({ customId: 'sb:p:3:gone', ...member }, reply, depsWith());
    expect(reply.last()?.content).toBe('That paragraph is no longer in the story; the corpus has changed since.');
  });

  it('asks a suggested question, privately when the decline was private', async () => {
    const reply = fakeReply();
    const deps = depsWith();
    await handleButton(
      { customId: encodeCustomId({ kind: 'suggestion', question: 'What about Mexico?', isPrivate: true }) ?? '', ...member },
      reply,
      deps,
    );
    expect(deps.story.asked.map((a) => a.question)).toEqual(['What about Mexico?']);
    expect(reply.last()?.ephemeral).toBe(true);
    expect(reply.last()?.embeds[0]?.title).toBe('What about Mexico?');
  });

  it("records a reader's mark on the cited paragraph and thanks only the clicker, every time", async () => {
    const deps = depsWith({ limiter: new RateLimiter({ limit: 1, windowMs: 60_000 }) });
    const replies = [fakeReply(), fakeReply(), fakeReply()];
    for (const reply of replies) await handleButton({ customId: 'sb:f+:23:mexico', ...member }, reply, deps);
    await handleButton({ customId: 'sb:f-:4:mexico', ...member }, replies[0] ?? fakeReply(), deps);
    for (const reply of replies)
      expect(reply.calls[0]).toEqual({
        kind: 'reply',
        message: expect.objectContaining({ content: 'Thanks — noted.', ephemeral: true, embeds: [], components: [] }),
      });
    expect(deps.story.marks).toEqual([
      ...Array.from({ length: 3 }, () => ({ platform: 'discord', helpful: true, documentId: 'mexico', paragraph: 23 })),
      { platform: 'discord', helpful: false, documentId: 'mexico', paragraph: 4 },
    ]);
  });

  it('records nothing, and says so, when a mark names a paragraph or an article the corpus does not have', async () => {
    const deps = depsWith();
    for (const customId of ['sb:f+:999999:trump', 'sb:f+:3:forged', 'sb:f-:0:forged']) {
      const reply = fakeReply();
      await handleButton({ customId, ...member }, reply, deps);
      expect(reply.last()?.content).toBe(
        'Sorry, I could not note that: the story no longer has that paragraph. Ask again for a fresh answer.',
      );
    }
    await handleButton({ customId: 'sb:f+:0:trump', ...member }, fakeReply(), deps);
    expect(deps.story.marks).toEqual([{ platform: 'discord', helpful: true, documentId: 'trump', paragraph: 0 }]);
    expect(deps.logger.entries.filter((e) => e.code === 'discord.feedback.unknown')).toHaveLength(3);
  });

  it("counts one mark per member per answer: the answer's message and the member", async () => {
    const deps = { ...depsWith(), marked: new MarkedAnswers() };
    const click = (customId: string, userId: string, messageId: string) => handleButton({ customId, userId, messageId }, fakeReply(), deps);
    await click('sb:f+:23:mexico', 'U1', 'M1');
    await click('sb:f-:23:mexico', 'U1', 'M1');
    await click('sb:f+:23:mexico', 'U1', 'M1');
    await click('sb:f+:23:mexico', 'U2', 'M1');
    await click('sb:f+:23:mexico', 'U1', 'M2');
    expect(deps.story.marks.map((m) => m.helpful)).toEqual([true, true, true]);
  });

  it('says sorry and logs when a mark cannot be recorded', async () => {
    const reply = fakeReply();
    const deps = depsWith({
      story: fakeStory({
        recordFeedback: () => {
          throw new Error('disk full');
        },
      }),
    });
    await handleButton({ customId: 'sb:f+:23:mexico', ...member }, reply, deps);
    expect(reply.last()).toMatchObject({ content: sorry, ephemeral: true });
    expect(deps.logger.entries).toContainEqual(
      expect.objectContaining({ code: 'discord.interaction.failed', context: expect.objectContaining({ helpful: true }) }),
    );
  });

  it('answers an unknown button with a note and a warning in the log', async () => {
    const reply = fakeReply();
    const deps = depsWith();
    await handleButton({ customId: 'other-bot:thing', ...member }, reply, deps);
    expect(reply.last()?.content).toBe('That button is from an older version of the bot. Please ask again with /ask.');
    expect(deps.logger.entries.map((e) => e.code)).toEqual(['discord.button.unknown']);
  });
});

describe('handleArticleAutocomplete', () => {
  it('offers the articles whose title matches, ignoring case and accents, with their ids as values', async () => {
    const offered: unknown[] = [];
    await handleArticleAutocomplete('MEXICO', async (choices) => void offered.push(choices), depsWith());
    expect(offered).toEqual([[{ name: 'The U.S. Is Pressing México', value: 'mexico' }]]);
  });

  it('offers nothing, and logs, when the core fails', async () => {
    const offered: unknown[] = [];
    const deps = depsWith({
      story: fakeStory({
        articles: () => {
          throw new Error('no corpus');
        },
      }),
    });
    await handleArticleAutocomplete('mex', async (choices) => void offered.push(choices), deps);
    expect(offered).toEqual([[]]);
    expect(deps.logger.entries.map((e) => e.code)).toEqual(['discord.autocomplete.failed']);
  });
});

describe('handleAutocomplete', () => {
  it('offers at most 25 suggestions of at most 100 characters', async () => {
    const offered: unknown[] = [];
    await handleAutocomplete('mex', async (choices) => void offered.push(choices), depsWith());
    expect(offered).toEqual([
      [
        { name: 'What does the story say about Mexico?', value: 'What does the story say about Mexico?' },
        { name: 'What does the story say about Trump?', value: 'What does the story say about Trump?' },
      ],
    ]);
  });

  it('offers nothing, and logs, when the core fails', async () => {
    const offered: unknown[] = [];
    const deps = depsWith({
      story: fakeStory({
        suggest: () => {
          throw new Error('no index');
        },
      }),
    });
    await handleAutocomplete('mex', async (choices) => void offered.push(choices), deps);
    expect(offered).toEqual([[]]);
    expect(deps.logger.entries.map((e) => e.code)).toEqual(['discord.autocomplete.failed']);
  });
});
