import { Caption1, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import { shownLayoutName, type AnalysisResult, type GroupCounts, type Summary } from '../../core/index';
import { T } from '../../ui/strings';

/** Bar colours by category position: best first, as schemes list them. */
const PALETTE = [
  tokens.colorPaletteGreenBackground3,
  tokens.colorPaletteMarigoldBackground3,
  tokens.colorPaletteRedBackground3,
  tokens.colorPaletteBerryBackground3,
  tokens.colorPaletteBlueBackground2,
  tokens.colorPaletteTealBackground2,
  tokens.colorNeutralBackground5,
];

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  table: { borderCollapse: 'collapse', width: '100%', fontSize: tokens.fontSizeBase200 },
  th: {
    textAlign: 'left',
    fontWeight: tokens.fontWeightSemibold,
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    paddingRight: tokens.spacingHorizontalS,
  },
  td: {
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    paddingRight: tokens.spacingHorizontalS,
  },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  detail: { paddingLeft: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground3 },
  total: { fontWeight: tokens.fontWeightSemibold },
  rowHeader: { fontWeight: tokens.fontWeightRegular, textAlign: 'left' },
  totalHeader: { textAlign: 'left' },
  scheme: { margin: 0 },
  heading: { margin: 0 },
  barCell: { width: '35%' },
  track: {
    height: '10px',
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusSmall,
  },
  bar: { height: '10px', borderRadius: tokens.borderRadiusSmall },
  swatch: {
    display: 'inline-block',
    width: '10px',
    height: '10px',
    marginRight: tokens.spacingHorizontalXS,
    borderRadius: '2px',
  },
  groups: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
  },
  group: { listStyleType: 'none' },
  groupName: { fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold },
  stack: {
    display: 'flex',
    height: '12px',
    overflow: 'hidden',
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground3,
    marginTop: '2px',
    marginBottom: '2px',
  },
  groupCounts: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  notes: { margin: 0, paddingLeft: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground3 },
  sheets: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
});

export function percent(count: number, of: number): string {
  return of > 0 ? `${((count / of) * 100).toFixed(1)}%` : '—';
}

