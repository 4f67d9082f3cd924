import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import type { OutputPlan } from '../../core/index';
import { T } from '../../ui/strings';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  heading: { margin: 0 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
});

export interface RunReportProps {
  /** Diagnostics of severity error in the run. */
  readonly errors: number;
  readonly plan: OutputPlan;
  readonly preview: boolean;
  /** Entries counted under a reviewer's judgement carried over from 取組一覧 (二次評価). */
  readonly reviewed?: number;
  readonly onShowDiagnostics: () => void;
}

/**
 * What the run did, said plainly at the top of the result: how many errors it found, and which
 * sheets it created and which of its earlier sheets it replaced (the plan's replace list, the only
 * sheets the add-in ever deletes), and how many of a reviewer's judgements it carried over.
 */
export function RunReport({ errors, plan, preview, reviewed = 0, onShowDiagnostics }: RunReportProps) {
  const styles = useStyles();
  const replaced = new Set(plan.replace);
  const created = plan.sheets.map((s) => s.name).filter((name) => !replaced.has(name));
  return (
    <>
      {errors > 0 && (
        <MessageBar intent="warning" data-testid="errors-found">
          <MessageBarBody>{T.report.errorsFound(errors)}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={onShowDiagnostics}>
              {T.report.showDiagnostics}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <section className={styles.section} aria-labelledby="sheets-written">
        <Subtitle2 as="h3" id="sheets-written" block className={styles.heading}>
          {preview ? T.report.writtenPreview : T.report.written}
        </Subtitle2>
        <ul className={styles.list}>
          {created.length > 0 && <li data-testid="sheets-created">{T.report.created(created)}</li>}
          {plan.replace.length > 0 && (
            <li data-testid="sheets-replaced">{T.report.replaced(plan.replace)}</li>
          )}
          {reviewed > 0 && <li data-testid="reviewed-judgements">{T.report.reviewed(reviewed)}</li>}
        </ul>
      </section>
    </>
  );
}
