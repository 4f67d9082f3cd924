import type { TableDef } from '../../src/core/tableSettings';
import type { CellInput, WorkbookInput } from '../../src/core/workbook';
import { sheetFromArray } from '../../src/core/workbook';

/**
 * A sixth city's report (issue 10 item 4): one flat table with S / A / B / C and 対象外 per
 * 重点改革項目, headed with words no built-in layout knows (通番, 改革の取組, 推進担当, 最終判定), so
 * only a table defined in the settings counts it. Starts in column B under a title row.
 */
export const SIXTH_SHEET = '改革項目評価';
/** 0-based row of the header row. */
export const SIXTH_HEADER_ROW = 2;

const ITEMS: readonly (readonly [string, string, string, string])[] = [
  ['窓口手続のオンライン化', '情報政策課', '1 デジタル化の推進', 'S'],
  ['電子決裁の全庁導入', '総務課', '1 デジタル化の推進', 'A'],
  ['キャッシュレス決済の導入', '会計課', '1 デジタル化の推進', 'A'],
  ['AI-OCR による入力事務の省力化', '情報政策課', '1 デジタル化の推進', 'B'],
  ['公共施設の再配置計画', '資産活用課', '2 公共施設の適正化', 'S'],
  ['施設使用料の見直し', '財政課', '2 公共施設の適正化', 'C'],
  ['指定管理者制度の拡大', '行政経営課', '2 公共施設の適正化', 'A'],
  ['未利用地の売却', '資産活用課', '2 公共施設の適正化', '対象外'],
  ['補助金の総点検', '財政課', '3 財政の健全化', 'S'],
  ['市税収納率の向上', '納税課', '3 財政の健全化', 'A'],
  ['ふるさと納税の拡充', '企画課', '3 財政の健全化', 'B'],
  ['職員定数の適正化', '人事課', '3 財政の健全化', 'C'],
];

/** Counts a run using the mapping must give. */
export const SIXTH_COUNTS = { S: 3, A: 4, B: 2, C: 2, 対象外: 1 } as const;

export function sixthCityWorkbook(): WorkbookInput {
  const rows: CellInput[][] = [
    [null, '第六市 行財政改革 重点改革項目 評価表（令和3年度）'],
    [],
    [null, '通番', '改革の取組', '推進担当', '重点改革項目', '最終判定'],
    ...ITEMS.map(([title, dept, group, status], i) => [null, i + 1, title, dept, group, status]),
  ];
  return { name: '第六市', sheets: [sheetFromArray(SIXTH_SHEET, rows)] };
}

/** The S / A / B / C scheme the office has in its settings before mapping the table. */
export const SABC_SCHEME = {
  id: 'sabc',
  name: 'S / A / B / C',
  categories: [
    { label: 'S', aliases: ['Ｓ'] },
    { label: 'A', aliases: ['Ａ'] },
    { label: 'B', aliases: ['Ｂ'] },
    { label: 'C', aliases: ['Ｃ'] },
    { label: '対象外', aliases: ['-', '－'], excluded: true },
  ],
};

/** The settings stored in the workbook before the mapping. */
export const SIXTH_STORED_SETTINGS = { reportYear: 2021, schemes: [SABC_SCHEME] };

/** The table the pane must save for the mapping the tests make (name 第六市 評価表, this sheet only). */
export function sixthTableDef(id: string): TableDef {
  return {
    id,
    name: '第六市 評価表',
    sheets: [SIXTH_SHEET],
    number: { words: ['通番'] },
    title: { words: ['改革の取組'] },
    department: { words: ['推進担当'] },
    group: { words: ['重点改革項目'] },
    statusColumns: [{ words: ['最終判定'], scheme: 'sabc', title: '最終判定' }],
  };
}
