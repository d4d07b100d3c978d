/*
 * Callback shim between ProfitDLL's ConnectorThread and Node.
 *
 * A koffi callback entered from a foreign thread blocks that thread for 16–70 µs and tops out near
 * 13–24k calls/s (measured, ABI.md "Measured on this machine kind"), while the DLL delivers every event
 * through one queue on one thread, so one slow consumer delays trades, books and order events alike. The
 * market-data callbacks are therefore these C functions: they call the accessors the DLL allows inside the
 * callback they accompany (TranslateTrade; GetPriceDepthSideCount and GetPriceGroup), copy the result into
 * native memory and return. Node collects it with one call per kind about once per millisecond. The DLL's
 * thread never waits for Node: a full ring drops, a busy table slot is overwritten.
 *
 * Two shapes of storage, after what the data means:
 * - Trades (live and history) are events: every one matters, in order, so they go through a single-producer /
 *   single-consumer ring. A full ring drops the newest and counts it.
 * - Books and daily aggregates are states: only the latest matters, so each asset has one slot that a newer
 *   snapshot overwrites while Node has not read it (counted as conflated). A slow drain then costs freshness,
 *   never memory or the DLL's time. A per-slot sequence lock lets the drain copy a consistent snapshot while
 *   the DLL's thread may be writing the next one.
 *
 * Books are snapshotted when the DLL says the book is consistent: on a full book (update 4), on a flush (6)
 * closing a prepare (5) burst, and on a lone change (0/1/2/3/8) that no prepare bracketed; changes inside a
 * burst are applied at its flush (ABI.md §6.6). The DLL only allows the book accessors inside its depth
 * callback, so the shim, not Node, has to take the snapshot.
 */
#ifndef PROFIT_SHIM_H
#define PROFIT_SHIM_H

#include "../include/profitdll_abi.h"

#ifdef _WIN32
#define SHIM_API __declspec(dllexport)
#else
#define SHIM_API __attribute__((visibility("default")))
#endif

#define SHIM_TICKER_CHARS 24
#define SHIM_EXCHANGE_CHARS 8
/* Callback durations are counted in buckets of this many ns; the last bucket holds everything longer. */
#define SHIM_HIST_BUCKET_NS 100
#define SHIM_HIST_BUCKETS 256

/* OR-ed into ShimTrade.Flags for trades from the history callback; the DLL's own flags (TC_*) stay as sent. */
#define SHIM_FLAG_HISTORY 0x10000u

/* Levels kept per side, and assets each conflated table holds (a full table drops new assets and counts). */
#define SHIM_BOOK_LEVELS 10
#define SHIM_BOOK_SLOTS 512
#define SHIM_DAILY_SLOTS 512
#define SHIM_DAILY_DATE_CHARS 32

/* What Shim_Install found in the DLL and registered (ShimTableStats.Features). */
#define SHIM_FEATURE_TRADES 1u
#define SHIM_FEATURE_HISTORY 2u
#define SHIM_FEATURE_BOOKS 4u
#define SHIM_FEATURE_DAILIES 8u

/* One trade as Node reads it; field order keeps every member naturally aligned (104 bytes). */
typedef struct {
  uint64_t EnqueuedNs; /* monotonic clock, the same one Node's process.hrtime reads */
  double Price;
  int64_t Quantity;
  double Volume;
  TSystemTime TradeDate;
  uint32_t TradeNumber;
  int32_t BuyAgent;
  int32_t SellAgent;
  uint32_t Flags; /* the DLL's flags, plus SHIM_FLAG_HISTORY */
  uint8_t TradeType;
  uint8_t Translated; /* 0 when TranslateTrade failed: the record carries the asset only */
  uint8_t Reserved[6];
  char Ticker[SHIM_TICKER_CHARS];     /* ASCII, NUL-padded (B3 tickers are ASCII) */
  char Exchange[SHIM_EXCHANGE_CHARS]; /* ASCII, NUL-padded */
} ShimTrade;

typedef struct {
  double Price;
  int64_t Quantity;
  uint32_t Orders; /* TConnectorPriceGroup.Count */
  uint32_t Reserved;
} ShimBookLevel;

