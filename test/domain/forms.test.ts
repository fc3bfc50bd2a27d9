import { describe, expect, it } from 'vitest';
import { answerFields, artifactForms, checkAnswer, type FieldSpec } from '../../src/domain/index.js';

const field = (fields: readonly FieldSpec[], path: string): FieldSpec =>
  path.split('.').reduce<FieldSpec>(
    (spec, key) => {
      const found = spec.fields?.find((f) => f.key === key);
      if (!found) throw new Error(`no field ${key} in ${spec.key}`);
      return found;
    },
    { key: '', fields } as unknown as FieldSpec,
  );

describe('the forms described from the artifact schemas', () => {
  const forms = artifactForms();

  it('describe a roadmap entry: money as money, effort in weeks, horizon as labelled choices, links as pickers', () => {
    const roadmap = forms.roadmap;
    expect(field(roadmap, 'entries').kind).toBe('items');
    expect(field(roadmap, 'entries.financial.oneOffCost')).toMatchObject({ kind: 'money', nullable: true, min: 0 });
    expect(field(roadmap, 'entries.financial.annualEbitdaEffect')).toMatchObject({ kind: 'money', min: null });
    expect(field(roadmap, 'entries.effortWeeks')).toMatchObject({ kind: 'number', unit: 'weeks', max: 520 });
    expect(field(roadmap, 'entries.horizon').options).toEqual([
      { value: '0-6', label: '0–6 months' },
      { value: '6-18', label: '6–18 months' },
      { value: '18-36', label: '18–36 months' },
    ]);
    expect(field(roadmap, 'entries.trendIds')).toMatchObject({ kind: 'refs', refersTo: 'trends' });
    expect(field(roadmap, 'entries.riskIds')).toMatchObject({ kind: 'refs', refersTo: 'risks' });
    expect(field(roadmap, 'entries.metric')).toMatchObject({ kind: 'group', nullable: true });
    expect(field(roadmap, 'entries.metric.target')).toMatchObject({ kind: 'text', nullable: false });
    expect(field(roadmap, 'entries.deadline').kind).toBe('deadline');
  });

  it('describe a risk: scores 1–5 with their words, a review date, a trend picker, and a gap allowed', () => {
    expect(field(forms.risks, 'risks.likelihood')).toMatchObject({
      kind: 'score',
      nullable: true,
      scale: ['rare', 'unlikely', 'possible', 'likely', 'almost certain'],
    });
    expect(field(forms.risks, 'risks.impact').scale?.[4]).toBe('severe');
    expect(field(forms.risks, 'risks.reviewDate').kind).toBe('date');
    expect(field(forms.risks, 'risks.trendId')).toMatchObject({ kind: 'ref', refersTo: 'trends', nullable: true });
    expect(field(forms.risks, 'risks.category').options?.map((o) => o.value)).toContain('regulatory');
  });

  it('describe every step, each field with a kind a form can show', () => {
    const kinds = new Set<string>();
    const walk = (fs: readonly FieldSpec[]) =>
      fs.forEach((f) => {
        kinds.add(f.kind);
        if (f.fields) walk(f.fields);
      });
    for (const fs of Object.values(forms)) walk(fs);
    expect(Object.keys(forms).sort()).toEqual(
      ['context', 'dialogue', 'impact', 'risks', 'roadmap', 'sounding_board', 'trends'].sort(),
    );
    expect([...kinds].sort()).toEqual(
      [
        'boolean',
        'choice',
        'date',
        'deadline',
        'group',
        'id',
        'items',
        'list',
        'longText',
        'money',
        'number',
        'ref',
        'refs',
        'score',
        'text',
      ].sort(),
    );
  });
});

describe('a question’s form', () => {
  it('has one field per path the question fills, described from the schema', () => {
    const fields = answerFields('roadmap', ['entries[].title', 'entries[].financial.oneOffCost', 'entries[].metric']);
    expect(fields.map((f) => [f.path, f.spec.kind])).toEqual([
      ['entries[].title', 'text'],
      ['entries[].financial.oneOffCost', 'money'],
      ['entries[].metric', 'group'],
    ]);
    expect(answerFields('context', ['constraints.budget', 'keyNumbers']).map((f) => f.spec.kind)).toEqual([
      'longText',
      'items',
    ]);
  });

  it('refuses a path the schema does not have (a broken bank)', () => {
    expect(() => answerFields('roadmap', ['entries[].cost'])).toThrow(/entries\[\]\.cost names nothing/);
  });

  it('checks the values against each field’s schema, naming the field at fault', () => {
    const fills = ['entries[].title', 'entries[].financial.oneOffCost', 'entries[].effortWeeks'];
    expect(checkAnswer('roadmap', fills, { 'entries[].title': ' Vision pilot ', 'entries[].effortWeeks': '' })).toEqual(
      {
        'entries[].title': 'Vision pilot',
        'entries[].effortWeeks': null,
      },
    );
    expect(() => checkAnswer('roadmap', fills, { 'entries[].financial.oneOffCost': -5 })).toThrow(
      expect.objectContaining({ field: 'answer.values.entries[].financial.oneOffCost' }),
    );
    expect(() => checkAnswer('roadmap', fills, { 'entries[].owner': 'Dana' })).toThrow(
      expect.objectContaining({ field: 'answer.values.entries[].owner' }),
    );
    expect(() => checkAnswer('risks', ['risks[].likelihood'], { 'risks[].likelihood': 7 })).toThrow(/likelihood/);
  });
});
