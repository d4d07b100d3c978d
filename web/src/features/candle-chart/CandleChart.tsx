import { useMemo, useState } from 'react';
import type { CandleInterval } from '../../gql/graphql';
import { formatDecimal } from '../../shared/format/formatDecimal';
import { formatCount } from '../../shared/format/formatNumber';
import { type Bar, CANDLE_INTERVALS, type ChartFrame, type ChartLayout, formatBarStart, layoutChart } from './candleSeries';
import { useCandles } from './useCandles';

/** SVG user units; the drawing scales with the panel's width and keeps this shape. */
const FRAME: ChartFrame = { width: 760, height: 300, minSlots: 40 };
const TAG_HEIGHT = 18;

function barTitle(bar: Bar, interval: CandleInterval): string {
  const state = bar.closed ? '' : ' (forming)';
  return [
    `${formatBarStart(bar.start, interval)} B3${state}`,
    `O ${formatDecimal(bar.open)}  H ${formatDecimal(bar.high)}  L ${formatDecimal(bar.low)}  C ${formatDecimal(bar.close)}`,
    `VWAP ${formatDecimal(bar.vwap)}  Vol ${formatCount(bar.volume)}  Trades ${bar.trades}`,
  ].join('\n');
}

function PriceLabel({ x, y, children }: { x: number; y: number; children: string }) {
  return (
    <text className="candle-plot__price" x={x} y={y} dominantBaseline="central">
      {children}
    </text>
  );
}

function CandlePlot({ layout, symbol, interval }: { layout: ChartLayout; symbol: string; interval: CandleInterval }) {
  const { plot, last } = layout;
  const labelX = plot.right + 8;
  // Kept inside the frame so a last price at the very top or bottom still shows whole.
  const tagY = Math.min(Math.max(last.y, TAG_HEIGHT / 2), FRAME.height - TAG_HEIGHT / 2);
  return (
    <svg
      className="candle-plot"
      viewBox={`0 0 ${FRAME.width} ${FRAME.height}`}
      role="img"
      aria-label={`${symbol} ${interval} candles, last ${formatDecimal(last.price)}`}
    >
      <g className="candle-plot__grid">
        <line x1={plot.left} x2={plot.right} y1={layout.high.y} y2={layout.high.y} />
        <line x1={plot.left} x2={plot.right} y1={layout.low.y} y2={layout.low.y} />
        <line className="candle-plot__baseline" x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} />
      </g>
      {/* The last price tag is drawn over this column, so a label it would cover is left out. */}
      {Math.abs(layout.high.y - tagY) >= TAG_HEIGHT && (
        <PriceLabel x={labelX} y={layout.high.y}>
          {formatDecimal(layout.high.price)}
        </PriceLabel>
      )}
      {Math.abs(layout.low.y - tagY) >= TAG_HEIGHT && (
        <PriceLabel x={labelX} y={layout.low.y}>
          {formatDecimal(layout.low.price)}
        </PriceLabel>
      )}
      <g className="candle-plot__time">
        {layout.timeTicks.map((tick) => (
          <g key={tick.start}>
            <line x1={tick.x} x2={tick.x} y1={plot.bottom} y2={plot.bottom + 4} />
            <text x={tick.x} y={plot.bottom + 15} textAnchor="middle" data-testid="candle-time-label">
              {tick.label}
            </text>
          </g>
        ))}
      </g>
      <g className="candle-plot__candles">
        {layout.candles.map((c) => (
          <g
            key={c.bar.start}
            className={`candle candle--${c.direction}${c.forming ? ' candle--forming' : ''}`}
            data-testid="candle"
            data-start={c.bar.start}
            data-trades={c.bar.trades}
            data-close={c.bar.close}
            data-closed={c.bar.closed}
          >
            <title>{barTitle(c.bar, interval)}</title>
            <line className="candle__wick" x1={c.x} x2={c.x} y1={c.wickTop} y2={c.wickBottom} />
            <rect className="candle__body" x={c.bodyX} y={c.bodyTop} width={c.bodyWidth} height={c.bodyHeight} />
          </g>
        ))}
      </g>
      <path className="candle-plot__vwap" d={layout.vwapPath} data-testid="candle-vwap" />
      <g className={`candle-plot__last candle-plot__last--${last.direction}`}>
        <line x1={plot.left} x2={plot.right} y1={last.y} y2={last.y} />
        <rect x={plot.right + 2} y={tagY - TAG_HEIGHT / 2} width={FRAME.width - plot.right - 2} height={TAG_HEIGHT} rx={2} />
        <text x={labelX} y={tagY} dominantBaseline="central" data-testid="candle-last-price">
          {formatDecimal(last.price)}
        </text>
      </g>
    </svg>
  );
}

/** Live candlesticks of one watchlist symbol: history first, then the forming bar as trades print. */
export function CandleChart({ symbols }: { symbols: readonly string[] }) {
  const [symbol, setSymbol] = useState(symbols[0] ?? '');
  const [interval, setCandleInterval] = useState<CandleInterval>('M1');
  const { bars, loaded, error } = useCandles(symbol, interval);
  const layout = useMemo(() => layoutChart(bars, interval, FRAME), [bars, interval]);

  return (
    <section
      className="panel candle-chart"
      aria-labelledby="candle-chart-title"
      data-testid="candle-chart"
      data-symbol={symbol}
      data-interval={interval}
      data-bars={bars.length}
    >
      <div className="candle-chart__header">
        <h2 id="candle-chart-title" className="panel__title">
          Candles
        </h2>
        <select
          className="candle-chart__symbol"
          aria-label="Symbol"
          value={symbol}
          onChange={(event) => setSymbol(event.target.value)}
          data-testid="candle-symbol"
        >
          {symbols.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <div className="candle-chart__intervals" role="group" aria-label="Bar interval">
          {CANDLE_INTERVALS.map((value) => (
            <button
              key={value}
              type="button"
              className="candle-chart__interval"
              aria-pressed={value === interval}
              onClick={() => setCandleInterval(value)}
              data-testid={`candle-interval-${value}`}
            >
              {value}
            </button>
          ))}
        </div>
        <span className="candle-chart__legend" title="Each bar's own volume-weighted average price">
          <span className="candle-chart__legend-line" aria-hidden="true" />
          VWAP
        </span>
      </div>
      {error !== null && (
        <p className="system-status__error" role="alert" data-testid="candle-error">
          {bars.length > 0 ? 'Chart may be out of date: ' : 'Candles unavailable: '}
          {error}
        </p>
      )}
      <div className="candle-chart__stage">
        {layout ? (
          <CandlePlot layout={layout} symbol={symbol} interval={interval} />
        ) : (
          error === null && (
            <p className="candle-chart__empty" data-testid="candle-empty">
              {loaded ? `${symbol} ${interval}: no trades yet` : 'Loading…'}
            </p>
          )
        )}
      </div>
      <p className="candle-chart__note">
        Times are <abbr title="America/Sao_Paulo">B3</abbr> (São Paulo); the forming bar is drawn faded and outlined until it closes.
      </p>
    </section>
  );
}