export function ResultView({ result }: { readonly result: AnalysisResult }) {
  const styles = useStyles();
  const read = result.sheets.filter((s) => s.layout !== null);
  return (
    <div className={styles.section}>
      <Caption1 role="status">{T.done(result.entries.length, read.length)}</Caption1>
      {result.summaries.map((summary, i) => (
        <SummaryTable
          key={`${summary.scheme}-${summary.year ?? ''}-${i}`}
          summary={summary}
          index={i}
          parentOf={rollUpParents(result, summary.scheme)}
        />
      ))}
      <section className={styles.section} aria-labelledby="sheets-read">
        <Subtitle2 as="h3" id="sheets-read" block className={styles.heading}>
          {T.sheetsRead}
        </Subtitle2>
        <ul className={styles.sheets}>
          {result.sheets.map((s) => (
            <li key={s.name}>
              {s.name}：
              {s.skipped
                ? (T.skipped[s.skipped] ?? s.skipped)
                : T.sheetLayout(
                    s.layout ? shownLayoutName(s.layout, T.layouts, result.settings.tables) : null,
                    s.entries,
                  )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

/** Sub-status → the category it counts under (達成 → 順調), from the scheme the summary used. */
function rollUpParents(result: AnalysisResult, schemeId: string): ReadonlyMap<string, string> {
  const scheme = result.settings.schemes.find((s) => s.id === schemeId);
  const pairs: [string, string][] = [];
  for (const c of scheme?.categories ?? []) if (c.rollUpTo) pairs.push([c.label, c.rollUpTo]);
  return new Map(pairs);
}

function SummaryTable({
  summary,
  index,
  parentOf,
}: {
  readonly summary: Summary;
  readonly index: number;
  readonly parentOf: ReadonlyMap<string, string>;
}) {
  const styles = useStyles();
  const headingId = `summary-${index}`;
  const max = Math.max(1, ...summary.categories.map((c) => summary.total[c] ?? 0));
  const details = Object.entries(summary.detail).filter(([, n]) => n > 0);
  // 「うち達成」 sits right under its parent, as in the published table; orphans go last.
  const shownParent = (label: string): string | null => {
    const parent = parentOf.get(label);
    return parent !== undefined && summary.categories.includes(parent) ? parent : null;
  };
  const detailsUnder = (category: string | null) =>
    details.filter(([label]) => shownParent(label) === category);
  const detailRow = ([label, n]: [string, number]) => (
    <tr key={`detail-${label}`}>
      <th scope="row" className={`${styles.td} ${styles.rowHeader} ${styles.detail}`}>
        {T.detailOf(label)}
      </th>
      <td className={`${styles.td} ${styles.num} ${styles.detail}`}>{n}</td>
      <td className={`${styles.td} ${styles.num} ${styles.detail}`}>{percent(n, summary.counted)}</td>
      <td className={styles.td} />
    </tr>
  );
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <div>
        <Subtitle2 as="h3" id={headingId} block className={styles.heading}>
          {summary.title}
        </Subtitle2>
        <Caption1 as="p" className={styles.scheme} block>
          {summary.schemeName}
        </Caption1>
      </div>
      <table className={styles.table} aria-labelledby={headingId}>
        <thead>
          <tr>
            <th scope="col" className={styles.th}>
              {T.category}
            </th>
            <th scope="col" className={`${styles.th} ${styles.num}`}>
              {T.count}
            </th>
            <th scope="col" className={`${styles.th} ${styles.num}`}>
              {T.share}
            </th>
            <th scope="col" className={`${styles.th} ${styles.barCell}`}>
              {T.chart}
            </th>
          </tr>
        </thead>
        <tbody>
          {summary.categories.map((category, c) => {
            const count = summary.total[category] ?? 0;
            return [
              <tr key={category} data-category={category}>
                <th scope="row" className={`${styles.td} ${styles.rowHeader}`}>
                  <span className={styles.swatch} style={{ backgroundColor: PALETTE[c % PALETTE.length] }} />
                  {category}
                </th>
                <td className={`${styles.td} ${styles.num}`} data-testid="count">
                  {count}
                </td>
                <td className={`${styles.td} ${styles.num}`}>{percent(count, summary.counted)}</td>
                <td className={`${styles.td} ${styles.barCell}`} aria-hidden="true">
                  <div className={styles.track}>
                    <div
                      className={styles.bar}
                      style={{
                        width: `${(count / max) * 100}%`,
                        backgroundColor: PALETTE[c % PALETTE.length],
                      }}
                    />
                  </div>
                </td>
              </tr>,
              ...detailsUnder(category).map(detailRow),
            ];
          })}
          {detailsUnder(null).map(detailRow)}
          <tr className={styles.total}>
            <th scope="row" className={`${styles.td} ${styles.totalHeader}`}>
              {T.total}
            </th>
            <td className={`${styles.td} ${styles.num}`} data-testid="counted">
              {summary.counted}
            </td>
            <td className={`${styles.td} ${styles.num}`}>{summary.counted > 0 ? '100.0%' : '—'}</td>
            <td className={styles.td} />
          </tr>
        </tbody>
      </table>
      {(summary.unclassified > 0 || summary.excluded > 0 || summary.repeats > 0) && (
        <ul className={styles.notes}>
          {summary.unclassified > 0 && <li>{T.unclassified(summary.unclassified)}</li>}
          {summary.excluded > 0 && <li>{T.excluded(summary.excluded)}</li>}
          {summary.repeats > 0 && <li>{T.repeats(summary.repeats)}</li>}
        </ul>
      )}
      {summary.groups.length > 1 && <GroupBars summary={summary} />}
    </section>
  );
}

function GroupBars({ summary }: { readonly summary: Summary }) {
  const styles = useStyles();
  return (
    <details>
      <summary>
        {T.groups}（{summary.groups.length}）
      </summary>
      <ul className={styles.groups}>
        {summary.groups.map((g) => (
          <GroupBar key={g.path.join('\u0000')} group={g} categories={summary.categories} />
        ))}
      </ul>
    </details>
  );
}

function GroupBar({
  group,
  categories,
}: {
  readonly group: GroupCounts;
  readonly categories: readonly string[];
}) {
  const styles = useStyles();
  const counted = categories.reduce((n, c) => n + (group.counts[c] ?? 0), 0);
  const text = categories.map((c) => `${c} ${group.counts[c] ?? 0}`).join('・');
  return (
    <li className={styles.group}>
      <div className={styles.groupName}>{group.path.join(' / ')}</div>
      <div className={styles.stack} aria-hidden="true">
        {categories.map((c, i) => {
          const n = group.counts[c] ?? 0;
          return n > 0 ? (
            <div
              key={c}
              style={{
                width: `${(n / Math.max(1, counted)) * 100}%`,
                backgroundColor: PALETTE[i % PALETTE.length],
              }}
            />
          ) : null;
        })}
      </div>
      <div className={styles.groupCounts}>
        {text}（{T.total} {counted}）
      </div>
    </li>
  );
}
