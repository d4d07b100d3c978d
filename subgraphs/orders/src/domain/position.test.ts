import fc from 'fast-check';
import { brlAmount, type ExactBrl, parseBrl, parseMultiplier } from './money';
import {
  applyFill,
  applyFills,
  emptyPosition,
  type Fill,
  type Position,
  positionFromFills,
  positionSide,
  unrealizedPnl,
} from './position';
import { aFill, aPosition, buy, sell } from './position.builders';

/** Applies fills one at a time through applyFill, the way live callbacks arrive. */
function replay(position: Position, fills: readonly Fill[]): Position {
  return fills.reduce((current, fill) => applyFill(current, fill).position, position);
}

const text = (amount: ExactBrl): string => brlAmount(amount).text;

describe('position, average price method (hand-computed)', () => {
  it('averages buys, realizes a partial sale against the average, and crosses through zero', () => {
    // buy 100 @ 10.00 and 100 @ 11.00: cost 1,000 + 1,100 = 2,100 for 200 -> average 10.50.
    let position = aPosition({ fills: [buy(100, '10.00'), buy(100, '11.00')] });
    expect(position.netQuantity).toBe(200);
    expect(position.averagePrice).toBe('10.5');
    expect(position.realizedPnl).toBe(0n);
    expect(positionSide(position)).toBe('LONG');

    // sell 150 @ 12.00: (12.00 - 10.50) x 150 = 225.00; the average of what is left does not change.
    position = replay(position, [sell(150, '12.00')]);
    expect(position.netQuantity).toBe(50);
    expect(position.averagePrice).toBe('10.5');
    expect(position.realizedPnl).toBe(parseBrl('225'));
    expect(text(position.realizedPnl)).toBe('225.00');

    // sell 100 @ 9.00: closes the 50 long at the average, (9.00 - 10.50) x 50 = -75.00 (225 - 75 = 150),
    // then opens short 50 at the fill price, 9.00.
    position = replay(position, [sell(100, '9.00')]);
    expect(position.netQuantity).toBe(-50);
    expect(positionSide(position)).toBe('SHORT');
    expect(position.averagePrice).toBe('9');
    expect(text(position.realizedPnl)).toBe('150.00');

    // buy 20 @ 8.00 covers part of the short: (9.00 - 8.00) x 20 = 20.00 -> 170.00.
    position = replay(position, [buy(20, '8.00')]);
    expect(position.netQuantity).toBe(-30);
    expect(position.averagePrice).toBe('9');
    expect(text(position.realizedPnl)).toBe('170.00');

    // buy 30 @ 8.50 closes it: (9.00 - 8.50) x 30 = 15.00 -> 185.00. Cash check: sold 1,800 + 900 = 2,700,
    // bought 1,000 + 1,100 + 160 + 255 = 2,515, difference 185.00.
    position = replay(position, [buy(30, '8.50')]);
    expect(position.netQuantity).toBe(0);
    expect(positionSide(position)).toBe('FLAT');
    expect(position.averagePrice).toBeNull();
    expect(position.costBasis).toBe(0n);
    expect(position.realizedPnl).toBe(parseBrl('185'));
  });

  it('adds to a short at a new average, and realizes a short cover the right way round', () => {
    // sell 100 @ 20 and 100 @ 22 -> short 200 @ 21; buy 50 @ 19 -> (21 - 19) x 50 = 100.00.
    const position = aPosition({ fills: [sell(100, '20'), sell(100, '22'), buy(50, '19')] });
    expect(position.netQuantity).toBe(-150);
    expect(position.averagePrice).toBe('21');
    expect(text(position.realizedPnl)).toBe('100.00');
  });

  it('applies the contract multiplier: WIN at 0.20 BRL per point', () => {
    // long 2 @ 125000, sell 2 @ 125100: 100 points x 2 contracts x 0.20 = 40.00.
    const position = aPosition({ symbol: 'WINJ25', multiplier: '0.20', fills: [buy(2, '125000'), sell(2, '125100')] });
    expect(position.netQuantity).toBe(0);
    expect(position.realizedPnl).toBe(parseBrl('40'));
    expect(text(position.realizedPnl)).toBe('40.00');
  });

  it('applies the contract multiplier: WDO short at 10 BRL per point, half-point prices', () => {
    // short 1 @ 5000.5, cover @ 4990: 10.5 points x 10 = 105.00.
    const position = aPosition({ symbol: 'WDOJ25', multiplier: '10', fills: [sell(1, '5000.5'), buy(1, '4990')] });
    expect(text(position.realizedPnl)).toBe('105.00');
  });

  it('rounds the displayed average half-even to 4 decimals', () => {
    // (10 + 2 x 11) / 3 = 10.666666... -> 10.6667
    expect(aPosition({ fills: [buy(1, '10'), buy(2, '11')] }).averagePrice).toBe('10.6667');
    // (10.0001 + 10.0002) / 2 = 10.00015 -> tie -> even neighbour 10.0002
    expect(aPosition({ fills: [buy(1, '10.0001'), buy(1, '10.0002')] }).averagePrice).toBe('10.0002');
    // (10.0002 + 10.0003) / 2 = 10.00025 -> tie -> even neighbour 10.0002 (half-up would say 10.0003)
    expect(aPosition({ fills: [buy(1, '10.0002'), buy(1, '10.0003')] }).averagePrice).toBe('10.0002');
  });

  it('realizes from the exact cost basis, so a round trip ends at exactly its cash result', () => {
    // Basis 32.0000 for 3. Selling 1 releases 32/3 = 10.66666... of basis, rounded half-even to one
    // price unit: 10.6667. Realized (12 - 10.6667) x 1 = 1.3333 exactly; 21.3333 stays in the basis.
    let position = aPosition({ fills: [buy(1, '10'), buy(2, '11')] });
    position = replay(position, [sell(1, '12')]);
    expect(position.realizedPnl).toBe(parseBrl('1.3333'));
    expect(position.costBasis).toBe(213_333n);
    // The displayed average is derived from that basis: 21.3333 / 2 = 10.66665 -> tie -> 10.6666.
    expect(position.averagePrice).toBe('10.6666');
    // Selling the last 2 @ 12 realizes 24 - 21.3333 = 2.6667: total 4.0000, exactly 36 received - 32 paid.
    position = replay(position, [sell(2, '12')]);
    expect(position.realizedPnl).toBe(parseBrl('4'));
    // Had the rounded average (10.6667) been used for both sales, the total would be 3.9999: that is drift.
  });

  it('computes unrealized P&L at a mark exactly, and rounds it half-even only for display', () => {
    const long50 = aPosition({ fills: [buy(100, '10.00'), buy(100, '11.00'), sell(150, '12.00')] }); // 50 @ 10.50
    expect(text(unrealizedPnl(long50, '11.237'))).toBe('36.85'); // 0.737 x 50
    expect(unrealizedPnl(long50, '10.5033')).toBe(parseBrl('0.165')); // 0.0033 x 50, kept exact
    expect(text(unrealizedPnl(long50, '10.5033'))).toBe('0.16'); // tie -> even
    expect(text(unrealizedPnl(long50, '10.5035'))).toBe('0.18'); // 0.175, tie -> even
    expect(text(unrealizedPnl(long50, '10'))).toBe('-25.00');

    const short50 = aPosition({ fills: [sell(50, '9')] });
    expect(text(unrealizedPnl(short50, '9.5'))).toBe('-25.00');
    expect(text(unrealizedPnl(short50, '9.0033'))).toBe('-0.16');
    expect(text(unrealizedPnl(short50, '8'))).toBe('50.00');

    // WIN short 3 @ 125000, cover 1 @ 124900 (+20.00), mark 124950: 50 points x 2 x 0.20 = 20.00.
    const win = aPosition({ symbol: 'WINJ25', multiplier: '0.20', fills: [sell(3, '125000'), buy(1, '124900')] });
    expect(text(win.realizedPnl)).toBe('20.00');
    expect(text(unrealizedPnl(win, '124950'))).toBe('20.00');

    expect(unrealizedPnl(aPosition(), '10')).toBe(0n);
  });

  it('ignores a fill it has already applied', () => {
    const first = buy(100, '10');
    const once = applyFill(aPosition(), first);
    expect(once.outcome).toBe('APPLIED');
    const twice = applyFill(once.position, first);
    expect(twice.outcome).toBe('DUPLICATE');
    expect(twice.position).toBe(once.position);
    // Identity is the fillId alone: a replay with different fields is still the same trade.
    expect(applyFill(once.position, { ...first, quantity: 999 }).outcome).toBe('DUPLICATE');
    expect(applyFills(aPosition(), [first, first, first]).netQuantity).toBe(100);
  });

  it('does not reopen a closed position when the closing fill is delivered again', () => {
    const close = sell(100, '11');
    const position = replay(aPosition(), [buy(100, '10'), close, close]);
    expect(position.netQuantity).toBe(0);
    expect(text(position.realizedPnl)).toBe('100.00');
  });

  it('remembers the last fill', () => {
    const time = new Date('2025-03-10T15:30:00Z');
    const position = aPosition({ fills: [buy(100, '10'), sell(40, '10.25', { time })] });
    expect(position.lastFillPrice).toBe('10.25');
    expect(position.lastFillTime).toBe(time);
  });

  it('treats malformed fills as bugs', () => {
    const position = aPosition();
    for (const fill of [
      aFill({ quantity: 0 }),
      aFill({ quantity: 1.5 }),
      aFill({ price: '10.00001' }),
      aFill({ price: '-10' }),
      aFill({ price: '0' }),
      aFill({ fillId: '' }),
      aFill({ time: new Date(Number.NaN) }),
      { ...aFill(), side: 'HOLD' } as unknown as Fill,
    ]) {
      expect(() => applyFill(position, fill)).toThrow(RangeError);
    }
    expect(() => emptyPosition('', 'PETR4', parseMultiplier('1'))).toThrow(RangeError);
  });
});

