import { fc, test } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import calibrationFile from '../../src/answer/calibration.json' with { type: 'json' };
import { featureNames } from '../../src/answer/features.js';
import {
  calibration,
  calibrationSchema,
  confidenceOf,
  confidenceSigns,
  questionFeatureNames,
  relevanceOf,
  type ConfidenceInput,
} from '../../src/answer/model.js';

const share = fc.double({ min: 0, max: 1, noNaN: true });
const input = fc.record(
  Object.fromEntries([...featureNames, ...questionFeatureNames].map((name) => [name, share])) as Record<
    keyof ConfidenceInput,
    typeof share
  >,
);

describe('the answer model', () => {
  it('reads a calibration.json that keeps to its schema, with the closest tier below the answered one', () => {
    expect(calibrationSchema.parse(calibrationFile)).toEqual(calibration);
    expect(calibration.tiers.relevant).toBeGreaterThan(0);
    expect(calibration.tiers.answered).toBeGreaterThan(0);
    expect(calibration.tiers.answered).toBeLessThan(1);
  });

  it('keeps each fitted confidence weight to the sign it is allowed', () => {
    for (const [name, sign] of Object.entries(confidenceSigns)) {
      const weight = calibration.confidence.weights[name as keyof typeof confidenceSigns];
      if (sign > 0) expect(weight).toBeGreaterThanOrEqual(0);
      if (sign < 0) expect(weight).toBeLessThanOrEqual(0);
    }
  });

  test.prop([input, fc.constantFrom(...[...featureNames, ...questionFeatureNames]), share])(
    'gives a confidence from 0 to 1 that moves only the way each input is allowed to move it',
    (base, name, value) => {
      const before = confidenceOf(base);
      const after = confidenceOf({ ...base, [name]: value });
      expect(before).toBeGreaterThanOrEqual(0);
      expect(before).toBeLessThanOrEqual(1);
      const sign = confidenceSigns[name];
      if (sign !== 0 && value !== base[name]) expect(Math.sign(after - before) * Math.sign(value - base[name])).not.toBe(-sign);
    },
  );

  it('takes relevance from the candidate that holds the most of the question', () => {
    expect(relevanceOf([])).toBe(0);
    expect(relevanceOf([{ relevance: 0.3 }, { relevance: 0.7 }, { relevance: 0.5 }])).toBe(0.7);
  });
});
