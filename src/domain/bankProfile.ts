/**
 * Which question banks fit a client: an industry profile and a region. The offline facilitator's
 * examples (key numbers, regulation) and trend catalogue follow it, so a US freight carrier is not
 * asked about ARR, GDPR or NIS2. Inferred from the client's industry and region words when a session
 * starts; the advisor can change it. No zod here: the page imports it through shared.ts.
 */
export const INDUSTRY_PROFILES = [
  'software_saas',
  'logistics',
  'manufacturing',
  'healthcare_dental',
  'professional_services',
  'retail',
] as const;
export type IndustryProfile = (typeof INDUSTRY_PROFILES)[number];

export const REGIONS = ['eu', 'us', 'uk'] as const;
export type Region = (typeof REGIONS)[number];

export interface BankProfile {
  readonly industry: IndustryProfile;
  readonly region: Region;
}

export const INDUSTRY_PROFILE_LABELS: Readonly<Record<IndustryProfile, string>> = {
  software_saas: 'Software / SaaS',
  logistics: 'Logistics and transport',
  manufacturing: 'Manufacturing',
  healthcare_dental: 'Healthcare and dental',
  professional_services: 'Professional services',
  retail: 'Retail and e-commerce',
};

export const REGION_LABELS: Readonly<Record<Region, string>> = { eu: 'EU', us: 'US', uk: 'UK' };

/** Words in an industry that point to a profile; the first profile with a hit wins, in this order. */
const INDUSTRY_WORDS: ReadonlyArray<readonly [IndustryProfile, RegExp]> = [
  [
    'healthcare_dental',
    /\b(?:dental|dentist|health|healthcare|hospital|clinic|care|medical practice|pharmacy|patients?)\b/i,
  ],
  [
    'logistics',
    /\b(?:logistics|freight|truck(?:ing|load)?|carrier|transport|shipping|courier|3pl|warehous\w*|fleet|haulage|delivery)\b/i,
  ],
  ['software_saas', /\b(?:saas|software|platform|app|cloud|fintech|b2b saas|subscription)\b/i],
  [
    'manufacturing',
    /\b(?:manufactur\w*|machining|cnc|factory|plant|industrial|production|fabrication|automotive supplier|precision)\b/i,
  ],
  ['retail', /\b(?:retail\w*|e-?commerce|shop|store|grocery|consumer brand|d2c|dtc)\b/i],
  [
    'professional_services',
    /\b(?:consult\w*|agency|law|legal|accounting|advisory|professional services|engineering services|architects?)\b/i,
  ],
];

/** Words that place a client: country, state or region names, as people write them in an industry line. */
/**
 * Words that place a client, as people write them with an industry or a region ("US Midwest",
 * "England, UK", "Baden-Württemberg, Germany"); the EU first, so "Ireland and the UK" is the EU's.
 */
const REGION_WORDS: ReadonlyArray<readonly [Region, RegExp]> = [
  [
    'eu',
    /\b(?:EU|Europe|European|Germany|German|France|French|(?<!Northern )Ireland|Irish|Netherlands|Dutch|Spain|Spanish|Italy|Italian|Austria|Belgium|Poland|Sweden|Denmark|Finland|Portugal|Baden-Württemberg|Bavaria)\b/,
  ],
  ['uk', /\b(?:UK|U\.K\.|United Kingdom|England|Scotland|Wales|Northern Ireland|Britain|British|NHS)\b/],
  [
    'us',
    /\b(?:US|U\.S\.|USA|United States|American|Midwest|Texas|California|Ohio|New York|Florida|Illinois|Michigan|Georgia|Indiana|Kentucky)\b/,
  ],
];

export function inferIndustryProfile(industry: string): IndustryProfile | null {
  return INDUSTRY_WORDS.find(([, re]) => re.test(industry))?.[0] ?? null;
}

export function inferRegion(text: string): Region | null {
  return REGION_WORDS.find(([, re]) => re.test(text))?.[0] ?? null;
}

/** Without a word to go on: the banks as they were written, for an EU software company. */
export const DEFAULT_PROFILE: BankProfile = { industry: 'software_saas', region: 'eu' };

/** The profile a new session starts with, from the client's industry and any region words given with it. */
export function inferProfile(industry: string, regionHint = ''): BankProfile {
  return {
    industry: inferIndustryProfile(industry) ?? DEFAULT_PROFILE.industry,
    region: inferRegion(`${regionHint} ${industry}`) ?? DEFAULT_PROFILE.region,
  };
}

export const isIndustryProfile = (v: unknown): v is IndustryProfile =>
  typeof v === 'string' && (INDUSTRY_PROFILES as readonly string[]).includes(v);
export const isRegion = (v: unknown): v is Region =>
  typeof v === 'string' && (REGIONS as readonly string[]).includes(v);
