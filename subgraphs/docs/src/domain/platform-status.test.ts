import { worstStatus } from './platform-status';

describe('worstStatus', () => {
  it('is OK only when every service is', () => {
    expect(worstStatus(['OK', 'OK'])).toBe('OK');
    expect(worstStatus(['OK', 'DEGRADED', 'OK'])).toBe('DEGRADED');
    expect(worstStatus(['DEGRADED', 'DOWN', 'OK'])).toBe('DOWN');
  });

  it('counts an empty platform as DOWN', () => {
    expect(worstStatus([])).toBe('DOWN');
  });
});
