import { ALWAYS_OPEN_CALENDAR, B3_HOLIDAYS_2026, classifyB3Symbol, DEFAULT_TRADING_CALENDAR, TradingCalendar, type TradingCalendarConfig } from './trading-calendar';

/** An instant given as São Paulo wall-clock time (UTC−3 in 2026, written out so the test is readable). */
const sp = (localDateTime: string): number => Date.parse(`${localDateTime}-03:00`);

describe('TradingCalendar', () => {
  const calendar = new TradingCalendar();

  describe('a weekday session, [09:00:00, 18:00:00) São Paulo', () => {
    it('opens at 09:00:00 exactly, not a millisecond before', () => {
      expect(calendar.isOpen('PETR4', sp('2026-03-02T08:59:59.999'))).toMatchObject({ open: false, reason: 'BEFORE_OPEN', localTime: '08:59:59' });
      expect(calendar.isOpen('PETR4', sp('2026-03-02T09:00:00'))).toEqual({
        open: true,
        reason: 'OPEN',
        localDate: '2026-03-02',
        localTime: '09:00:00',
        session: { open: '09:00', close: '18:00' },
      });
    });

    it('closes at 18:00:00 exactly: the last accepted instant is 17:59:59.999', () => {
      expect(calendar.isOpen('PETR4', sp('2026-03-02T17:59:59.999'))).toMatchObject({ open: true, localTime: '17:59:59' });
      expect(calendar.isOpen('PETR4', sp('2026-03-02T18:00:00'))).toMatchObject({ open: false, reason: 'AFTER_CLOSE', localTime: '18:00:00' });
    });

    it('reads the São Paulo date, not the UTC one', () => {
      // 23:30 Friday in São Paulo is already Saturday in UTC: after close, not weekend
      expect(calendar.isOpen('PETR4', sp('2026-03-06T23:30:00'))).toMatchObject({ open: false, reason: 'AFTER_CLOSE', localDate: '2026-03-06' });
      // 22:00 Sunday in São Paulo is 01:00 Monday in UTC: still the weekend
      expect(calendar.isOpen('PETR4', sp('2026-03-08T22:00:00'))).toMatchObject({ open: false, reason: 'WEEKEND', localDate: '2026-03-08' });
    });

    it('gets the seconds right for several instants inside one minute (the memoised minute)', () => {
      for (const s of ['00', '17', '59']) expect(calendar.isOpen('PETR4', sp(`2026-03-02T11:42:${s}.5`)).localTime).toBe(`11:42:${s}`);
    });
  });

  it('is closed all weekend', () => {
    for (const at of ['2026-03-07T12:00:00', '2026-03-08T12:00:00']) {
      expect(calendar.isOpen('PETR4', sp(at))).toMatchObject({ open: false, reason: 'WEEKEND', session: null });
    }
  });

  it('is closed all day on a B3 holiday', () => {
    expect(calendar.isOpen('PETR4', sp('2026-04-03T12:00:00'))).toMatchObject({ open: false, reason: 'HOLIDAY', session: null });
    expect(calendar.isOpen('WINZ26', sp('2026-12-24T12:00:00'))).toMatchObject({ open: false, reason: 'HOLIDAY' });
    expect(calendar.sessionFor('PETR4', '2026-04-03')).toBeNull();
    expect(calendar.sessionFor('PETR4', '2026-04-06')).toEqual({ open: '09:00', close: '18:00' });
  });

  it('opens late on Ash Wednesday', () => {
    expect(calendar.isOpen('PETR4', sp('2026-02-18T12:59:59'))).toMatchObject({ open: false, reason: 'BEFORE_OPEN', session: { open: '13:00', close: '18:00' } });
    expect(calendar.isOpen('PETR4', sp('2026-02-18T13:00:00'))).toMatchObject({ open: true });
  });

  it('lets futures trade until 18:25 and a symbol override win over its asset class', () => {
    expect(calendar.isOpen('WINZ26', sp('2026-03-02T18:24:59'))).toMatchObject({ open: true, session: { open: '09:00', close: '18:25' } });
    expect(calendar.isOpen('WINZ26', sp('2026-03-02T18:25:00'))).toMatchObject({ open: false, reason: 'AFTER_CLOSE' });
    const custom = new TradingCalendar({ ...DEFAULT_TRADING_CALENDAR, symbolSessions: { WDOF27: { open: '09:00', close: '18:30' } } });
    expect(custom.isOpen('WDOF27', sp('2026-03-02T18:29:59'))).toMatchObject({ open: true });
    expect(custom.isOpen('WINZ26', sp('2026-03-02T18:29:59'))).toMatchObject({ open: false });
  });

  it('takes a configured holiday list', () => {
    const custom = new TradingCalendar({ ...DEFAULT_TRADING_CALENDAR, holidays: ['2026-03-02'] });
    expect(custom.isOpen('PETR4', sp('2026-03-02T12:00:00'))).toMatchObject({ open: false, reason: 'HOLIDAY' });
    expect(custom.isOpen('PETR4', sp('2026-04-03T12:00:00'))).toMatchObject({ open: true });
  });

  it('asks Intl for the offset instead of assuming −3: a zone with daylight saving follows it', () => {
    const newYork: TradingCalendarConfig = { ...DEFAULT_TRADING_CALENDAR, timeZone: 'America/New_York', holidays: [], specialDays: {} };
    const nyse = new TradingCalendar(newYork);
    // 13:00 UTC is 09:00 EDT in July and 08:00 EST in January
    expect(nyse.isOpen('PETR4', Date.parse('2026-07-01T13:00:00Z'))).toMatchObject({ open: true, localTime: '09:00:00' });
    expect(nyse.isOpen('PETR4', Date.parse('2026-01-07T13:00:00Z'))).toMatchObject({ open: false, localTime: '08:00:00' });
  });

  it('says which years it has holidays for', () => {
    expect(calendar.hasHolidaysFor(2026)).toBe(true);
    expect(calendar.hasHolidaysFor(2027)).toBe(false);
  });

  it('ships only weekday 2026 holidays (a weekend holiday needs no entry)', () => {
    for (const date of B3_HOLIDAYS_2026) {
      expect(date.startsWith('2026-')).toBe(true);
      expect([0, 6]).not.toContain(new Date(`${date}T00:00:00Z`).getUTCDay());
    }
  });

  it('refuses a broken configuration at construction', () => {
    expect(() => new TradingCalendar({ ...DEFAULT_TRADING_CALENDAR, defaultSession: { open: '18:00', close: '09:00' } })).toThrow(/not before close/);
    expect(() => new TradingCalendar({ ...DEFAULT_TRADING_CALENDAR, defaultSession: { open: '9:00', close: '18:00' } })).toThrow(/time of day/);
    expect(() => new TradingCalendar({ ...DEFAULT_TRADING_CALENDAR, holidays: ['03/04/2026'] })).toThrow(/YYYY-MM-DD/);
    expect(() => new TradingCalendar({ ...DEFAULT_TRADING_CALENDAR, timeZone: 'Mars/Olympus_Mons' })).toThrow(RangeError);
  });
});

