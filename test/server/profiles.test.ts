import { describe, expect, it } from 'vitest';
import { inferProfile, type BankProfile, type TrendsArtifact } from '../../src/domain/index.js';
import type { SessionView } from '../../src/engine/engine.js';
import { contextStep } from '../../src/facilitators/offline/context.js';
import { createOfflineFacilitator, loadBanks } from '../../src/facilitators/offline/index.js';
import { harness } from '../support/harness.js';
import { NOW, turnInput } from '../offline/driver.js';

const offline = createOfflineFacilitator({ now: () => NOW });
const banks = loadBanks();
/** The context step's opening for a client with this profile, its currency not set unless given. */
const opening = (profile: BankProfile, currency: string | null = null) => {
  const input = turnInput('context', {}, []);
  return offline.opening({ ...input, session: { ...input.session, profile, currency } }).text;
};

describe('question banks that fit the client', () => {
  it('are inferred from the industry and the region words given with it', () => {
    expect(inferProfile('Regional truckload carrier and dedicated fleet', 'US Midwest (Ohio, Indiana)')).toEqual({
      industry: 'logistics',
      region: 'us',
    });
    expect(inferProfile('Dental practice group (NHS and private dentistry)', 'England, UK')).toEqual({
      industry: 'healthcare_dental',
      region: 'uk',
    });
    expect(
      inferProfile('Precision CNC machining for medical and aerospace parts', 'Baden-Württemberg, Germany'),
    ).toEqual({
      industry: 'manufacturing',
      region: 'eu',
    });
    expect(inferProfile('B2B SaaS: invoicing for construction subcontractors', 'Ireland and the UK')).toEqual({
      industry: 'software_saas',
      region: 'eu',
    });
    expect(inferProfile('Boutique law firm')).toEqual({ industry: 'professional_services', region: 'eu' });
    expect(inferProfile('Something else entirely')).toEqual({ industry: 'software_saas', region: 'eu' });
  });

  it('give a US freight carrier its own key numbers, regulation and trends, in dollars, with no ARR, GDPR or NIS2', async () => {
    const us: BankProfile = { industry: 'logistics', region: 'us' };
    expect(opening(us)).toContain('revenue $212M, 1,150 drivers, on-time 97%');
    expect(opening(us)).not.toMatch(/ARR/);
    expect(opening({ industry: 'software_saas', region: 'eu' })).toContain('ARR €8M, 14 engineers, churn 9%');
    // Once the client's currency is set, the example is written in it, as every amount is.
    expect(opening(us, 'USD')).toContain('revenue USD\u00a0212M, 1,150 drivers, on-time 97%');
    expect(opening({ industry: 'logistics', region: 'uk' }, 'EUR')).toContain('revenue EUR\u00a0212M');

    const input = turnInput('context', {}, []);
    const questions = contextStep.questions({
      input: { ...input, session: { ...input.session, profile: us } },
      banks,
      messages: [],
      now: NOW,
    });
    const text = (id: string) => questions.find((q) => q.id === id)!.text;
    // Only the wording follows the profile: each question still fills the fields its form is built from.
    expect(questions.map((q) => [q.id, q.fills])).toEqual(banks.context.questions.map((q) => [q.id, q.fills]));
    expect(text('context.numbers')).toContain('operating ratio');
    expect(text('context.numbers')).not.toMatch(/ARR|cloud spend/);
    expect(text('context.regulation')).toContain('FMCSA hours of service');
    expect(text('context.regulation')).not.toMatch(/GDPR|NIS2|AI Act/);

    const trends = async (profile: BankProfile) => {
      const t = turnInput('trends', {}, []);
      const drafted = await offline.draft({ ...t, session: { ...t.session, profile } }, new AbortController().signal);
      return (drafted.artifact as TrendsArtifact).trends.map((x) => x.name).join('\n');
    };
    expect(await trends(us)).not.toMatch(/EU AI Act|NIS2|Cyber Resilience Act|European Health Data Space/);
    expect(await trends(us)).toMatch(/logistics/i);
    expect(await trends({ industry: 'logistics', region: 'eu' })).toMatch(/NIS2/);
  });

  it('are changed through the API, and the next question follows them', async () => {
    const h = harness(createOfflineFacilitator({ now: () => NOW }));
    const { session } = await h.createSession({
      clientName: 'Ridgeline Freight',
      industry: 'Truckload carrier',
      // Written as people write it: the region is taken whatever its case.
      region: 'US',
    });
    const view = async () => (await (await h.app.request(`/api/sessions/${session.id}`)).json()) as SessionView;
    expect(await view()).toMatchObject({
      client: { profile: { industry: 'logistics', region: 'us' }, profileChosen: true },
      answerForm: { questionId: 'context.services', fields: [{ path: 'services' }] },
    });

    const changed = await h.json('PATCH', `/api/clients/${(await view()).client.id}`, {
      profile: { industry: 'retail', region: 'UK' },
    });
    expect(changed.status).toBe(200);
    expect((await view()).client.profile).toEqual({ industry: 'retail', region: 'uk' });
    const bad = await h.json('PATCH', `/api/clients/${(await view()).client.id}`, {
      profile: { industry: 'mining', region: 'us' },
    });
    expect(bad.status).toBe(422);
    const noRegion = await h.json('PATCH', `/api/clients/${(await view()).client.id}`, {
      profile: { industry: 'retail', region: 'APAC' },
    });
    expect(noRegion.status).toBe(422);
    // null: inferred from the industry again.
    await h.json('PATCH', `/api/clients/${(await view()).client.id}`, { profile: null });
    expect((await view()).client).toMatchObject({
      profile: { industry: 'logistics', region: 'eu' },
      profileChosen: false,
    });
  });
});
