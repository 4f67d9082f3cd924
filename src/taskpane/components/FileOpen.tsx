import { Button, Caption1, makeStyles, mergeClasses, Subtitle2, tokens } from '@fluentui/react-components';
import { useId, useRef, useState } from 'react';
import { T } from '../../ui/strings';

const useStyles = makeStyles({
  zone: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  over: { border: `2px dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
});

export interface FileOpenProps {
  readonly fileName: string | null;
  readonly onOpen: (file: File) => void;
}

/** Opens an .xlsx in the preview: a file input (keyboard and screen readers) and a drop zone. */
export function FileOpen({ fileName, onOpen }: FileOpenProps) {
  const styles = useStyles();
  const titleId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  return (
    <section
      className={mergeClasses(styles.zone, over && styles.over)}
      aria-labelledby={titleId}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const file = e.dataTransfer.files[0];
        if (file) onOpen(file);
      }}
    >
      <Subtitle2 as="h2" id={titleId}>
        {T.fileLabel}
      </Subtitle2>
      <Caption1>{T.dropHere}</Caption1>
      <Button onClick={() => input.current?.click()}>{T.chooseFile}</Button>
      <input
        ref={input}
        hidden
        type="file"
        aria-label={T.fileLabel}
        data-testid="file-input"
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onOpen(file);
          e.target.value = '';
        }}
      />
      {fileName && (
        <Caption1 role="status" data-testid="file-name">
          {T.openedFile(fileName)}
        </Caption1>
      )}
    </section>
  );
}
