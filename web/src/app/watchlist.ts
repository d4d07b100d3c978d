/** Symbols on the desk: the current mini-index and mini-dollar futures, and the two most traded stocks. */
export const WATCHLIST = ['WINZ26', 'WDOZ26', 'PETR4', 'VALE3'] as const;