// ---- property tests -------------------------------------------------------------------------------

const PRICE_DENOMINATOR = 10_000n;
/** Independent of money.ts: price units written out with four decimals, padding and all. */
const priceText = (units: bigint): string => `${units / PRICE_DENOMINATOR}.${(units % PRICE_DENOMINATOR).toString().padStart(4, '0')}`;

interface RawFill {
  side: 'BUY' | 'SELL';
  quantity: number;
  priceUnits: bigint;
}

const rawFill = fc.record({
  side: fc.constantFrom<'BUY' | 'SELL'>('BUY', 'SELL'),
  // Small quantities as well as large ones, so sequences often go flat and cross zero exactly.
  quantity: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5_000 })),
  // Up to 2,000,000.0000 points, with any 4-decimal price, so the rounding paths are exercised.
  priceUnits: fc.bigInt({ min: 1n, max: 20_000_000_000n }),
});
// Stocks 1, WIN 0.20, WDO 10, DOL 50, and arbitrary 4-decimal multipliers.
const multiplierUnits = fc.oneof(fc.constantFrom(10_000n, 2_000n, 100_000n, 500_000n), fc.bigInt({ min: 1n, max: 1_000_000n }));
const markUnits = fc.bigInt({ min: 1n, max: 20_000_000_000n });

