import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { analyze, analyzeFiles, planOutput } from '../core/index';
import { createExcelHost } from '../office/officeHost';
import type { Engine } from '../ui/job';
import type { AppProps } from './components/App';
import { App } from './components/App';
import { paneRunner } from './engineWorker';

/**
 * The task pane's entry. Inside Excel it works on the open workbook; opened anywhere else (a browser,
 * a file share) Office.onReady reports no host and the same page becomes the preview.
 */
const engine: Engine = { analyze, planOutput, analyzeFiles };
/** The engine in a Web Worker, so the pane keeps answering during long runs. */
const runner = paneRunner(engine, window.location.search);

/** Oldest ExcelApi with every call the adapter makes (getMergedAreasOrNullObject); see the manifest. */
const REQUIRED_API = '1.13';

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('container')!);
  const render = (props: AppProps) =>
    root.render(
      <FluentProvider theme={webLightTheme}>
        <App {...props} />
      </FluentProvider>,
    );
  // office.js is on the page only inside Office (see office-loader.html).
  const info = typeof Office === 'undefined' ? null : await Office.onReady();
  if (info && info.host === Office.HostType.Excel && typeof Excel !== 'undefined') {
    const supported = Office.context.requirements.isSetSupported('ExcelApi', REQUIRED_API);
    render({ host: createExcelHost((batch) => Excel.run(batch), engine, runner), supported });
    return;
  }
  // Loaded only here, so Excel users never download ExcelJS.
  const { PreviewHost } = await import(/* webpackChunkName: "preview" */ '../preview/previewHost');
  const preview = new PreviewHost(engine, undefined, runner);
  render({ host: preview, preview });
}

void start();
