import {
  Button,
  Caption1,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useId, useRef, useState } from 'react';
import {
  type LayoutId,
  type Settings,
  type StatusScheme,
  LAYOUT_IDS,
  resolveSettings,
  settingsToJson,
} from '../../core/index';
import { errorText, T } from '../../ui/strings';
import { downloadBytes } from '../download';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  group: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    border: 'none',
    margin: 0,
    padding: 0,
    // A fieldset is min-content wide by default: it would not shrink with a 320 px task pane.
    minWidth: 0,
  },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXS },
  // Side by side while both fit (inputs as narrow as 120 px), else one above the other.
  pair: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(120px, 1fr))',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
  },
  /** An input's own width (20 characters) is not a minimum: it fills its column and no more. */
  shrink: { minWidth: 0, width: '100%' },
  buttons: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
  },
  scheme: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  hiddenInput: { display: 'none' },
});

export interface SettingsViewProps {
  readonly saved: Settings;
  readonly storedNote: string;
  /** A problem with the stored settings (they were replaced by the defaults). */
  readonly loadProblem?: unknown;
  readonly onSave: (settings: Settings) => Promise<void>;
}

const lines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
const aliasList = (text: string): string[] =>
  text
    .split(/[、,，]/)
    .map((s) => s.trim())
    .filter(Boolean);

