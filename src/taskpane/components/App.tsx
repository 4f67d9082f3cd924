import {
  Button,
  Caption1,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Subtitle2,
  Tab,
  TabList,
  Title3,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { Diagnostic } from '../../core/index';
import type { DepartmentFile } from '../../ui/departmentFiles';
import type { LoadedSettings, PreviousFile, WorkbookHost } from '../../ui/host';
import type { JobOutcome, JobProgress } from '../../ui/job';
import { errorText, T } from '../../ui/strings';
import { downloadBytes, XLSX_TYPE } from '../download';
import { ComparisonView, PreviousFileInput } from './ComparisonView';
import { DepartmentFilesView } from './DepartmentFilesView';
import { DiagnosticsView } from './DiagnosticsView';
import { FileOpen } from './FileOpen';
import { PlanSheetView } from './PlanSheetView';
import { ResultView } from './ResultView';
import { RunReport } from './RunReport';
import { SettingsView } from './SettingsView';
import { TableMappingView } from './TableMappingView';

/** What the preview adds: a file to open and a workbook to download. */
export interface PreviewFiles {
  open(file: { readonly name: string; readonly bytes: Uint8Array }): void;
  readonly fileName: string | null;
  readonly result: { readonly name: string; readonly bytes: Uint8Array } | null;
}

export interface AppProps {
  readonly host: WorkbookHost;
  readonly preview?: PreviewFiles;
  /** False when this Excel lacks the API set the add-in needs. */
  readonly supported?: boolean;
}

type TabId = 'result' | 'diagnostics' | 'settings';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    maxWidth: '720px',
    marginLeft: 'auto',
    marginRight: 'auto',
  },
  header: { display: 'flex', flexDirection: 'column' },
  title: { margin: 0 },
  run: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  runRow: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  panel: { paddingTop: tokens.spacingVerticalS },
  settings: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXL, minWidth: 0 },
  sheets: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    marginTop: tokens.spacingVerticalL,
  },
});

const STEP_WEIGHT = T.steps.length;

