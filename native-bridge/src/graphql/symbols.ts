import { badInput } from '@b3/kit';

const SYMBOL = /^[A-Z0-9]{4,12}$/;
const EXCHANGE = /^[A-Z]$/;
const MAX_SYMBOLS = 50;

/** Normalized instruments, or BAD_USER_INPUT naming the first offending entry, before anything is changed. */
export function checkSymbols(input: ReadonlyArray<{ symbol: string; exchange: string }>): Array<{ symbol: string; exchange: string }> {
  if (input.length === 0 || input.length > MAX_SYMBOLS) throw badInput(`Give 1 to ${MAX_SYMBOLS} symbols`, { field: 'symbols' });
  return input.map((item, index) => {
    const symbol = item.symbol.trim().toUpperCase();
    const exchange = item.exchange.trim().toUpperCase();
    if (!SYMBOL.test(symbol)) throw badInput(`symbols[${index}].symbol "${item.symbol}" is not a B3 ticker`, { field: `symbols[${index}].symbol` });
    if (!EXCHANGE.test(exchange)) throw badInput(`symbols[${index}].exchange "${item.exchange}" is not an exchange letter`, { field: `symbols[${index}].exchange` });
    return { symbol, exchange };
  });
}
