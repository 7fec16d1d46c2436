import type { Spread } from "@/lib/insights";

// Server-rendered SVG charts: no chart library and no script in the browser. Each chart is drawn
// 360 units wide, about its size on a 390 px phone, and scales up to the card's width elsewhere,
// so its 13-unit text stays legible. The charts are pictures for the eye (aria-hidden): every
// figure says the same in words beside them and in a table behind a disclosure.

const W = 360;
const LABEL = 116; // width of the label column, right-aligned text
const PLOT = 150; // longest bar, leaving room for "12 of 30 (40%)" after it
export const COLOURS = { brand: "#1d5fd1", muted: "#64748b", warn: "#b45309", bad: "#b91c1c", good: "#047857", ink: "#1e293b", grid: "#cbd5e1" } as const;
export type Tone = keyof typeof COLOURS;

function Svg({ height, children }: { height: number; children: React.ReactNode }) {
  return (
    <svg
      viewBox={`0 0 ${W} ${height}`}
      width="100%"
      aria-hidden="true"
      focusable="false"
      fontSize={13}
      fill={COLOURS.ink}
      className="block h-auto max-w-xl [print-color-adjust:exact]"
    >
      {children}
    </svg>
  );
}

export type Bar = { label: string; value: number; text: string; tone?: Tone };

/** Horizontal bars, one per row: label, bar, and its value in words ("7 (58%)"). */
export function BarChart({ bars, max }: { bars: Bar[]; max?: number }) {
  const ROW = 30;
  const top = Math.max(1, max ?? 0, ...bars.map((b) => b.value));
  return (
    <Svg height={bars.length * ROW}>
      {bars.map((b, i) => {
        const y = i * ROW;
        const width = b.value === 0 ? 0 : Math.max(2, (b.value / top) * PLOT);
        return (
          <g key={b.label}>
            <text x={LABEL - 8} y={y + 20} textAnchor="end">
              {b.label}
            </text>
            <rect x={LABEL} y={y + 6} width={width} height={18} rx={2} fill={COLOURS[b.tone ?? "brand"]} />
            <text x={LABEL + width + 6} y={y + 20}>
              {b.text}
            </text>
          </g>
        );
      })}
    </Svg>
  );
}

/** One bar split into parts that add up to a whole, with a legend row per part below it. */
export function SplitBar({ parts }: { parts: Bar[] }) {
  const total = parts.reduce((n, p) => n + p.value, 0);
  const widths = parts.map((p) => (total === 0 ? 0 : (p.value / total) * W));
  const starts = widths.map((_, i) => widths.slice(0, i).reduce((a, b) => a + b, 0));
  return (
    <Svg height={34 + parts.length * 22}>
      {parts.map((p, i) => (
        <rect key={`r-${p.label}`} x={starts[i]} y={2} width={widths[i]} height={24} fill={COLOURS[p.tone ?? "brand"]} />
      ))}
      {parts.map((p, i) => (
        <g key={`l-${p.label}`}>
          <rect x={0} y={38 + i * 22} width={12} height={12} fill={COLOURS[p.tone ?? "brand"]} />
          <text x={18} y={49 + i * 22}>
            {p.label}: {p.text}
          </text>
        </g>
      ))}
    </Svg>
  );
}

const niceCeil = (n: number) => {
  if (n <= 5) return 5;
  const step = 10 ** Math.floor(Math.log10(n));
  return Math.ceil(n / step) * step;
};

/**
 * Box plots on one axis of days: the line runs from the shortest to the longest, the box holds
 * the middle half, the thick mark is the median.
 */
export function SpreadChart({ rows }: { rows: { label: string; spread: Spread | null }[] }) {
  const ROW = 44;
  const spreads = rows.map((r) => r.spread).filter((s): s is Spread => s !== null);
  const least = Math.min(0, ...spreads.map((s) => s.min));
  // Rounded out like the top, so the 0 tick never crowds the first one.
  const lo = least < 0 ? -niceCeil(-least) : 0;
  const hi = niceCeil(Math.max(1, ...spreads.map((s) => s.max)));
  const x0 = LABEL;
  const x1 = W - 14;
  const at = (v: number) => x0 + ((v - lo) / (hi - lo)) * (x1 - x0);
  const axisY = rows.length * ROW + 4;
  const ticks = [...new Set([lo, 0, Math.round(hi / 2), hi])];
  return (
    <Svg height={axisY + 22}>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={at(t)} x2={at(t)} y1={0} y2={axisY} stroke={COLOURS.grid} strokeDasharray={t === 0 ? undefined : "3 3"} />
          <text x={at(t)} y={axisY + 16} textAnchor="middle">
            {t}
          </text>
        </g>
      ))}
      {rows.map(({ label, spread: s }, i) => {
        const mid = i * ROW + 24;
        return (
          <g key={label}>
            <text x={LABEL - 8} y={mid + 5} textAnchor="end">
              {label}
            </text>
            {s === null ? (
              <text x={x0 + 6} y={mid + 5} fill={COLOURS.muted}>
                no answers yet
              </text>
            ) : (
              <>
                <line x1={at(s.min)} x2={at(s.max)} y1={mid} y2={mid} stroke={COLOURS.ink} strokeWidth={1.5} />
                <rect x={at(s.p25)} y={mid - 8} width={Math.max(2, at(s.p75) - at(s.p25))} height={16} fill={COLOURS.brand} fillOpacity={0.25} stroke={COLOURS.brand} />
                <line x1={at(s.median)} x2={at(s.median)} y1={mid - 11} y2={mid + 11} stroke={COLOURS.brand} strokeWidth={4} />
                <text x={at(s.median)} y={mid - 14} textAnchor="middle" fontSize={11}>
                  {Math.round(s.median * 10) / 10}
                </text>
              </>
            )}
          </g>
        );
      })}
      <text x={LABEL - 8} y={axisY + 16} textAnchor="end" fill={COLOURS.muted}>
        days
      </text>
    </Svg>
  );
}

/** Small multiples: one row of weekly bars per measure, each on its own scale. */
export function WeeklyChart({ rows, first, last }: { rows: { label: string; values: number[]; tone: Tone }[]; first: string; last: string }) {
  const ROW = 62;
  const n = Math.max(1, rows[0]?.values.length ?? 1);
  const slot = W / n;
  const gap = Math.min(3, slot * 0.25);
  return (
    <Svg height={rows.length * ROW + 18}>
      {rows.map(({ label, values, tone }, r) => {
        const top = Math.max(1, ...values);
        const base = r * ROW + 56;
        return (
          <g key={label}>
            <text x={0} y={r * ROW + 13}>
              {label} <tspan fill={COLOURS.muted}>(most in a week: {Math.max(0, ...values)})</tspan>
            </text>
            <line x1={0} x2={W} y1={base} y2={base} stroke={COLOURS.grid} />
            {values.map((v, i) =>
              v === 0 ? null : <rect key={i} x={i * slot + gap / 2} y={base - (v / top) * 36} width={slot - gap} height={(v / top) * 36} fill={COLOURS[tone]} />,
            )}
          </g>
        );
      })}
      <text x={0} y={rows.length * ROW + 14} fontSize={11} fill={COLOURS.muted}>
        {first}
      </text>
      <text x={W} y={rows.length * ROW + 14} fontSize={11} fill={COLOURS.muted} textAnchor="end">
        {last}
      </text>
    </Svg>
  );
}