describe('classifyB3Symbol', () => {
  it('tells futures from shares, units and ETFs', () => {
    expect(['WINZ26', 'WDOF27', 'INDG26', 'DOLH26', 'DI1F27'].map(classifyB3Symbol)).toEqual(Array(5).fill('FUTURE'));
    // KLBN11 has a future's shape (3 characters, month code N, 2 digits) but is a unit
    expect(['PETR4', 'VALE3', 'KLBN11', 'BOVA11', 'PETR4F'].map(classifyB3Symbol)).toEqual(Array(5).fill('STOCK'));
  });

  it('keeps the simulator venue open around the clock, B3 holidays and weekends included', () => {
    const always = new TradingCalendar(ALWAYS_OPEN_CALENDAR);
    const b3 = new TradingCalendar();
    const sundayNight = Date.parse('2026-11-29T23:30:00-03:00');
    const christmas = Date.parse('2026-12-25T12:00:00-03:00');
    expect(b3.isOpen('PETR4', sundayNight)).toMatchObject({ open: false, reason: 'WEEKEND' });
    expect(always.isOpen('PETR4', sundayNight)).toMatchObject({ open: true, reason: 'OPEN' });
    expect(b3.isOpen('WINZ26', christmas)).toMatchObject({ open: false, reason: 'HOLIDAY' });
    expect(always.isOpen('WINZ26', christmas).open).toBe(true);
    expect(always.isOpen('WINZ26', Date.parse('2026-11-27T00:00:00-03:00')).open).toBe(true);
  });
});
