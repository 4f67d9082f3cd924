import { Button, Caption1, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import { useId, useRef, useState } from 'react';
import type { AnalysisResult } from '../../core/index';
import type { DepartmentFile } from '../../ui/departmentFiles';
import { sendBackCount, sendBackZip } from '../../ui/sendBack';
import { T } from '../../ui/strings';
import { downloadBytes } from '../download';

const useStyles = makeStyles({
  box: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    rowGap: tokens.spacingVerticalXS,
  },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

export interface DepartmentFilesViewProps {
  readonly files: readonly DepartmentFile[];
  readonly onChange: (files: readonly DepartmentFile[]) => void;
  /** The last run's analysis, for the send-back downloads; null before a run. */
  readonly result: AnalysisResult | null;
  readonly disabled: boolean;
}

/**
 * 「各課のファイルを追加」: departments' workbooks counted with the open one (read in the page, not
 * copied into the workbook), and after a run the send-back workbook of each department as downloads.
 */
export function DepartmentFilesView({ files, onChange, result, disabled }: DepartmentFilesViewProps) {
  const styles = useStyles();
  const titleId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const add = async (list: FileList | null) => {
    if (!list) return;
    const added: DepartmentFile[] = [];
    for (const f of Array.from(list))
      added.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
    // The same name added again replaces the earlier copy.
    const names = new Set(added.map((f) => f.name));
    onChange([...files.filter((f) => !names.has(f.name)), ...added]);
  };
  const count = result ? sendBackCount(result) : 0;
  const download = async () => {
    if (!result) return;
    setBusy(true);
    try {
      downloadBytes(await sendBackZip(result, new Date()), T.departments.sendBackName, 'application/zip');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className={styles.box} aria-labelledby={titleId}>
      <Subtitle2 as="h2" id={titleId}>
        {T.departments.title}
      </Subtitle2>
      <Caption1>{T.departments.hint}</Caption1>
      <Button disabled={disabled} onClick={() => input.current?.click()}>
        {T.departments.add}
      </Button>
      <input
        ref={input}
        hidden
        multiple
        type="file"
        aria-label={T.departments.add}
        data-testid="department-files"
        accept=".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onChange={(e) => {
          void add(e.target.files);
          e.target.value = '';
        }}
      />
      {files.length > 0 && (
        <ul className={styles.list}>
          {files.map((f) => (
            <li key={f.name}>
              {f.name}{' '}
              <Button
                size="small"
                appearance="subtle"
                disabled={disabled}
                aria-label={T.departments.remove(f.name)}
                onClick={() => onChange(files.filter((x) => x !== f))}
              >
                ×
              </Button>
            </li>
          ))}
        </ul>
      )}
      {count > 0 && (
        <>
          <Button disabled={busy} onClick={() => void download()}>
            {T.departments.sendBack}
          </Button>
          <Caption1>{T.departments.sendBackHint(count)}</Caption1>
        </>
      )}
    </section>
  );
}
