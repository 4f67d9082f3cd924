import * as fs from 'fs';
import { samplePath, seedSampleBytes } from '../../scripts/build-seed-workbooks';
import { toCellData } from '../../src/core/workbook';
import { readWorkbook } from '../../src/xlsx';
import { SEED_IDS, SEEDS, seedWorkbook } from '../support/seeds';

describe('samples/<city>.xlsx built from the seeds', () => {
  it.each(SEED_IDS)(
    'seed %s: the committed sample holds the seed’s cells, and a rebuild gives the same bytes',
    async (id) => {
      const committed = new Uint8Array(fs.readFileSync(samplePath(id)));
      const { input } = await readWorkbook(committed);
      const expected = seedWorkbook(id);
      expect(input.sheets.map((s) => s.name)).toEqual([SEEDS[id].city]);
      const got = input.sheets[0]!.cells.map((row) => row.map((c) => toCellData(c)?.value ?? null));
      const want = expected.sheets[0]!.cells.map((row) => row.map((c) => toCellData(c)?.value ?? null));
      const trim = (rows: unknown[][]) =>
        rows.map((r) => {
          const x = [...r];
          while (x.length && x[x.length - 1] === null) x.pop();
          return x;
        });
      expect(trim(got)).toEqual(trim(want));

      const rebuilt = await seedSampleBytes(id);
      expect(Buffer.compare(Buffer.from(rebuilt), Buffer.from(committed))).toBe(0);
    },
  );
});
