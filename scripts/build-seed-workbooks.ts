/**
 * `npm run seeds`: writes samples/<slug>.xlsx from the seed reports (../shared/seeds), one sheet per
 * report, as test/support/seeds.ts reads them. Reproducible: fixed document and zip dates, so a rebuild
 * gives the same bytes and git sees no change.
 */
import * as fs from 'fs';
import * as path from 'path';
import { SEED_IDS, SEEDS, seedWorkbook, type SeedId } from '../test/support/seeds';
import { workbookToBytes } from '../src/xlsx/bytes';
import { workbookFromInput } from '../src/xlsx/fromInput';

export const SAMPLES_DIR = path.resolve(__dirname, '..', 'samples');
export const SAMPLE_DATE = new Date(Date.UTC(2022, 3, 1, 0, 0, 0));

export function samplePath(id: SeedId): string {
  return path.join(SAMPLES_DIR, `${SEEDS[id].slug}.xlsx`);
}

export async function seedSampleBytes(id: SeedId): Promise<Uint8Array> {
  const workbook = workbookFromInput(seedWorkbook(id));
  workbook.creator = '改革集計 seeds';
  workbook.lastModifiedBy = '改革集計 seeds';
  workbook.title = SEEDS[id].city;
  return workbookToBytes(workbook, { fixedDate: SAMPLE_DATE });
}

async function main(): Promise<void> {
  fs.mkdirSync(SAMPLES_DIR, { recursive: true });
  for (const id of SEED_IDS) {
    const bytes = await seedSampleBytes(id);
    const file = samplePath(id);
    const same = fs.existsSync(file) && Buffer.compare(fs.readFileSync(file), Buffer.from(bytes)) === 0;
    if (!same) fs.writeFileSync(file, bytes);
    console.log(
      `${same ? 'unchanged' : 'written  '} ${path.relative(process.cwd(), file)} (${SEEDS[id].city})`,
    );
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