/* The top SHIM_BOOK_LEVELS of each side of one asset's aggregated book (544 bytes). */
typedef struct {
  uint64_t EnqueuedNs; /* when the snapshot was taken; same clock as ShimTrade */
  uint64_t Sequence;   /* snapshots taken of this asset since Shim_Install: 1, 2, ... (gaps = conflated) */
  int32_t BidCount;    /* levels filled in Bids, best (highest) first */
  int32_t AskCount;    /* levels filled in Asks, best (lowest) first */
  uint8_t Auction;     /* the DLL showed a theoretical slot (PG_IS_THEORIC); it is not among the levels */
  uint8_t Reserved[7];
  char Ticker[SHIM_TICKER_CHARS];
  char Exchange[SHIM_EXCHANGE_CHARS];
  ShimBookLevel Bids[SHIM_BOOK_LEVELS];
  ShimBookLevel Asks[SHIM_BOOK_LEVELS];
} ShimBook;

/* The latest TNewDailyCallback of one asset (192 bytes). */
typedef struct {
  uint64_t EnqueuedNs;
  uint64_t Sequence; /* daily callbacks of this asset since Shim_Install */
  double Open, High, Low, Close, Volume;
  double Settlement; /* dAjuste */
  double MaxLimit, MinLimit;
  double BuyerVolume, SellerVolume;
  int32_t Quantity;     /* nQtd */
  int32_t Trades;       /* nNegocios */
  int32_t OpenInterest; /* nContratosOpen */
  int32_t BuyerQuantity, SellerQuantity, BuyerTrades, SellerTrades;
  int32_t Feed;                       /* TAssetIDRec.nFeed */
  char Date[SHIM_DAILY_DATE_CHARS];   /* ASCII as sent, `DD/MM/YYYY HH:mm:SS.ZZZ` */
  char Ticker[SHIM_TICKER_CHARS];
  char Exchange[SHIM_EXCHANGE_CHARS];
} ShimDaily;

typedef struct {
  uint64_t Capacity;
  uint64_t Received; /* callbacks entered, live and history */
  uint64_t Dropped;  /* records lost to a full ring */
  uint64_t Depth;    /* records waiting to be drained */
  uint64_t Drained;
  uint64_t CallbackNs[SHIM_HIST_BUCKETS]; /* histogram of time spent inside the trade callbacks */
} ShimStats;

typedef struct {
  uint64_t Features;        /* SHIM_FEATURE_* registered by Shim_Install */
  uint64_t HistoryReceived; /* history trade callbacks (also counted in ShimStats.Received) */
  uint64_t BookReceived;    /* price-depth notifications */
  uint64_t BookSnapshots;   /* snapshots written to the table */
  uint64_t BookConflated;   /* snapshots that replaced one Node had not read */
  uint64_t BookDropped;     /* snapshot-worthy notifications of assets the full table had no slot for */
  uint64_t BookDrained;
  uint64_t BookAssets;  /* slots in use */
  uint64_t BookErrors;  /* GetPriceDepthSideCount / GetPriceGroup failures */
  uint64_t BookRetries; /* drain copies redone because the DLL's thread was writing that slot */
  uint64_t DailyReceived;
  uint64_t DailySnapshots;
  uint64_t DailyConflated;
  uint64_t DailyDropped;
  uint64_t DailyDrained;
  uint64_t DailyAssets;
  uint64_t DailyRetries;
  uint64_t ProducerContended; /* callbacks that found another thread inside the shim (expected: 0) */
  uint64_t BookCallbackNs[SHIM_HIST_BUCKETS]; /* histogram of time spent inside the depth callback */
} ShimTableStats;

