import type { LocalizedText } from '../../../domain/shared/locale.js';
import type { QualityView } from '../../../features/monitoring/get-quality-indicators.js';
import type { PageContext } from '../layout.js';
import { monitoringText as m } from './monitoring-texts.js';

/**
 * The chart's geometry in CSS pixels. The SVG has no viewBox: it is as wide as its column (at
 * most `.chart`'s max-width) and as high as its bars, so its text keeps this size whatever the
 * number of bars and the width of the screen; the bars' lengths are shares of its width.
 */
const rowHeight = 46;
const labelBaseline = 15;
const barTop = 21;
const barHeight = 18;
const fontSize = 13;
/** The share of the width a bar of 100 % takes; the rest holds its value. */
const trackPercent = 85;
/** A name longer than this is cut (the table after the chart has it whole). */
const labelCharacters = 48;

const valueText = (value: number) => String(value).replace('.', ',');

/**
 * A horizontal bar chart drawn on the server: one bar per row of the view, its on-time share; a
 * row with nothing completed (no share) reads "no data". An image for assistive technology
 * (title and description), with the same numbers in the table after it (`#chart-data`).
 */
export function OnTimeChart(props: { ctx: PageContext; view: QualityView }) {
  const { locale } = props.ctx;
  const rows = props.view.rows;
  const height = rows.length * rowHeight + 4;
  return (
    <figure class="chart" aria-labelledby="chart-title">
      <figcaption id="chart-title">{m.chartTitle[locale]}</figcaption>
      <svg
        xmlns="http://www.w3.org/2000/svg"
        width="100%"
        height={String(height)}
        role="img"
        aria-labelledby="chart-svg-title"
        aria-describedby="chart-data"
        class="on-time-chart"
        font-size={String(fontSize)}
      >
        <title id="chart-svg-title">{m.chartTitle[locale]}</title>
        {rows.map((row, index) => {
          const value = row.indicators.onTimePercent;
          const top = index * rowHeight;
          const name: LocalizedText = row.name;
          const label = name[locale];
          const lang = locale === 'en' && name.en === name.ru ? 'ru' : undefined;
          const barPercent = value === undefined ? 0 : (value / 100) * trackPercent;
          return (
            <g data-key={row.key} data-value={value === undefined ? '' : String(value)}>
              <text x="0" y={String(top + labelBaseline)} fill="#1b1b1b" lang={lang}>
                {label.length > labelCharacters ? `${label.slice(0, labelCharacters - 1)}…` : label}
              </text>
              {value === undefined ? (
                <>
                  <rect
                    x="0.5"
                    y={String(top + barTop + 0.5)}
                    width={`${trackPercent}%`}
                    height={String(barHeight - 1)}
                    fill="none"
                    stroke="#6b6b6b"
                    stroke-dasharray="4 3"
                  />
                  <text x="6" y={String(top + barTop + 13.5)} fill="#3d3d3d" font-style="italic">
                    {m.chartNoValue[locale]}
                  </text>
                </>
              ) : (
                <>
                  <rect
                    x="0"
                    y={String(top + barTop)}
                    width={`${trackPercent}%`}
                    height={String(barHeight)}
                    fill="#e8edf2"
                  />
                  <rect
                    x="0"
                    y={String(top + barTop)}
                    width={`${barPercent}%`}
                    height={String(barHeight)}
                    fill="#1f5f99"
                  />
                  <text
                    x={`${trackPercent}%`}
                    dx="6"
                    y={String(top + barTop + 13.5)}
                    fill="#1b1b1b"
                  >
                    {valueText(value)}
                  </text>
                </>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
