import { makeStyles, Select, Field, tokens } from '@fluentui/react-components';
import type { CSSProperties } from 'react';
import { useState } from 'react';
import { type OutputPlan, type PlanCell, type SheetPlan, type StyleDef, STYLES } from '../../core/index';
import { T } from '../../ui/strings';

/** Rows shown per sheet; the downloaded workbook has them all. */
const MAX_ROWS = 200;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  scroll: {
    overflowX: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: '#FFFFFF',
  },
  table: {
    borderCollapse: 'collapse',
    tableLayout: 'fixed',
    fontFamily: "'Yu Gothic', 'Meiryo', 'Noto Sans CJK JP', sans-serif",
    fontSize: '11pt',
    color: '#000000',
  },
  cell: { paddingLeft: '3px', paddingRight: '3px', overflow: 'hidden', verticalAlign: 'bottom' },
});

/**
 * An output sheet drawn from the same plan the adapters write, so the preview shows what Excel will
 * show: values (formulas by their computed value), merges, styles and column widths.
 */
export function PlanSheetView({ plan }: { readonly plan: OutputPlan }) {
  const styles = useStyles();
  const [name, setName] = useState(plan.activate || plan.sheets[0]?.name || '');
  const sheet = plan.sheets.find((s) => s.name === name) ?? plan.sheets[0];
  if (!sheet) return null;
  return (
    <div className={styles.root}>
      <Field label={T.sheetPreview.choose} size="small">
        <Select value={sheet.name} onChange={(_, d) => setName(d.value)} size="small">
          {plan.sheets.map((s) => (
            <option key={s.name} value={s.name}>
              {s.name}
            </option>
          ))}
        </Select>
      </Field>
      <div
        className={styles.scroll}
        role="region"
        aria-label={T.sheetPreview.label(sheet.name)}
        // A scrollable region takes focus so the keyboard can scroll it (axe: scrollable-region-focusable).
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
      >
        <SheetTable sheet={sheet} className={styles.table} cellClass={styles.cell} />
      </div>
      {sheet.rows.length > MAX_ROWS && <span>{T.sheetPreview.more(sheet.rows.length - MAX_ROWS)}</span>}
    </div>
  );
}

function SheetTable({
  sheet,
  className,
  cellClass,
}: {
  readonly sheet: SheetPlan;
  readonly className: string;
  readonly cellClass: string;
}) {
  const rows = sheet.rows.slice(0, MAX_ROWS);
  const width = Math.max(sheet.columnWidths.length, ...rows.map((r) => r.length));
  // Excel's character widths in pixels; the table gets their sum, or fixed layout would squeeze
  // the columns into the pane instead of scrolling.
  const pixels = Array.from({ length: width }, (_, c) => Math.round((sheet.columnWidths[c] ?? 8.43) * 7 + 5));
  const covered = new Set<string>();
  const spans = new Map<string, { rowSpan: number; colSpan: number }>();
  for (const m of sheet.merges) {
    spans.set(`${m.top}:${m.left}`, { rowSpan: m.bottom - m.top + 1, colSpan: m.right - m.left + 1 });
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.add(`${r}:${c}`);
    }
  }
  return (
    <table
      className={className}
      data-testid={`plan-sheet-${sheet.name}`}
      aria-label={T.sheetPreview.label(sheet.name)}
      style={{ width: `${pixels.reduce((a, b) => a + b, 0)}px` }}
    >
      <colgroup>
        {pixels.map((px, c) => (
          <col key={c} style={{ width: `${px}px` }} />
        ))}
      </colgroup>
      <tbody>
        {rows.map((row, r) => (
          <tr key={r}>
            {Array.from({ length: width }, (_, c) => {
              const key = `${r}:${c}`;
              if (covered.has(key)) return null;
              const def = styleAt(sheet, r, c);
              const cell = row[c] ?? null;
              // As in Excel, unwrapped text runs on over empty cells to its right.
              const spills = !def.wrap && c + 1 < width && (row[c + 1] ?? null) === null;
              return (
                <td key={c} className={cellClass} style={css(def, cell, spills)} {...spans.get(key)}>
                  {display(cell, def.numberFormat)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The cell's style: every styled range covering it, later ranges winning, as the adapters apply them. */
function styleAt(sheet: SheetPlan, row: number, col: number): StyleDef {
  let def: StyleDef = {};
  for (const s of sheet.styles) {
    if (row >= s.top && row <= s.bottom && col >= s.left && col <= s.right)
      def = { ...def, ...STYLES[s.style] };
  }
  return def;
}

function css(def: StyleDef, cell: PlanCell, spills: boolean): CSSProperties {
  const numeric = cell?.kind === 'number' || (cell?.kind === 'formula' && typeof cell.cached === 'number');
  return {
    fontWeight: def.bold ? 'bold' : undefined,
    fontStyle: def.italic ? 'italic' : undefined,
    fontSize: def.fontSize ? `${def.fontSize}pt` : undefined,
    color: def.fontColor,
    textDecoration: def.underline ? 'underline' : undefined,
    backgroundColor: def.fill,
    border: def.border === 'thin' ? '1px solid #808080' : undefined,
    whiteSpace: def.wrap ? 'pre-wrap' : 'pre',
    textAlign: def.horizontal ?? (numeric ? 'right' : 'left'),
    verticalAlign: def.vertical === 'center' ? 'middle' : def.vertical === 'top' ? 'top' : 'bottom',
    overflow: spills ? 'visible' : undefined,
  };
}

function display(cell: PlanCell, format: string | undefined): string {
  if (cell === null) return '';
  switch (cell.kind) {
    case 'text':
    case 'link':
      return cell.text;
    case 'number':
      return formatNumber(cell.value, format);
    case 'formula':
      return typeof cell.cached === 'number' ? formatNumber(cell.cached, format) : cell.cached;
  }
}

/** The few number formats the plan uses. */
export function formatNumber(value: number, format: string | undefined): string {
  if (!format || format === 'General') return String(value);
  const percent = format.endsWith('%');
  const decimals = /\.(0+)/.exec(format)?.[1]?.length ?? 0;
  const n = percent ? value * 100 : value;
  const text = n.toLocaleString('ja-JP', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: format.includes(','),
  });
  return percent ? `${text}%` : text;
}