export function SettingsView({ saved, storedNote, loadProblem, onSave }: SettingsViewProps) {
  const styles = useStyles();
  const [draft, setDraft] = useState<Settings>(saved);
  const [yearText, setYearText] = useState(saved.reportYear === null ? '' : String(saved.reportYear));
  // Shown next to the buttons, where the user is when saving or importing.
  const [message, setMessage] = useState<{ intent: 'success' | 'error' | 'info'; text: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const ids = { legendRun: useId(), importLabel: useId() };
  const dirty = settingsToJson(draft) !== settingsToJson(saved);

  const update = (patch: Partial<Settings>) => setDraft({ ...draft, ...patch });
  const updateScheme = (index: number, scheme: StatusScheme) =>
    update({ schemes: draft.schemes.map((s, i) => (i === index ? scheme : s)) });

  /** Checks the draft exactly as the command line checks --config, then stores it. */
  const save = async () => {
    try {
      const checked = resolveSettings(settingsToJson(withYear(draft, yearText)));
      await onSave(checked);
      setDraft(checked);
      setMessage({ intent: 'success', text: T.settings.saved });
    } catch (e) {
      setMessage({ intent: 'error', text: errorText(e) });
    }
  };

  const importFile = async (file: File) => {
    try {
      const loaded = resolveSettings(await file.text());
      setDraft(loaded);
      setYearText(loaded.reportYear === null ? '' : String(loaded.reportYear));
      setMessage({ intent: 'info', text: T.settings.imported(file.name) });
    } catch (e) {
      setMessage({ intent: 'error', text: errorText(e) });
    }
  };

  return (
    <form
      className={styles.form}
      aria-label={T.settings.heading}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Caption1>{storedNote}</Caption1>
      {loadProblem !== undefined && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{errorText(loadProblem)}</MessageBarBody>
        </MessageBar>
      )}

      <Field label={T.settings.reportYear} hint={T.settings.reportYearHint}>
        <Input
          type="number"
          inputMode="numeric"
          min={1989}
          max={2100}
          value={yearText}
          onChange={(_, d) => setYearText(d.value)}
        />
      </Field>

      <fieldset className={styles.group}>
        <legend className={styles.legend}>
          <Subtitle2>{T.settings.thresholds}</Subtitle2>
        </legend>
        <div className={styles.pair}>
          <Field label={T.settings.onTrackRatio}>
            <Input
              className={styles.shrink}
              input={{ className: styles.shrink }}
              type="number"
              step={0.05}
              min={0}
              value={String(draft.judge.onTrackRatio)}
              onChange={(_, d) => update({ judge: { ...draft.judge, onTrackRatio: Number(d.value) } })}
            />
          </Field>
          <Field label={T.settings.slightlyBehindRatio}>
            <Input
              className={styles.shrink}
              input={{ className: styles.shrink }}
              type="number"
              step={0.05}
              min={0}
              value={String(draft.judge.slightlyBehindRatio)}
              onChange={(_, d) => update({ judge: { ...draft.judge, slightlyBehindRatio: Number(d.value) } })}
            />
          </Field>
        </div>
        <Caption1>{T.settings.ratioHint}</Caption1>
      </fieldset>

      <fieldset className={styles.group}>
        <legend className={styles.legend}>
          <Subtitle2>{T.settings.outputNames}</Subtitle2>
        </legend>
        {(
          [
            ['summarySheet', T.settings.summarySheet],
            ['listSheet', T.settings.listSheet],
            ['diagnosticsSheet', T.settings.diagnosticsSheet],
          ] as const
        ).map(([key, label]) => (
          <Field key={key} label={label}>
            <Input
              value={draft.output[key]}
              maxLength={31}
              onChange={(_, d) => update({ output: { ...draft.output, [key]: d.value } })}
            />
          </Field>
        ))}
      </fieldset>

      <fieldset className={styles.group}>
        <legend className={styles.legend}>
          <Subtitle2>{T.settings.sheets}</Subtitle2>
        </legend>
        <Field label={T.settings.include}>
          <Textarea
            resize="vertical"
            value={draft.sheets.include.join('\n')}
            onChange={(_, d) => update({ sheets: { ...draft.sheets, include: lines(d.value) } })}
          />
        </Field>
        <Field label={T.settings.exclude}>
          <Textarea
            resize="vertical"
            value={draft.sheets.exclude.join('\n')}
            onChange={(_, d) => update({ sheets: { ...draft.sheets, exclude: lines(d.value) } })}
          />
        </Field>
      </fieldset>

      <fieldset className={styles.group}>
        <legend className={styles.legend}>
          <Subtitle2>{T.settings.schemeFor}</Subtitle2>
        </legend>
        {LAYOUT_IDS.map((layout: LayoutId) => (
          <Field key={layout} label={T.layouts[layout]}>
            <Select
              value={draft.layoutSchemes[layout]}
              onChange={(_, d) => update({ layoutSchemes: { ...draft.layoutSchemes, [layout]: d.value } })}
            >
              {draft.schemes.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </Select>
          </Field>
        ))}
      </fieldset>

      <fieldset className={styles.group}>
        <legend className={styles.legend}>
          <Subtitle2>{T.settings.schemes}</Subtitle2>
        </legend>
        {draft.schemes.map((scheme, i) => (
          <details key={scheme.id}>
            <summary>{scheme.name}</summary>
            <div className={styles.scheme}>
              {scheme.categories.map((cat, c) => (
                <Field key={`${scheme.id}-${c}`} label={T.settings.aliases(cat.label)}>
                  <Input
                    value={cat.aliases.join('、')}
                    onChange={(_, d) =>
                      updateScheme(i, {
                        ...scheme,
                        categories: scheme.categories.map((x, j) =>
                          j === c ? { ...x, aliases: aliasList(d.value) } : x,
                        ),
                      })
                    }
                  />
                </Field>
              ))}
            </div>
          </details>
        ))}
      </fieldset>

      {dirty && <Caption1 role="status">{T.settings.unsaved}</Caption1>}
      {message && (
        <MessageBar intent={message.intent} role={message.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.buttons}>
        <Button appearance="primary" type="submit">
          {T.settings.save}
        </Button>
        <Button
          type="button"
          onClick={() => {
            const defaults = resolveSettings(null);
            setDraft(defaults);
            setYearText('');
          }}
        >
          {T.settings.reset}
        </Button>
        <Button
          type="button"
          onClick={() =>
            downloadBytes(
              new TextEncoder().encode(settingsToJson(withYear(draft, yearText))),
              'kaikaku-shukei.config.json',
              'application/json',
            )
          }
        >
          {T.settings.exportJson}
        </Button>
        <Button type="button" id={ids.importLabel} onClick={() => fileInput.current?.click()}>
          {T.settings.importJson}
        </Button>
        <input
          ref={fileInput}
          className={styles.hiddenInput}
          type="file"
          accept=".json,application/json"
          aria-labelledby={ids.importLabel}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void importFile(file);
            e.target.value = '';
          }}
        />
      </div>
    </form>
  );
}

function withYear(settings: Settings, yearText: string): Settings {
  const year = yearText.trim() === '' ? null : Number(yearText);
  return { ...settings, reportYear: year === null || Number.isNaN(year) ? null : year };
}
