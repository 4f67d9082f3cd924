/**
 * The public façade of the engine, for the add-in, the command line and scripts: analyze a workbook
 * of plain cell grids, plan the output sheets, read and write settings, and format diagnostics.
 * Pure: no Office.js, no file I/O.
 */
export { analyze, analyzeFiles, planOutput } from './engine';
export type { FileInput, FileProblem, FilesInput } from './multi';
export {
  behindCategories,
  departmentFileName,
  departmentResult,
  departmentShares,
  departmentTables,
} from './departments';
export type { DepartmentRow, DepartmentShare, DepartmentTable } from './departments';
export type { AnalysisResult, AnalyzeOptions, PlanOptions, ProgressStep } from './engine';
export { DETECT_THRESHOLD } from './run';
export { runJob, runDiagnostics, inThreadRunner } from './job';
export { shareTenths, largestRemainderTenths, asPrintedTenths } from './shares';
export { compareWithPrevious, withComparison, previousSheetName } from './compare';
export type { ChangeDirection, Comparison, ItemChange, ItemSide, SummaryComparison } from './compare';
export type {
  Engine,
  EngineInput,
  EngineOutput,
  EngineProgress,
  EngineRunner,
  JobOptions,
  JobOutcome,
  JobProgress,
  JobSource,
  PreviousWorkbook,
  SourceRead,
} from './job';

export { buildJsonResult, sharePercent } from './jsonResult';
export type {
  JsonResult,
  JsonEntry,
  JsonSummary,
  JsonDiagnostic,
  JsonSheet,
  JsonOptions,
  JsonReason,
} from './jsonResult';

export { resolveSettings, settingsToJson, LAYOUT_IDS, SettingsError } from './settingsIO';
export type { SettingsProblem } from './settingsIO';
export { DEFAULT_SETTINGS, DEFAULT_SCHEMES, DEFAULT_READ_LIMITS, findScheme } from './settings';
export type {
  Settings,
  StatusScheme,
  StatusCategoryDef,
  JudgeSettings,
  OutputSettings,
  SheetSelection,
  CountBy,
  ReadLimits,
} from './settings';

export {
  formatMessage,
  diagnosticText,
  formatEngineError,
  formatSettingsProblem,
  outputConflictText,
  readerFallbackNotice,
  writeFailureReason,
  formatReason,
  locationText,
  SEVERITY_LABEL,
  summaryTitle,
} from './messages';
export type { Locale, OutputConflict, SummaryKind } from './messages';
export { REASON_CODES } from './reasons';
export type { Reason, ReasonCode, ReasonParamMap } from './reasons';
export { DiagnosticBag, SEVERITY_ORDER, hasCode } from './diagnostics';
export type {
  Diagnostic,
  DiagnosticCode,
  DiagnosticParamMap,
  DiagnosticParams,
  Severity,
} from './diagnostics';
export { EngineError } from './errors';
export type { EngineErrorCode } from './errors';

export type {
  Entry,
  Summary,
  GroupCounts,
  StatedSummary,
  SheetReport,
  LayoutId,
  AnyLayoutId,
  TableLayoutId,
  StatusSource,
  IndicatorFigures,
  Direction,
} from './model';

export {
  addr,
  cellKey,
  columnLetters,
  columnIndex,
  toA1,
  rangeToA1,
  parseA1,
  qualifiedA1,
  quoteSheetName,
} from './address';
export type { CellAddress, RangeAddress } from './address';
export { ERROR_LITERALS, isCellData, sheetFromArray, toCellData, workbookFromArrays } from './workbook';
export type {
  CellData,
  CellInput,
  CellScalar,
  MergeArea,
  SheetInput,
  SheetVisibility,
  WorkbookInput,
} from './workbook';

export { STYLES, sheetChanges } from './outputPlan';
export {
  SHEET_LABELS,
  formatStamp,
  validSheetName,
  criterion,
  cellSafeText,
  MAX_CRITERION,
  MAX_LINKS_PER_SHEET,
} from './plan';
export type {
  OutputPlan,
  SheetPlan,
  PlanCell,
  StyleName,
  StyleDef,
  StyledRange,
  OutputRole,
  ExistingSheet,
  CellBlock,
  ChartPlan,
} from './outputPlan';
export {
  OWNER_NAME_PREFIX,
  confirmOwnership,
  OUTPUT_ROLES,
  ownerNameFor,
  roleOfOwnerName,
  sheetOfReference,
} from './ownership';

export { classifyStatus, splitDepartmentRatings, topCategories } from './status';
export type { StatusMatch, MatchedStatus, DepartmentRating } from './status';
export { summarize } from './summary';
export { LAYOUTS } from './layouts/index';
export {
  LAYOUT_REGISTRY,
  layoutNames,
  layoutTitle,
  isTableLayoutId,
  shownLayoutName,
  tableLayoutId,
  type LayoutRecord,
} from './layouts/registry';
export type { Layout } from './layouts/types';
export { formatFiscalYear, shortFiscalYear, parseFiscalYear } from './fiscalYear';
export {
  TABLE_CONCEPTS,
  TABLE_ID_PATTERN,
  headerWord,
  mappingProblems,
  tableDefFromMapping,
  tableId,
  withTable,
  settingsJsonWithTable,
} from './tableSettings';
export type {
  TableColumnDef,
  StatusColumnDef,
  TableDef,
  TableConcept,
  ColumnChoice,
  HeaderCell,
  MappingProblem,
} from './tableSettings';
