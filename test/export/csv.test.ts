import { describe, expect, it } from 'vitest';
import { parseArtifact } from '../../src/domain/index.js';
import {
  csvField,
  riskRegisterCsv,
  roadmapCsv,
  RISK_REGISTER_CSV_HEADER,
  roadmapCsvHeader,
} from '../../src/export/index.js';
import { northwindExportInput } from '../support/fixtures.js';
import { csvRecords, parseCsv } from './helpers.js';

describe('csvField', () => {
  it('quotes fields with a comma, a quote or a line break, doubling the quotes', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('the "spot" market')).toBe('"the ""spot"" market"');
    expect(csvField('line one\nline two')).toBe('"line one\nline two"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://evil.example","click")')).toBe(
      `"'=HYPERLINK(""http://evil.example"",""click"")"`,
    );
    expect(csvField('+1 555 0100')).toBe("'+1 555 0100");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('a = b')).toBe('a = b');
  });

  it('writes numbers as numbers, negative ones included, and nothing for null', () => {
    expect(csvField(-50000)).toBe('-50000');
    expect(csvField(2.5)).toBe('2.5');
    expect(csvField(null)).toBe('');
  });
});

describe('both CSV files', () => {
  it('start with a UTF-8 byte-order mark, so Excel reads "×" and "—" as written', () => {
    for (const csv of [riskRegisterCsv(northwindExportInput()), roadmapCsv(northwindExportInput())]) {
      expect([...Buffer.from(csv, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(csv.slice(1, 3)).not.toBe('\uFEFF');
    }
  });
});

describe('riskRegisterCsv', () => {
  it('writes RFC 4180 records ending in CRLF with the header first', () => {
    const csv = riskRegisterCsv(northwindExportInput());
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...RISK_REGISTER_CSV_HEADER]);
    expect(rows).toHaveLength(6);
  });

  it('ranks the risks and derives score and severity from likelihood × impact', () => {
    const records = csvRecords(riskRegisterCsv(northwindExportInput()));
    expect(records.map((r) => [r.Rank, r.ID, r['Score (L×I)'], r.Severity])).toEqual([
      ['1', 'r1', '20', 'Critical'],
      ['2', 'r2', '12', 'High'],
      ['3', 'r4', '10', 'High'],
      ['4', 'r3', '9', 'Medium'],
      ['5', 'r5', '4', 'Low'],
    ]);
    expect(records[0]).toMatchObject({
      'Likelihood (1-5)': '4',
      'Impact (1-5)': '5',
      Mitigation: 'Pair a second engineer with Dana for six weeks; write the runbook',
      Owner: 'VP Engineering (Marta Ruiz)',
      'Early-warning trigger': 'Dana takes leave or an integration incident waits for her',
      'Review date': '2027-03-31',
      Trend: 'AI-assisted freight pricing',
      Category: 'organisational',
    });
    expect(records[2]!.Trend).toBe('');
  });

  it('round-trips commas and quotes, and neutralises a formula typed into a risk', () => {
    const input = northwindExportInput();
    input.artifacts.risks!.risks[0]!.mitigation = '=cmd|"/C calc"!A0';
    input.artifacts.risks!.risks[0]!.owner = '@ops, on call';
    const csv = riskRegisterCsv(input);
    expect(csv).toContain(
      '"The pricing model, trained on calm 2024–25 lanes, misprices the ""spot"" market in a shock, eroding margin"',
    );
    const [r1, r2] = csvRecords(csv);
    expect(r1!.Mitigation).toBe(`'=cmd|"/C calc"!A0`);
    expect(r1!.Owner).toBe("'@ops, on call");
    expect(r2!.Threat).toBe(
      'The pricing model, trained on calm 2024–25 lanes, misprices the "spot" market in a shock, eroding margin',
    );
  });

  it('is only the header when there is no register yet', () => {
    const input = { ...northwindExportInput(), artifacts: {} };
    expect(parseCsv(riskRegisterCsv(input))).toEqual([[...RISK_REGISTER_CSV_HEADER]]);
  });
});

describe('roadmapCsv', () => {
  it('gives effort in weeks, the metric, the money and EV = EBITDA × the assumed multiple', () => {
    const records = csvRecords(roadmapCsv(northwindExportInput()));
    expect(records.map((r) => r.ID)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
    expect(records[1]).toMatchObject({
      Title: 'Spot-lane pricing model v1',
      'Horizon (months)': '6-18',
      'Effort (weeks)': '16',
      Owner: 'Head of Data (Sam Okafor)',
      Deadline: '2027-Q4',
      'Success metric': 'Brokerage gross margin',
      Baseline: '14%',
      Target: '16%',
      'One-off cost (USD)': '380000',
      'Annual EBITDA effect (USD)': '1200000',
      'EBITDA multiple (assumed)': '8',
      'EV effect (EBITDA × multiple) (USD)': '9600000',
      Trends: 'AI-assisted freight pricing',
      Risks: 'r2',
      'Missing before start': '',
    });
    // No EBITDA effect was given, so there is no EV effect: the gap in words, not an empty cell that reads as zero.
    expect(records[0]!['EV effect (EBITDA × multiple) (USD)']).toBe('not estimated');
    expect(records[4]!['Missing before start']).toBe('owner; deadline; success metric; financial framing');
  });

  it("says where each entry stands and the metric's latest value, between baseline and target", () => {
    const header = parseCsv(roadmapCsv(northwindExportInput('2027-Q2')))[0]!;
    expect(header.slice(0, 3)).toEqual(['ID', 'Title', 'Status']);
    expect(header.slice(header.indexOf('Success metric'), header.indexOf('Success metric') + 4)).toEqual([
      'Success metric',
      'Baseline',
      'Current',
      'Target',
    ]);
    const records = csvRecords(roadmapCsv(northwindExportInput('2027-Q2')));
    expect(records.map((r) => [r.ID, r.Status, r.Baseline, r.Current, r.Target])).toEqual([
      ['e1', 'In progress', '1', '2', '3'],
      ['e2', 'In progress', '14%', '14.6%', '17%'],
      ['e3', 'Planned', '0', 'not measured yet', '12'],
      ['e4', 'Done', '$2.1M/yr', '$1.75M/yr', '$1.7M/yr'],
      ['e5', 'Dropped', '', '', ''],
      ['e6', 'Planned', '0%', 'not measured yet', '40%'],
    ]);
    // A dropped entry has nothing left to start, so nothing is missing before start.
    expect(records[4]!['Missing before start']).toBe('');
  });

  it('keeps a negative EBITDA effect a number and a line break inside its quoted field', () => {
    const input = northwindExportInput();
    const e = input.artifacts.roadmap!.entries[0]!;
    input.artifacts.roadmap = parseArtifact('roadmap', {
      entries: [
        {
          ...e,
          rationale: 'First line\nsecond line',
          financial: { ...e.financial, annualEbitdaEffect: -50000, evMultiple: 8 },
        },
      ],
    });
    const csv = roadmapCsv(input);
    const [record] = csvRecords(csv);
    expect(record!['Annual EBITDA effect (USD)']).toBe('-50000');
    expect(record!['EV effect (EBITDA × multiple) (USD)']).toBe('-400000');
    expect(record!.Rationale).toBe('First line\nsecond line');
    expect(parseCsv(csv)[0]).toEqual(roadmapCsvHeader('USD'));
  });
});
