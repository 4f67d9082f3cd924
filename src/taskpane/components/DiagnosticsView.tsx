import {
  Caption1,
  Checkbox,
  Field,
  makeStyles,
  mergeClasses,
  Select,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import {
  type Diagnostic,
  type Severity,
  formatMessage,
  locationText,
  SEVERITY_LABEL,
} from '../../core/index';
import type { CellExcerpt } from '../../ui/host';
import { T } from '../../ui/strings';
import { CellExcerptView } from './CellExcerptView';

/** Long lists are cut here; the 検証結果 sheet holds them all. */
const MAX_SHOWN = 300;
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalS,
    borderTopStyle: 'none',
    borderRightStyle: 'none',
    borderBottomStyle: 'none',
    borderLeftStyle: 'none',
    margin: 0,
    padding: 0,
  },
  legend: { fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold, padding: 0 },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: '2px',
  },
  item: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: tokens.spacingHorizontalS,
    width: '100%',
    textAlign: 'left',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    borderTopWidth: '1px',
    borderRightWidth: '1px',
    borderBottomWidth: '1px',
    borderLeftWidth: '3px',
    borderTopStyle: 'solid',
    borderRightStyle: 'solid',
    borderBottomStyle: 'solid',
    borderLeftStyle: 'solid',
    borderTopColor: tokens.colorNeutralStroke2,
    borderRightColor: tokens.colorNeutralStroke2,
    borderBottomColor: tokens.colorNeutralStroke2,
    borderRadius: tokens.borderRadiusMedium,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalS,
    fontFamily: 'inherit',
    fontSize: tokens.fontSizeBase200,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outlineWidth: '2px', outlineStyle: 'solid', outlineColor: tokens.colorStrokeFocus2 },
  },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  error: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  warning: { borderLeftColor: tokens.colorPaletteMarigoldBorder2 },
  info: { borderLeftColor: tokens.colorNeutralStroke1 },
  severity: { fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap' },
  severityerror: { color: tokens.colorPaletteRedForeground1 },
  severitywarning: { color: tokens.colorPaletteMarigoldForeground2 },
  severityinfo: { color: tokens.colorNeutralForeground3 },
  where: { fontVariantNumeric: 'tabular-nums', color: tokens.colorNeutralForeground3 },
  message: { gridColumnStart: 1, gridColumnEnd: 3 },
});

export interface DiagnosticsViewProps {
  readonly diagnostics: readonly Diagnostic[];
  readonly onSelect: (d: Diagnostic) => Promise<CellExcerpt | null>;
}

export function DiagnosticsView({ diagnostics, onSelect }: DiagnosticsViewProps) {
  const styles = useStyles();
  const [shown, setShown] = useState<Record<Severity, boolean>>({ error: true, warning: true, info: false });
  const [sheet, setSheet] = useState('');
  const [selected, setSelected] = useState<number | null>(null);
  const [excerpt, setExcerpt] = useState<CellExcerpt | null>(null);

  const counts = useMemo(() => {
    const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const d of diagnostics) c[d.severity]++;
    return c;
  }, [diagnostics]);
  const sheets = useMemo(() => [...new Set(diagnostics.map((d) => d.at.sheet))], [diagnostics]);
  const matching = useMemo(
    () =>
      diagnostics
        .map((d, index) => ({ d, index }))
        .filter(({ d }) => shown[d.severity] && (sheet === '' || d.at.sheet === sheet)),
    [diagnostics, shown, sheet],
  );

  if (diagnostics.length === 0) return <Caption1 role="status">{T.diagnostics.none}</Caption1>;

  const select = async (d: Diagnostic, index: number) => {
    setSelected(index);
    setExcerpt(await onSelect(d));
  };

  return (
    <div className={styles.root}>
      <fieldset className={styles.filters}>
        <legend className={styles.legend}>{T.diagnostics.filterSeverity}</legend>
        {SEVERITIES.map((s) => (
          <Checkbox
            key={s}
            label={`${SEVERITY_LABEL.ja[s]}（${counts[s]}）`}
            checked={shown[s]}
            onChange={(_, data) => setShown((prev) => ({ ...prev, [s]: data.checked === true }))}
          />
        ))}
      </fieldset>
      <Field label={T.diagnostics.filterSheet} size="small">
        <Select value={sheet} onChange={(_, data) => setSheet(data.value)} size="small">
          <option value="">{T.diagnostics.allSheets}</option>
          {sheets.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </Select>
      </Field>
      <Caption1 role="status">{T.diagnostics.shown(matching.length, diagnostics.length)}</Caption1>
      {matching.length === 0 ? (
        <Caption1>{T.diagnostics.noneMatching}</Caption1>
      ) : (
        <ul className={styles.list} aria-label={T.diagnostics.listLabel}>
          {matching.slice(0, MAX_SHOWN).map(({ d, index }) => {
            const where = locationText(d);
            return (
              <li key={index}>
                <button
                  type="button"
                  className={mergeClasses(
                    styles.item,
                    styles[d.severity],
                    selected === index && styles.selected,
                  )}
                  aria-label={`${SEVERITY_LABEL.ja[d.severity]} ${where} ${formatMessage(d, 'ja')}`}
                  aria-current={selected === index ? 'true' : undefined}
                  data-code={d.code}
                  data-cell={where}
                  onClick={() => void select(d, index)}
                >
                  <span className={mergeClasses(styles.severity, styles[`severity${d.severity}`])}>
                    {SEVERITY_LABEL.ja[d.severity]}
                  </span>
                  <span className={styles.where}>{where}</span>
                  <span className={styles.message}>{formatMessage(d, 'ja')}</span>
                </button>
                {selected === index && excerpt && <CellExcerptView excerpt={excerpt} />}
              </li>
            );
          })}
        </ul>
      )}
      {matching.length > MAX_SHOWN && (
        <Caption1>{T.diagnostics.truncatedList(matching.length - MAX_SHOWN)}</Caption1>
      )}
    </div>
  );
}
