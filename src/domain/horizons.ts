/* No zod here: the page imports this module too (bundled at /shared/domain.mjs). */

/** The horizons the method forecasts in, in months. */
export const HORIZONS = ['0-6', '6-18', '18-36'] as const;
export type Horizon = (typeof HORIZONS)[number];

export const HORIZON_LABELS: Readonly<Record<Horizon, string>> = {
  '0-6': '0–6 months',
  '6-18': '6–18 months',
  '18-36': '18–36 months',
};
