import { describe, expect, it } from 'vitest';
import { checkReadings, type ListedReading } from '../../eval/advisor.js';

const reading = (over: Partial<ListedReading>): ListedReading => ({
  field: 'entries[].financial.oneOffCost',
  label: 'One-off cost',
  kind: 'money',
  value: 450,
  readFrom: 'Cost EUR 450.000 one-off',
  ...over,
});

const roadmap = (...costs: Array<number | null>) => ({
  entries: costs.map((oneOffCost, i) => ({ id: `e${i + 1}`, financial: { oneOffCost, annualEbitdaEffect: null } })),
});

describe("the eval's advisor, checking what a draft read from the chat", () => {
  it('corrects a number its words do not say to the one they do, in the item that holds it', () => {
    const { data, corrections } = checkReadings(roadmap(90_000, 450), [reading({})]);
    expect(data).toEqual(roadmap(90_000, 450_000));
    expect(corrections).toEqual(['One-off cost 450 → 450000 (“Cost EUR 450.000 one-off”)']);
  });

  it('leaves a value its words say, and a value it cannot check (no words, not a number)', () => {
    const readings = [
      reading({ value: 90_000, readFrom: 'one-off cost 90k' }),
      reading({ value: 450, readFrom: null }),
      reading({ field: 'entries[].owner', kind: 'text', value: 'Priya', readFrom: 'owner Priya' }),
    ];
    expect(checkReadings(roadmap(90_000, 450), readings)).toEqual({ data: roadmap(90_000, 450), corrections: [] });
  });

  it('leaves a gap where the words say several amounts, rather than choose one', () => {
    const { data } = checkReadings(roadmap(1.2), [
      reading({ value: 1.2, readFrom: 'EUR 300.000 a year after € 1,2 Mio. one-off' }),
    ]);
    expect(data).toEqual(roadmap(null));
  });
});