const toFills = (raws: readonly RawFill[]): Fill[] =>
  raws.map((raw, index) => ({
    fillId: `P${index}`,
    side: raw.side,
    quantity: raw.quantity,
    price: priceText(raw.priceUnits),
    time: new Date(Date.UTC(2025, 2, 10, 13, 0, index)),
  }));

const signedQuantity = (raw: RawFill): bigint => (raw.side === 'BUY' ? BigInt(raw.quantity) : -BigInt(raw.quantity));
const build = (fills: readonly Fill[], multiplier: bigint): Position =>
  positionFromFills('ACC-P', 'TEST3', parseMultiplier(priceText(multiplier)), fills);

describe('position properties', () => {
  it('net quantity is the sum of the signed fill quantities', () => {
    fc.assert(
      fc.property(fc.array(rawFill, { maxLength: 60 }), (raws) => {
        const expected = raws.reduce((sum, raw) => sum + signedQuantity(raw), 0n);
        expect(BigInt(build(toFills(raws), 10_000n).netQuantity)).toBe(expected);
      }),
    );
  });

  it('realized + unrealized at a mark equals the cash result, exactly', () => {
    fc.assert(
      fc.property(fc.array(rawFill, { maxLength: 60 }), multiplierUnits, markUnits, (raws, multiplier, mark) => {
        const position = build(toFills(raws), multiplier);
        // Cash computed independently, in 1e-8 BRL: a buy pays price x quantity, a sell receives it, and
        // whatever is still open is worth net x mark. Price (1e-4) x multiplier (1e-4) gives 1e-8.
        const net = raws.reduce((sum, raw) => sum + signedQuantity(raw), 0n);
        const cash = raws.reduce((sum, raw) => sum - signedQuantity(raw) * raw.priceUnits * multiplier, 0n);
        const expected = cash + net * mark * multiplier;
        expect(position.realizedPnl + unrealizedPnl(position, priceText(mark))).toBe(expected);
        // And with nothing open, realized alone is the cash result: no rounding is left behind.
        if (net === 0n) expect(position.realizedPnl).toBe(cash);
      }),
    );
  });

  it('each reduction realizes (exit - exact average) x quantity, to within half a price unit', () => {
    fc.assert(
      fc.property(fc.array(rawFill, { maxLength: 60 }), multiplierUnits, (raws, multiplier) => {
        let position = build([], multiplier);
        for (const [index, fill] of toFills(raws).entries()) {
          const before = position;
          position = applyFill(before, fill).position;
          const net = BigInt(before.netQuantity);
          const fillSigned = signedQuantity(raws[index]);
          if (net === 0n || net > 0n === fillSigned > 0n) {
            expect(position.realizedPnl).toBe(before.realizedPnl); // adding never realizes
            continue;
          }
          const closing = (fillSigned < 0n ? -fillSigned : fillSigned) >= (net < 0n ? -net : net) ? net : -fillSigned;
          const realizedPoints = (position.realizedPnl - before.realizedPnl) / multiplier;
          expect(realizedPoints * multiplier).toBe(position.realizedPnl - before.realizedPnl);
          // Exact: exit x closing - basis x closing / net. Multiplied through by net to stay in integers.
          const error = realizedPoints * net - (raws[index].priceUnits * closing * net - before.costBasis * closing);
          const absolute = error < 0n ? -error : error;
          expect(2n * absolute <= (net < 0n ? -net : net)).toBe(true);
          if (closing === net) expect(absolute).toBe(0n); // a full close releases the whole basis
        }
      }),
    );
  });

  it('duplicate deliveries, wherever they arrive after the original, change nothing', () => {
    fc.assert(
      fc.property(
        fc.array(rawFill, { minLength: 1, maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 40 }),
        (raws, duplicates) => {
          const fills = toFills(raws);
          const delivered = [...fills];
          for (const [which, offset] of duplicates) {
            const original = fills[which % fills.length];
            const at = delivered.indexOf(original);
            delivered.splice(at + 1 + (offset % (delivered.length - at)), 0, { ...original });
          }
          const expected = build(fills, 2_000n);
          expect(build(delivered, 2_000n)).toEqual(expected);
          expect(replay(build([], 2_000n), delivered)).toEqual(expected);
        },
      ),
    );
  });

  it('applying fills one by one and as a batch give the same position', () => {
    fc.assert(
      fc.property(fc.array(rawFill, { maxLength: 40 }), fc.nat(), (raws, split) => {
        const fills = toFills(raws);
        const cut = fills.length === 0 ? 0 : split % fills.length;
        const batch = build(fills, 10_000n);
        expect(replay(build([], 10_000n), fills)).toEqual(batch);
        expect(applyFills(build(fills.slice(0, cut), 10_000n), fills.slice(cut))).toEqual(batch);
      }),
    );
  });

  it('the average stays between the lowest and highest prices that opened the position', () => {
    fc.assert(
      fc.property(fc.array(rawFill, { maxLength: 60 }), (raws) => {
        let position = build([], 10_000n);
        let net = 0n;
        let opening: bigint[] = []; // prices of the fills that built the open position
        for (const [index, fill] of toFills(raws).entries()) {
          const raw = raws[index];
          const signed = signedQuantity(raw);
          if (net === 0n || net > 0n === signed > 0n) opening.push(raw.priceUnits);
          else if ((signed < 0n ? -signed : signed) > (net < 0n ? -net : net)) opening = [raw.priceUnits];
          net += signed;
          if (net === 0n) opening = [];
          position = applyFill(position, fill).position;
          if (net === 0n) {
            expect(position.averagePrice).toBeNull();
            continue;
          }
          const average = BigInt(priceTextToUnits(position.averagePrice ?? ''));
          const low = opening.reduce((a, b) => (a < b ? a : b));
          const high = opening.reduce((a, b) => (a > b ? a : b));
          expect(average >= low && average <= high).toBe(true);
        }
      }),
    );
  });
});

/** The canonical average back to units, without money.ts, for the bound check. */
function priceTextToUnits(price: string): bigint {
  const [integer, fraction = ''] = price.split('.');
  return BigInt(integer) * PRICE_DENOMINATOR + BigInt(fraction.padEnd(4, '0'));
}
