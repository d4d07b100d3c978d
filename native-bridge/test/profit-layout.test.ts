import koffi from 'koffi';
import { DEFAULT_SIMULATOR_PATH } from '../src/profit/profit.library';
import { PROFIT_STRUCTS, TConnectorAssetIdentifier, TConnectorTrade, TSystemTime } from '../src/profit/profit.types';
import { buildSimulator } from './simulator.helper';

interface CompilerLayout {
  size: number;
  fields: Record<string, number>;
}

/** Size and top-level field offsets as koffi lays them out. */
function koffiLayout(name: string): CompilerLayout {
  const info = koffi.type(PROFIT_STRUCTS[name]) as unknown as { size: number; members: Record<string, { offset: number }> };
  return { size: info.size, fields: Object.fromEntries(Object.entries(info.members).map(([field, m]) => [field, m.offset])) };
}

describe('ProfitDLL struct layouts (x64)', () => {
  let structLayout: (name: string, buf: Buffer, len: number) => number;

  beforeAll(() => {
    buildSimulator();
    structLayout = koffi.load(DEFAULT_SIMULATOR_PATH).func('Sim_StructLayout', 'int32', ['str', koffi.out('char *'), 'int32']) as never;
  });

  /** What the simulator's C compiler made of the same struct in include/profitdll_abi.h (sizeof/offsetof). */
  function compilerLayout(name: string): CompilerLayout {
    const buf = Buffer.alloc(4096);
    const length = structLayout(name, buf, buf.length);
    expect(length).toBeGreaterThan(0);
    return JSON.parse(buf.toString('utf8', 0, length)) as CompilerLayout;
  }

  it.each(Object.keys(PROFIT_STRUCTS))('%s: size and every field offset equal the C compiler’s', (name) => {
    expect(koffiLayout(name)).toEqual(compilerLayout(name));
  });

  // Spot checks straight from the ABI.md §2 tables, so a shared mistake in both declarations still fails.
  it.each([
    ['TSystemTime', 16, { wDay: 6, wMilliseconds: 14 }],
    ['TAssetIDRec', 20, { pwcBolsa: 8, nFeed: 16 }],
    ['TConnectorAssetIdentifier', 32, { Ticker: 8, Exchange: 16, FeedType: 24 }],
    ['TConnectorAccountIdentifierOut', 424, { AccountIDLength: 208, SubAccountID: 212, Reserved: 416 }],
    ['TConnectorSendOrder', 120, { AssetID: 40, Password: 72, OrderType: 80, OrderSide: 81, Price: 88, Quantity: 104, MessageID: 112 }],
    ['TConnectorChangeOrder', 104, { OrderID: 40, Password: 64, Price: 72, MessageID: 96 }],
    ['TConnectorCancelOrder', 80, { OrderID: 40, MessageID: 72 }],
    ['TConnectorZeroPosition', 104, { Price: 80, PositionType: 88, MessageID: 96 }],
    ['TConnectorOrder', 232, { AccountID: 32, AssetID: 64, OrderStatus: 146, Date: 148, ValidityDate: 196, TextMessage: 216, EventID: 224 }],
    ['TConnectorOrderOut', 640, { AssetID: 456, Quantity: 496, OrderSide: 544, Date: 548, TextMessage: 616, TextMessageLength: 624, EventID: 632 }],
    ['TConnectorTradingAccountOut', 96, { BrokerName: 40, AccountFlags: 84, AccountType: 88 }],
    ['TConnectorTradingAccountPosition', 216, { OpenSide: 88, DailyQuantityD1: 128, DailyQuantityAvailable: 192, PositionType: 200, EventID: 208 }],
    ['TConnectorTrade', 64, { TradeDate: 2, TradeNumber: 20, Price: 24, TradeType: 56 }],
    ['TConnectorPriceGroup', 40, { Price: 8, Count: 16, Quantity: 24, PriceGroupFlags: 32 }],
  ] as const)('%s matches ABI.md §2', (name, size, offsets) => {
    const layout = koffiLayout(name);
    expect(layout.size).toBe(size);
    for (const [field, offset] of Object.entries(offsets)) expect([field, layout.fields[field]]).toEqual([field, offset]);
  });

  it('keeps TSystemTime 2-byte aligned and the trade and asset records as the trade path decodes them', () => {
    expect(koffi.alignof(TSystemTime)).toBe(2);
    expect(koffi.sizeof(TConnectorAssetIdentifier)).toBe(32);
    expect(koffi.sizeof(TConnectorTrade)).toBe(64);
  });
});
