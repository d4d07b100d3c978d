import { vwap } from './vwap';

describe('VWAP (exact)', () => {
  it('Σ turnover / Σ volume', () => {
    // (3850.5 + 7710) / (100 + 200) = 11560.5 / 300 = 38.535
    expect(vwap([{ turnover: '3850.5', volume: 100 }, { turnover: '7710', volume: 200 }])).toBe('38.535');
  });

  it('rounds half away from zero to 4 decimals, without float noise', () => {
    // 10 / 3 = 3.33333… → 3.3333;  0.00005 / 1 → 0.0001;  0.1 + 0.2 as decimals is 0.3 exactly
    expect(vwap([{ turnover: '10', volume: 3 }])).toBe('3.3333');
    expect(vwap([{ turnover: '0.00005', volume: 1 }])).toBe('0.0001');
    expect(vwap([{ turnover: '0.1', volume: 1 }, { turnover: '0.2', volume: 0 }])).toBe('0.3');
  });

  it('is null when nothing traded', () => {
    expect(vwap([])).toBeNull();
    expect(vwap([{ turnover: '0', volume: 0 }])).toBeNull();
  });
});
