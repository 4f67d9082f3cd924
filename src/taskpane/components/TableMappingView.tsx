import {
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useId, useState } from 'react';
import {
  columnLetters,
  mappingProblems,
  TABLE_CONCEPTS,
  tableDefFromMapping,
  type ColumnChoice,
  type MappingProblem,
  type StatusScheme,
  type TableConcept,
} from '../../core/index';
import type { HeaderRowPick, SheetTop, WorkbookHost } from '../../ui/host';
import { errorText, T } from '../../ui/strings';

/** Rows of each sheet the preview shows to click a header row in. */
const PREVIEW_ROWS = 15;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0 },
  columns: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0 },
  shrink: { minWidth: 0, width: '100%' },
  wrap: { overflowX: 'auto', maxWidth: '100%' },
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase100 },
  cell: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingLeft: '4px',
    paddingRight: '4px',
    maxWidth: '8em',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  picked: { backgroundColor: tokens.colorPaletteYellowBackground1 },
});

export interface TableMappingViewProps {
  readonly host: WorkbookHost;
  /** The schemes of the saved settings: one 状況 choice each. */
  readonly schemes: readonly StatusScheme[];
  /** The preview's opened file (sheet tops are reloaded when it changes). */
  readonly fileName?: string | null;
  /** Called after the mapping is stored (the pane reloads its settings). */
  readonly onSaved: () => void;
}

/** A choice as a <select> value: a concept, 'ignore', or 'status:<scheme id>'. */
function choiceValue(choice: ColumnChoice): string {
  return typeof choice === 'object' ? `status:${choice.status}` : choice;
}

function choiceOf(value: string): ColumnChoice {
  if (value.startsWith('status:')) return { status: value.slice('status:'.length) };
  return (TABLE_CONCEPTS as readonly string[]).includes(value) ? (value as TableConcept) : 'ignore';
}

function problemText(p: MappingProblem): string {
  switch (p.code) {
    case 'NO_STATUS_COLUMN':
    case 'NO_NAME':
      return T.mapping.problems[p.code];
    case 'DUPLICATE_CONCEPT':
      return T.mapping.problems.DUPLICATE_CONCEPT(
        T.mapping.meaning[p.concept],
        p.cols.map((c) => `${columnLetters(c)} 列`).join('、'),
      );
    case 'EMPTY_HEADER':
      return T.mapping.problems.EMPTY_HEADER(columnLetters(p.col));
  }
}

/** The header row's cells from a row of values: those with text, with their column. */
function pickFromRow(sheet: string, row: number, values: readonly unknown[]): HeaderRowPick {
  const cells = values.flatMap((v, col) => {
    const text = v === null || v === undefined ? '' : String(v).trim();
    return text === '' ? [] : [{ col, text }];
  });
  return { sheet, row, cells };
}

/**
 * 「表の列を指定」: the user points at the header row of a table no built-in form recognises (the
 * selection in Excel, a row of the sheet in the preview), says what each column means, names the
 * table and saves it into the settings' tables.
 */
