import { describe, expect, it } from 'vitest';
import { answersPerQuestion, heapAfterGc, makeLoad, sendLoad, untilAnswered, useLoadRig } from '../fakes/slack/load.js';

const rig = useLoadRig();

describe('Slack under load', () => {
  it('answers 1,000 questions in flight at once (mentions, DMs and /ask) exactly once each, and gives the memory back', async () => {
    const { fake, log } = rig();
    // A first round settles what is allocated once (compiled code, caches, connection buffers).
    const warmUp = makeLoad(fake, 'warm', 200);
    sendLoad(fake, warmUp);
    await untilAnswered(fake, warmUp);
    fake.forget();
    log.clear();
    const baseline = heapAfterGc();

    const load = makeLoad(fake, 'load', 1_000);
    const started = performance.now();
    sendLoad(fake, load);
    await untilAnswered(fake, load);
    const seconds = (performance.now() - started) / 1000;
    const atEnd = process.memoryUsage().heapUsed;
    expect(answersPerQuestion(fake, load).filter((count) => count !== 1)).toEqual([]);
    expect(fake.envelopes.pending).toBe(0);
    expect(log.filter((entry) => entry.level === 'warn' || entry.level === 'error')).toEqual([]);

    // What is left is the bounded state (event keys, the flood limiter's recent members), not the questions.
    fake.forget();
    log.clear();
    const after = heapAfterGc();
    const mb = (bytes: number) => (bytes / 1_048_576).toFixed(1);
    console.log(
      `[slack load] 1,000 questions answered in ${seconds.toFixed(1)} s; heap after GC ${mb(baseline)} MB before, ${mb(after)} MB after (${mb(atEnd)} MB before GC at the last answer)`,
    );
    expect(after - baseline).toBeLessThan(20 * 1_048_576);
  }, 120_000);
});
