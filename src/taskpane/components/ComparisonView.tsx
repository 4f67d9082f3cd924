import { Button, Caption1, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import { useId, useRef } from 'react';
import { SHEET_LABELS, type AnalysisResult, type ItemSide } from '../../core/index';
import type { PreviousFile } from '../../ui/host';
import { T } from '../../ui/strings';

/**
 * Last year's comparison in the task pane (issue 11): the file input for last year's report, and
 * the result's counts beside last year's with the items that moved. The file is read in the page.
 */

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  row: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  table: { borderCollapse: 'collapse', width: '100%', fontSize: tokens.fontSizeBase200 },
  th: {
    textAlign: 'left',
    fontWeight: tokens.fontWeightSemibold,
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
    paddingRight: tokens.spacingHorizontalS,
  },
  td: { borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, paddingRight: tokens.spacingHorizontalS },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  heading: { margin: 0 },
  // 後退 / 番号 stay on one line; the title takes what room is left.
  nowrap: { whiteSpace: 'nowrap' },
});

export interface PreviousFileInputProps {
  readonly file: PreviousFile | null;
  readonly onChange: (file: PreviousFile | null) => void;
}

/** 「前年度の報告を選ぶ」: optional; the run compares with it when chosen. */
export function PreviousFileInput({ file, onChange }: PreviousFileInputProps) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  return (
    <div className={styles.section}>
      <div className={styles.row}>
        <Button aria-describedby={hintId} onClick={() => input.current?.click()}>
          {T.previous.choose}
        </Button>
        {file && (
          <>
            <Caption1 role="status" data-testid="previous-name">
              {T.previous.chosen(file.name)}
            </Caption1>
            <Button size="small" appearance="subtle" onClick={() => onChange(null)}>
              {T.previous.clear}
            </Button>
          </>
        )}
      </div>
      <Caption1 id={hintId}>{T.previous.hint}</Caption1>
      <input
        ref={input}
        hidden
        type="file"
        aria-label={T.previous.label}
        data-testid="previous-input"
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onChange={(e) => {
          const chosen = e.target.files?.[0];
          e.target.value = '';
          if (chosen)
            void chosen.arrayBuffer().then((b) => onChange({ name: chosen.name, bytes: new Uint8Array(b) }));
        }}
      />
    </div>
  );
}

function state(s: ItemSide | undefined): string {
  const words = SHEET_LABELS.ja;
  if (!s) return '—';
  if (s.excluded) return words.notCounted.excluded;
  return s.category ?? words.comparison.unclassified(s.rawStatus);
}

/** This year's counts beside last year's, and the items whose category changed, new or dropped. */
export function ComparisonView({ result }: { readonly result: AnalysisResult }) {
  const styles = useStyles();
  const headingId = useId();
  const c = result.comparison;
  if (!c) return null;
  const words = SHEET_LABELS.ja.comparison.directions;
  return (
    <section className={styles.section} aria-labelledby={headingId} data-testid="comparison">
      <Subtitle2 as="h3" id={headingId} className={styles.heading}>
        {T.previous.heading(c.previousName)}
      </Subtitle2>
      <Caption1>{T.previous.matched(c.matched)}</Caption1>
      {c.summaries.map((cmp) => {
        const s = result.summaries[cmp.summary];
        if (!s) return null;
        return (
          <table key={cmp.summary} className={styles.table} aria-label={T.previous.table(s.title)}>
            <thead>
              <tr>
                <th className={styles.th} scope="col">
                  {T.category}
                </th>
                <th className={styles.th} scope="col">
                  {T.count}
                </th>
                <th className={styles.th} scope="col">
                  {T.previous.previous}
                </th>
                <th className={styles.th} scope="col">
                  {T.previous.change}
                </th>
              </tr>
            </thead>
            <tbody>
              {[
                ...s.categories.map((cat) => [cat, s.total[cat] ?? 0, cmp.previous[cat]] as const),
                [T.total, s.counted, cmp.previousCounted] as const,
              ].map(([label, now, before]) => (
                <tr key={label}>
                  <th className={styles.td} scope="row">
                    {label}
                  </th>
                  <td className={`${styles.td} ${styles.num}`}>{now}</td>
                  <td className={`${styles.td} ${styles.num}`}>{before ?? '—'}</td>
                  <td className={`${styles.td} ${styles.num}`}>
                    {before === undefined ? '—' : T.previous.signed(now - before)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
      <Subtitle2 as="h4" className={styles.heading}>
        {T.previous.changesHeading}
      </Subtitle2>
      {c.changes.length === 0 ? (
        <Caption1>{T.previous.none}</Caption1>
      ) : (
        <table
          className={styles.table}
          aria-label={T.previous.changesHeading}
          data-testid="comparison-changes"
        >
          <thead>
            <tr>
              {[
                T.previous.direction,
                T.previous.number,
                T.previous.title,
                T.previous.before,
                T.previous.after,
              ].map((h) => (
                <th key={h} className={`${styles.th} ${styles.nowrap}`} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {c.changes.map((x, i) => {
              const item = (x.current ?? x.previous)!;
              return (
                <tr key={i}>
                  <td className={`${styles.td} ${styles.nowrap}`}>{words[x.direction]}</td>
                  <td className={`${styles.td} ${styles.nowrap}`}>{item.number}</td>
                  <td className={styles.td}>{item.title}</td>
                  <td className={styles.td}>{state(x.previous)}</td>
                  <td className={styles.td}>{state(x.current)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