export function TableMappingView({ host, schemes, fileName, onSaved }: TableMappingViewProps) {
  const styles = useStyles();
  const ids = { heading: useId(), rows: useId() };
  const [pick, setPick] = useState<HeaderRowPick | null>(null);
  const [choices, setChoices] = useState<Record<number, ColumnChoice>>({});
  const [name, setName] = useState('');
  const [onlyThisSheet, setOnlyThisSheet] = useState(true);
  const [tops, setTops] = useState<readonly SheetTop[] | null>(null);
  const [sheet, setSheet] = useState<string>('');
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; texts: readonly string[] } | null>(
    null,
  );

  const preview = host.sheetTops !== undefined;
  useEffect(() => {
    if (!host.sheetTops || !fileName) return;
    let live = true;
    host.sheetTops(PREVIEW_ROWS).then(
      (t) => {
        if (!live) return;
        setTops(t);
        setSheet(t[0]?.name ?? '');
      },
      (e: unknown) => live && setMessage({ intent: 'error', texts: [errorText(e)] }),
    );
    return () => {
      live = false;
    };
  }, [host, fileName]);

  const takePick = (p: HeaderRowPick | null) => {
    setMessage(null);
    if (!p) {
      setMessage({ intent: 'error', texts: [T.mapping.noSelection] });
      return;
    }
    if (p.cells.length === 0) {
      setMessage({ intent: 'error', texts: [T.mapping.emptyRow] });
      return;
    }
    setPick(p);
    setChoices({});
    setName(p.sheet);
  };

  const fromSelection = async () => {
    // The old row's form goes until the new one is read, so no choice is made on a form about to reset.
    setPick(null);
    setMessage(null);
    try {
      takePick((await host.selectedRow?.()) ?? null);
    } catch (e) {
      setMessage({ intent: 'error', texts: [errorText(e)] });
    }
  };

  const save = async () => {
    if (!pick) return;
    const problems = mappingProblems(pick.cells, choices, name);
    if (problems.length > 0) {
      setMessage({ intent: 'error', texts: problems.map(problemText) });
      return;
    }
    try {
      const def = tableDefFromMapping(pick.cells, choices, name, ...(onlyThisSheet ? [pick.sheet] : []));
      await host.saveTable(def);
      setMessage({ intent: 'success', texts: [T.mapping.saved(def.name)] });
      onSaved();
    } catch (e) {
      setMessage({ intent: 'error', texts: [errorText(e)] });
    }
  };

  const top = tops?.find((t) => t.name === sheet);
  return (
    <section className={styles.root} aria-labelledby={ids.heading}>
      <Subtitle2 as="h2" id={ids.heading}>
        {T.mapping.heading}
      </Subtitle2>
      <Caption1>{preview ? T.mapping.introPreview : T.mapping.intro}</Caption1>

      {!preview && (
        <>
          <Caption1>{T.mapping.selectHint}</Caption1>
          <div>
            <Button onClick={() => void fromSelection()}>{T.mapping.useSelection}</Button>
          </div>
        </>
      )}

      {preview && !fileName && <Caption1>{T.mapping.openFirst}</Caption1>}
      {preview && tops && tops.length > 0 && (
        <>
          <Field label={T.mapping.sheet}>
            <Select value={sheet} onChange={(_, d) => setSheet(d.value)}>
              {tops.map((t) => (
                <option key={t.name} value={t.name}>
                  {t.name}
                </option>
              ))}
            </Select>
          </Field>
          {top && (
            <div className={styles.wrap} role="region" aria-labelledby={ids.rows}>
              <Caption1 id={ids.rows}>{T.mapping.rowsOf(top.name)}</Caption1>
              <table className={styles.table}>
                <tbody>
                  {top.rows.map((row, r) => (
                    <tr
                      key={r}
                      className={pick?.sheet === top.name && pick.row === r ? styles.picked : undefined}
                    >
                      <th scope="row" className={styles.cell}>
                        <Button
                          size="small"
                          appearance="subtle"
                          aria-label={T.mapping.useRow(r + 1)}
                          onClick={() => takePick(pickFromRow(top.name, r, row))}
                        >
                          {r + 1}
                        </Button>
                      </th>
                      {row.map((v, c) => (
                        <td key={c} className={styles.cell}>
                          {v === null ? '' : String(v)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}

      {message && (
        <MessageBar intent={message.intent} role={message.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>
            {message.texts.map((t) => (
              <div key={t}>{t}</div>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}

      {pick && (
        <form
          className={styles.columns}
          aria-label={T.mapping.heading}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Caption1 data-testid="mapping-picked">{T.mapping.picked(pick.sheet, pick.row + 1)}</Caption1>
          {pick.cells.map((cell) => (
            <Field key={cell.col} label={T.mapping.columnLabel(columnLetters(cell.col), cell.text)}>
              <Select
                className={styles.shrink}
                value={choiceValue(choices[cell.col] ?? 'ignore')}
                onChange={(_, d) => setChoices((prev) => ({ ...prev, [cell.col]: choiceOf(d.value) }))}
              >
                {TABLE_CONCEPTS.map((c) => (
                  <option key={c} value={c}>
                    {T.mapping.meaning[c]}
                  </option>
                ))}
                {schemes.map((s) => (
                  <option key={s.id} value={`status:${s.id}`}>
                    {T.mapping.status(s.name)}
                  </option>
                ))}
                <option value="ignore">{T.mapping.meaning.ignore}</option>
              </Select>
            </Field>
          ))}
          <Field label={T.mapping.name} hint={T.mapping.nameHint}>
            <Input className={styles.shrink} value={name} onChange={(_, d) => setName(d.value)} />
          </Field>
          <Checkbox
            checked={onlyThisSheet}
            onChange={(_, d) => setOnlyThisSheet(d.checked === true)}
            label={T.mapping.onlyThisSheet(pick.sheet)}
          />
          <div>
            <Button appearance="primary" type="submit">
              {T.mapping.save}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
