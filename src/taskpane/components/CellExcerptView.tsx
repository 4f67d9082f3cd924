import { makeStyles, tokens } from '@fluentui/react-components';
import { columnLetters } from '../../core/index';
import type { CellExcerpt } from '../../ui/host';
import { T } from '../../ui/strings';

const useStyles = makeStyles({
  wrap: { overflowX: 'auto', marginTop: tokens.spacingVerticalXS },
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase100 },
  head: {
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground3,
    fontWeight: tokens.fontWeightRegular,
    paddingLeft: '4px',
    paddingRight: '4px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  cell: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingLeft: '4px',
    paddingRight: '4px',
    maxWidth: '10em',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  focus: {
    outlineWidth: '2px',
    outlineStyle: 'solid',
    outlineColor: tokens.colorPaletteRedBorder2,
    backgroundColor: tokens.colorPaletteYellowBackground1,
  },
});

/** The preview's stand-in for selecting a cell: the cells around it, the cell outlined. */
export function CellExcerptView({ excerpt }: { readonly excerpt: CellExcerpt }) {
  const styles = useStyles();
  const width = excerpt.rows.reduce((w, r) => Math.max(w, r.length), 0);
  const f = excerpt.focus;
  return (
    <div
      className={styles.wrap}
      role="region"
      aria-label={`${T.diagnostics.previewCell}（${excerpt.sheet}）`}
      // A scrollable region takes focus so the keyboard can scroll it (axe: scrollable-region-focusable).
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={0}
    >
      <table className={styles.table}>
        <thead>
          <tr>
            <td className={styles.head} />
            {Array.from({ length: width }, (_, c) => (
              <th key={c} scope="col" className={styles.head}>
                {columnLetters(excerpt.left + c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {excerpt.rows.map((row, r) => {
            const rowIndex = excerpt.top + r;
            return (
              <tr key={rowIndex}>
                <th scope="row" className={styles.head}>
                  {rowIndex + 1}
                </th>
                {Array.from({ length: width }, (_, c) => {
                  const colIndex = excerpt.left + c;
                  const inFocus =
                    rowIndex >= f.top && rowIndex <= f.bottom && colIndex >= f.left && colIndex <= f.right;
                  const value = row[c];
                  return (
                    <td
                      key={c}
                      className={inFocus ? `${styles.cell} ${styles.focus}` : styles.cell}
                      title={value === null || value === undefined ? undefined : String(value)}
                    >
                      {value === null || value === undefined ? '' : String(value)}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
