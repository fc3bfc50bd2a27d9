export { createOfflineFacilitator, OFFLINE_IDENTITY, type OfflineFacilitatorOptions } from './facilitator.js';
export {
  loadBanks,
  parseBank,
  BANK_SCHEMAS,
  OFFLINE_BANKS_DIR,
  type OfflineBanks,
  type CatalogueTrend,
} from './bank.js';
