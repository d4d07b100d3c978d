/*
 * Callback shim between ProfitDLL's ConnectorThread and Node.
 *
 * A koffi callback entered from a foreign thread blocks that thread for 16–70 µs and tops out near
 * 13–24k calls/s (measured, ABI.md "Measured on this machine kind"), while the DLL delivers every event
 * through one queue on one thread. So the market-data callbacks are these C functions: they call the
 * accessor the DLL allows inside the callback (TranslateTrade), copy the result into a single-producer /
 * single-consumer ring in native memory and return. Node drains the ring about once per millisecond with
 * one call. A full ring drops the newest record and counts it; nothing blocks the DLL's thread.
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
  uint32_t Flags;
  uint8_t TradeType;
  uint8_t Translated; /* 0 when TranslateTrade failed: the record carries the asset only */
  uint8_t Reserved[6];
  char Ticker[SHIM_TICKER_CHARS];     /* ASCII, NUL-padded (B3 tickers are ASCII) */
  char Exchange[SHIM_EXCHANGE_CHARS]; /* ASCII, NUL-padded */
} ShimTrade;

typedef struct {
  uint64_t Capacity;
  uint64_t Received; /* callbacks entered */
  uint64_t Dropped;  /* records lost to a full ring */
  uint64_t Depth;    /* records waiting to be drained */
  uint64_t Drained;
  uint64_t CallbackNs[SHIM_HIST_BUCKETS]; /* histogram of time spent inside the callback */
} ShimStats;

_Static_assert(sizeof(ShimTrade) == 104, "ShimTrade size");
_Static_assert(offsetof(ShimTrade, TradeDate) == 32, "ShimTrade.TradeDate");
_Static_assert(offsetof(ShimTrade, TradeNumber) == 48, "ShimTrade.TradeNumber");
_Static_assert(offsetof(ShimTrade, TradeType) == 64, "ShimTrade.TradeType");
_Static_assert(offsetof(ShimTrade, Ticker) == 72, "ShimTrade.Ticker");
_Static_assert(offsetof(ShimTrade, Exchange) == 96, "ShimTrade.Exchange");

/*
 * Resolves SetTradeCallbackV2 and TranslateTrade in the already loaded library at `libraryPath` (UTF-8), sizes
 * the ring (rounded up to a power of two) and registers the shim's trade callback with the DLL.
 * Returns 0, or a negative NL_* style code.
 */
SHIM_API int32_t Shim_Install(const char *libraryPath, uint32_t capacity);
/* Copies up to `max` records into `out` (oldest first) and frees their slots; returns how many. */
SHIM_API int32_t Shim_Drain(ShimTrade *out, int32_t max);
SHIM_API int32_t Shim_GetStats(ShimStats *out);
/* The current value of the clock EnqueuedNs is read from. */
SHIM_API uint64_t Shim_NowNs(void);
/*
 * What the compiler made of ShimTrade, for the binding's layout test: writes sizeof then the offsets of
 * EnqueuedNs, Price, Quantity, Volume, TradeDate, TradeNumber, BuyAgent, SellAgent, Flags, TradeType,
 * Translated, Ticker, Exchange (14 values) into `out`; returns how many it wrote.
 */
SHIM_API int32_t Shim_RecordLayout(int32_t *out, int32_t max);
/* Detaches from the DLL (registers no callback) and frees the ring. Call after DLLFinalize. */
SHIM_API int32_t Shim_Uninstall(void);

#endif