export function App({ host, preview, supported = true }: AppProps) {
  const styles = useStyles();
  const [loaded, setLoaded] = useState<LoadedSettings | null>(null);
  const [outcome, setOutcome] = useState<JobOutcome | null>(null);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState<TabId>('result');
  const [fileName, setFileName] = useState<string | null>(preview?.fileName ?? null);
  // Bumped when the settings are stored from outside the settings form (a table mapping): the
  // form starts again from them rather than keep a draft without the new table.
  const [revision, setRevision] = useState(0);
  // Last year's report for the comparison (issue 11): kept in the page, read when the run starts.
  const [previousFile, setPreviousFile] = useState<PreviousFile | null>(null);
  // Departments' files counted with the workbook (issue 11); read in the page, never copied into it.
  const [departmentFiles, setDepartmentFiles] = useState<readonly DepartmentFile[]>([]);

  useEffect(() => {
    let live = true;
    host.loadSettings().then(
      (s) => live && setLoaded(s),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [host]);

  const run = useCallback(async () => {
    setError(null);
    setProgress({ step: 'read', done: 0, total: 0 });
    try {
      const result = await host.run(setProgress, previousFile, departmentFiles);
      setOutcome(result);
      setTab('result');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setProgress(null);
    }
  }, [host, previousFile, departmentFiles]);

  const openFile = async (file: File) => {
    preview?.open({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    setFileName(file.name);
    setOutcome(null);
    setError(null);
  };

  const diagnostics: readonly Diagnostic[] = outcome ? outcome.diagnostics : [];
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  // Sheets with no table found: offer to describe their table (issue 10 item 4).
  const unrecognised = outcome ? diagnostics.filter((d) => d.code === 'NO_TABLE_FOUND').length : 0;
  const reloadSettings = () =>
    void host.loadSettings().then(
      (s) => {
        setLoaded(s);
        setRevision((r) => r + 1);
      },
      (e: unknown) => setError(errorText(e)),
    );
  const canRun = supported && progress === null && (!preview || fileName !== null);
  const result = preview?.result ?? null;

  return (
    <main className={styles.root}>
      <header className={styles.header}>
        <Title3 as="h1" className={styles.title}>
          {T.appTitle}
        </Title3>
        <Caption1>{T.appSubtitle}</Caption1>
      </header>

      {preview && (
        <MessageBar intent="info">
          <MessageBarBody>{T.previewBanner}</MessageBarBody>
        </MessageBar>
      )}
      {!supported && (
        <MessageBar intent="error">
          <MessageBarBody>{T.oldExcel}</MessageBarBody>
        </MessageBar>
      )}
      {preview && <FileOpen fileName={fileName} onOpen={(f) => void openFile(f)} />}

      <section className={styles.run} aria-label={T.run}>
        <div className={styles.runRow}>
          <Button appearance="primary" size="large" disabled={!canRun} onClick={() => void run()}>
            {progress ? T.running : T.run}
          </Button>
          {preview && result && outcome && (
            <Button onClick={() => downloadBytes(result.bytes, result.name, XLSX_TYPE)}>{T.download}</Button>
          )}
        </div>
        <Caption1>{preview ? T.runHintPreview : T.runHintExcel}</Caption1>
        <PreviousFileInput file={previousFile} onChange={setPreviousFile} />
        <DepartmentFilesView
          files={departmentFiles}
          onChange={setDepartmentFiles}
          result={outcome?.result ?? null}
          disabled={progress !== null}
        />
        {progress && (
          <Field validationMessage={T.progress(progress, preview !== undefined)} validationState="none">
            <ProgressBar
              value={progressValue(progress)}
              max={1}
              aria-label={T.progress(progress, preview !== undefined)}
            />
          </Field>
        )}
        {error && (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>
              <MessageBarTitle>{T.commandFailed}</MessageBarTitle>
              {error}
            </MessageBarBody>
          </MessageBar>
        )}
      </section>

      <TabList
        selectedValue={tab}
        onTabSelect={(_, data) => setTab(data.value as TabId)}
        aria-label={T.tabsLabel}
        size="small"
      >
        <Tab value="result" id="tab-result" aria-controls="panel">
          {T.tabs.result}
        </Tab>
        <Tab value="diagnostics" id="tab-diagnostics" aria-controls="panel">
          {T.tabs.diagnostics}
          {outcome ? `（${diagnostics.length}${errors > 0 ? `・エラー ${errors}` : ''}）` : ''}
        </Tab>
        <Tab value="settings" id="tab-settings" aria-controls="panel">
          {T.tabs.settings}
        </Tab>
      </TabList>
      <div id="panel" role="tabpanel" aria-labelledby={`tab-${tab}`} className={styles.panel}>
        {tab === 'result' &&
          (outcome ? (
            <>
              <RunReport
                errors={errors}
                plan={outcome.plan}
                preview={preview !== undefined}
                reviewed={outcome.result.reviewedJudgements ?? 0}
                onShowDiagnostics={() => setTab('diagnostics')}
              />
              {unrecognised > 0 && (
                <MessageBar intent="info">
                  <MessageBarBody>
                    {T.mapping.offer(unrecognised)}{' '}
                    <Button size="small" onClick={() => setTab('settings')}>
                      {T.mapping.offerButton}
                    </Button>
                  </MessageBarBody>
                </MessageBar>
              )}
              <ResultView result={outcome.result} />
              <ComparisonView result={outcome.result} />
              {preview && (
                <section className={styles.sheets} aria-labelledby="sheet-preview">
                  <Subtitle2 as="h3" id="sheet-preview" block>
                    {T.sheetPreview.heading}
                  </Subtitle2>
                  <PlanSheetView plan={outcome.plan} />
                </section>
              )}
            </>
          ) : (
            <Caption1>{T.noResultYet}</Caption1>
          ))}
        {tab === 'diagnostics' &&
          (outcome ? (
            <DiagnosticsView diagnostics={diagnostics} onSelect={(d) => selectSafely(host, d, setError)} />
          ) : (
            <Caption1>{T.noResultYet}</Caption1>
          ))}
        {tab === 'settings' && loaded && (
          <div className={styles.settings}>
            <SettingsView
              key={revision}
              saved={loaded.settings}
              storedNote={preview ? T.settings.storedPreview : T.settings.storedExcel}
              loadProblem={loaded.problem}
              onSave={async (settings) => {
                await host.saveSettings(settings);
                setLoaded({ settings });
              }}
            />
            <TableMappingView
              host={host}
              schemes={loaded.settings.schemes}
              fileName={fileName}
              onSaved={reloadSettings}
            />
          </div>
        )}
      </div>
    </main>
  );
}

function progressValue(p: JobProgress): number {
  const index = Math.max(0, T.steps.indexOf(p.step));
  const within = p.total > 0 ? p.done / p.total : 0;
  return Math.min(1, (index + within) / STEP_WEIGHT);
}

async function selectSafely(host: WorkbookHost, d: Diagnostic, onError: (text: string) => void) {
  try {
    return await host.select(d.at, d.to);
  } catch (e) {
    onError(errorText(e));
    return null;
  }
}
