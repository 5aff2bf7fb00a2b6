import { z } from 'zod';
import { maxQuestionChars } from '../../src/index.js';

/** The largest request body accepted; larger ones get 413. A question is at most 500 characters. */
export const bodyLimitBytes = 8 * 1024;

/** A document id as the corpus makes them: lower-case letters, digits and hyphens. */
const documentId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,199}$/, 'must be a document id like us-presses-mexico-on-cartels');

/** `POST /api/ask`'s body. */
export const askBodySchema = z.strictObject({
  question: z
    .string({ error: 'is required: the question, as text' })
    .trim()
    .min(1, 'must not be empty')
    .max(maxQuestionChars, `must be at most ${maxQuestionChars} characters`),
  top: z.number({ error: 'must be a whole number from 1 to 10' }).int().min(1).max(10).optional(),
  article: documentId.optional(),
});

/** `POST /api/feedback`'s body: a reader's mark on a cited paragraph (0: the article's details). */
export const feedbackBodySchema = z.strictObject({
  documentId,
  paragraph: z.number({ error: 'must be a paragraph number, 0 or more' }).int().min(0).max(1_000_000),
  helpful: z.boolean({ error: 'must be true or false' }),
});

export const articleParamsSchema = z.object({ id: documentId });

const citationSchema = z.object({
  documentId: z.string(),
  title: z.string(),
  paragraph: z.number().int().meta({ description: 'Counted from 1 in the article; 0 = the article’s metadata.' }),
  source: z.string().optional(),
  url: z.string().optional(),
});

/** The public JSON contract of an answer (README, "The JSON contract"), as `ask --json` prints it. */
export const answerJsonSchema = z
  .object({
    question: z.string().meta({ description: 'The question as answered (cleaned, at most 500 characters).' }),
    outcome: z.enum(['answered', 'closest', 'declined']),
    answered: z.boolean().meta({ description: 'True for the confident tier ("answered") only.' }),
    confidence: z.number().min(0).max(1),
    results: z
      .array(
        z.object({
          text: z.string().meta({ description: 'Verbatim corpus text, no markup.' }),
          highlights: z
            .array(z.tuple([z.number().int(), z.number().int()]).readonly())
            .readonly()
            .meta({ description: '[start, end) offsets of matched words.' }),
          score: z.number(),
          citation: citationSchema,
        }),
      )
      .readonly(),
    suggestions: z
      .array(z.string())
      .readonly()
      .optional()
      .meta({ description: 'Only when declined: up to 3 questions the story answers.' }),
    reason: z.enum(['no-match', 'empty', 'help', 'unknown-article']).optional().meta({
      description: 'Only when declined: no-match (the story does not say), empty or help (no question was asked), unknown-article.',
    }),
  })
  .meta({ description: 'An answer, in the JSON contract of ask --json.' });

const articleFields = {
  id: z.string(),
  title: z.string(),
  source: z.string().optional(),
  author: z.string().optional(),
  published: z.string().optional(),
  url: z.string().optional(),
};

export const articleListSchema = z.object({
  articles: z.array(z.object({ ...articleFields, paragraphs: z.number().int().meta({ description: 'How many paragraphs.' }) })),
});

export const articleSchema = z.object({
  ...articleFields,
  paragraphs: z.array(z.object({ number: z.number().int(), text: z.string() })),
});

/** Every error reply: a stable code, a sentence, and the field at fault when there is one. */
export const errorSchema = z
  .object({
    error: z.string().meta({ description: 'invalid_request, not_found, payload_too_large, rate_limited, not_ready, …' }),
    message: z.string(),
    field: z.string().optional(),
  })
  .meta({ description: 'An error: a stable code, a sentence, and the field at fault when there is one.' });
