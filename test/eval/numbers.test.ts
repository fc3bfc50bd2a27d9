import { describe, expect, it } from 'vitest';
import { digitsValue, readNumbers } from '../../eval/checks/numbers.js';

const values = (text: string) => readNumbers(text).map((n) => n.value);

describe('reading numbers as people write them', () => {
  it('reads European amounts to their value', () => {
    expect(values('EUR 450.000 once')).toEqual([450_000]);
    expect(values('about € 1,2 Mio. per year')).toEqual([1_200_000]);
    expect(values('Scrap rate 2,8 %')).toEqual([2.8]);
    expect(values('EUR 1.200.000,50')).toEqual([1_200_000.5]);
  });
  it('reads English amounts, with their scale words', () => {
    expect(values('$212 million, 1,150 drivers, $1.5M, $420k, 94.5')).toEqual([212e6, 1150, 1.5e6, 420e3, 94.5]);
    expect(values('ARR €14.2M')).toEqual([14.2e6]);
  });
  it('marks amounts written with a currency', () => {
    expect(readNumbers('EUR 450.000 and 40 machines').map((n) => n.money)).toEqual([true, false]);
  });
  it('leaves out dates, ids and months', () => {
    expect(values('by 2027-06-30 (2027-Q3), cites t1 and r3, within 18 months')).toEqual([18]);
  });
  it('reads the digits alone by their separators', () => {
    expect(digitsValue('450.000')).toBe(450_000);
    expect(digitsValue('450,000')).toBe(450_000);
    expect(digitsValue('1,2')).toBe(1.2);
    expect(digitsValue('1.5')).toBe(1.5);
  });
});