_Static_assert(sizeof(ShimTrade) == 104, "ShimTrade size");
_Static_assert(offsetof(ShimTrade, TradeDate) == 32, "ShimTrade.TradeDate");
_Static_assert(offsetof(ShimTrade, TradeNumber) == 48, "ShimTrade.TradeNumber");
_Static_assert(offsetof(ShimTrade, TradeType) == 64, "ShimTrade.TradeType");
_Static_assert(offsetof(ShimTrade, Ticker) == 72, "ShimTrade.Ticker");
_Static_assert(offsetof(ShimTrade, Exchange) == 96, "ShimTrade.Exchange");
_Static_assert(sizeof(ShimBookLevel) == 24, "ShimBookLevel size");
_Static_assert(sizeof(ShimBook) == 544, "ShimBook size");
_Static_assert(offsetof(ShimBook, Ticker) == 32, "ShimBook.Ticker");
_Static_assert(offsetof(ShimBook, Bids) == 64, "ShimBook.Bids");
_Static_assert(offsetof(ShimBook, Asks) == 304, "ShimBook.Asks");
_Static_assert(sizeof(ShimDaily) == 192, "ShimDaily size");
_Static_assert(offsetof(ShimDaily, Quantity) == 96, "ShimDaily.Quantity");
_Static_assert(offsetof(ShimDaily, Date) == 128, "ShimDaily.Date");
_Static_assert(offsetof(ShimDaily, Ticker) == 160, "ShimDaily.Ticker");
/* The conflated tables copy records as 64-bit words and stamp the two leading fields. */
_Static_assert(sizeof(ShimBook) % 8 == 0 && sizeof(ShimDaily) % 8 == 0, "conflated records are whole words");
_Static_assert(offsetof(ShimBook, Sequence) == 8 && offsetof(ShimDaily, Sequence) == 8, "conflated record header");

/*
 * Resolves the callbacks' setters and accessors in the already loaded library at `libraryPath` (UTF-8), sizes
 * the trade ring (rounded up to a power of two) and registers the shim's callbacks with the DLL. Required:
 * SetTradeCallbackV2 + TranslateTrade. Optional, each registered when the DLL exports it (see
 * ShimTableStats.Features): SetHistoryTradeCallbackV2; SetPriceDepthCallback + GetPriceDepthSideCount +
 * GetPriceGroup; SetDailyCallback. Call after DLLInitialize*; the shim's callbacks replace any set before.
 * Returns 0, or a negative NL_* style code (a setter's own failure included).
 */
SHIM_API int32_t Shim_Install(const char *libraryPath, uint32_t capacity);
/* Copies up to `max` trade records into `out` (oldest first) and frees their slots; returns how many. */
SHIM_API int32_t Shim_Drain(ShimTrade *out, int32_t max);
/*
 * Copies up to `max` book snapshots that changed since the last drain into `out`, each the latest of its
 * asset, in the order the assets first changed; returns how many. Whatever did not fit waits for the next call.
 */
SHIM_API int32_t Shim_DrainBooks(ShimBook *out, int32_t max);
/* The same for daily aggregates. */
SHIM_API int32_t Shim_DrainDailies(ShimDaily *out, int32_t max);
SHIM_API int32_t Shim_GetStats(ShimStats *out);
/* Returns sizeof(ShimTableStats), so the reader can check it sized its buffer alike, or a negative code. */
SHIM_API int32_t Shim_GetTableStats(ShimTableStats *out);
/* The current value of the clock EnqueuedNs is read from. */
SHIM_API uint64_t Shim_NowNs(void);
/*
 * What the compiler made of ShimTrade, for the binding's layout test: writes sizeof then the offsets of
 * EnqueuedNs, Price, Quantity, Volume, TradeDate, TradeNumber, BuyAgent, SellAgent, Flags, TradeType,
 * Translated, Ticker, Exchange (14 values) into `out`; returns how many it wrote.
 */
SHIM_API int32_t Shim_RecordLayout(int32_t *out, int32_t max);
/*
 * Likewise for ShimBook: sizeof, EnqueuedNs, Sequence, BidCount, AskCount, Auction, Ticker, Exchange, Bids,
 * Asks, then sizeof(ShimBookLevel), its Price, Quantity, Orders, then SHIM_BOOK_LEVELS (15 values).
 */
SHIM_API int32_t Shim_BookLayout(int32_t *out, int32_t max);
/*
 * Likewise for ShimDaily: sizeof, EnqueuedNs, Sequence, Open, High, Low, Close, Volume, Settlement, MaxLimit,
 * MinLimit, BuyerVolume, SellerVolume, Quantity, Trades, OpenInterest, BuyerQuantity, SellerQuantity,
 * BuyerTrades, SellerTrades, Feed, Date, Ticker, Exchange (24 values).
 */
SHIM_API int32_t Shim_DailyLayout(int32_t *out, int32_t max);
/* Detaches from the DLL (registers no callback) and frees the ring and tables. Call after DLLFinalize. */
SHIM_API int32_t Shim_Uninstall(void);

#endif
