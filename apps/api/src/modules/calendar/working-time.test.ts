import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import fc from 'fast-check';
import { repoRoot } from '../../config.js';
import { isWorkingKind, projectYear, readDataset } from './calendar-data.js';
import { extendClock, pauseClock, resumeClock, startClock } from './deadline-clock.js';
import {
  computeDeadline,
  DEFAULT_WORKING_WINDOWS,
  describeRemaining,
  parseWorkingWindows,
  toIctIso,
  WorkingCalendar,
  type DeadlineUnit,
  type IntakeCutoff,
} from './working-time.js';

// The real vendored data (data/calendar), hand-checked cases below use its dates.
let cal: WorkingCalendar;
before(async () => {
  const years = await readDataset(path.join(repoRoot, 'data/calendar'));
  cal = new WorkingCalendar({
    windows: parseWorkingWindows(DEFAULT_WORKING_WINDOWS),
    overrides: years.flatMap((y) =>
      y.entries.map((e) => ({ date: e.date, working: isWorkingKind(e.kind) })),
    ),
    firstYear: 2024,
    lastYear: 2027,
  });
});

const at = (local: string) => new Date(`${local}+07:00`);
function due(from: string, amount: number, unit: DeadlineUnit, cutoff?: IntakeCutoff): string {
  return toIctIso(
    computeDeadline(cal, { receivedAt: at(from), amount, unit, ...(cutoff ? { cutoff } : {}) }).due,
  ).slice(0, 16);
}

describe('working windows', () => {
  test('parses the default windows into 8 working hours', () => {
    const w = parseWorkingWindows('07:00-11:30,13:30-17:00');
    assert.deepEqual(w, [
      { start: 420, end: 690 },
      { start: 810, end: 1020 },
    ]);
    assert.equal(cal.dayMinutes, 480);
  });

  test('rejects malformed, empty and overlapping windows', () => {
    assert.throws(() => parseWorkingWindows('7-11'));
    assert.throws(() => parseWorkingWindows('11:00-07:00'));
    assert.throws(() => parseWorkingWindows('07:00-12:00,11:00-17:00'));
  });
});

describe('working hours and days (hand-computed)', () => {
  test('Mon 09:00 + 1 working day = Tue 09:00', () => {
    assert.equal(due('2026-03-09T09:00', 1, 'working_days'), '2026-03-10T09:00');
  });

  test('hours roll over the lunch break', () => {
    assert.equal(due('2026-03-09T11:00', 1, 'working_hours'), '2026-03-09T14:00');
    assert.equal(due('2026-03-09T09:00', 2.5, 'working_hours'), '2026-03-09T11:30');
  });

  test('received during the lunch break counts from 13:30', () => {
    assert.equal(due('2026-03-09T12:00', 1, 'working_hours'), '2026-03-09T14:30');
  });

  test('received before opening counts from 07:00', () => {
    assert.equal(due('2026-03-10T06:00', 2, 'working_hours'), '2026-03-10T09:00');
  });

  test('hours roll over the weekend', () => {
    assert.equal(due('2026-03-06T16:00', 2, 'working_hours'), '2026-03-09T08:00');
  });

  test('received on Saturday counts from Monday 07:00; a full day ends at 17:00', () => {
    assert.equal(due('2026-03-07T10:00', 1, 'working_days'), '2026-03-09T17:00');
    assert.equal(due('2026-03-07T10:00', 0, 'working_days'), '2026-03-09T07:00');
  });

  test('Tết 2026 (Sat 14/2 – Sun 22/2) is skipped', () => {
    assert.equal(due('2026-02-13T09:00', 1, 'working_days'), '2026-02-23T09:00');
    assert.equal(due('2026-02-12T15:00', 2, 'working_days'), '2026-02-23T15:00');
    assert.equal(due('2026-02-16T10:00', 1, 'working_hours'), '2026-02-23T08:00');
  });

  test('30/4 – 1/5/2026 (Thu, Fri) and the weekend are skipped', () => {
    assert.equal(due('2026-04-29T10:00', 1, 'working_days'), '2026-05-04T10:00');
  });

  test('Giỗ Tổ on Sunday 26/4/2026 gives Monday 27/4 off (compensatory, from the notes)', () => {
    assert.equal(cal.isWorkingDate('2026-04-27'), false);
    assert.equal(due('2026-04-24T14:00', 1, 'working_days'), '2026-04-28T14:00');
    assert.equal(due('2026-04-24T14:00', 3, 'working_days'), '2026-05-04T14:00');
  });

  test('2/9/2026: Mon 31/8 swapped with make-up Saturday 22/8', () => {
    assert.equal(cal.isWorkingDate('2026-08-22'), true);
    assert.equal(cal.isWorkingDate('2026-08-31'), false);
    assert.equal(due('2026-08-21T10:00', 1, 'working_days'), '2026-08-22T10:00');
    assert.equal(due('2026-08-28T10:00', 1, 'working_days'), '2026-09-03T10:00');
  });

  test('make-up Saturday 26/4/2025 works, swapped Friday 2/5/2025 is off', () => {
    assert.equal(due('2025-04-25T16:00', 2, 'working_hours'), '2025-04-26T08:00');
    assert.equal(due('2025-04-29T09:00', 1, 'working_days'), '2025-05-05T09:00');
  });

  test('1/1/2026 and swapped Fri 2/1 off, make-up Sat 10/1 works', () => {
    assert.equal(due('2025-12-31T09:00', 1, 'working_days'), '2026-01-05T09:00');
    assert.equal(due('2026-01-09T16:00', 2, 'working_hours'), '2026-01-10T08:00');
  });
});

describe('intake cut-offs', () => {
  const after15 = { afterTime: 15 * 60 };
  test('after 15:00 counts from the next working day (Cao Bằng QĐ 2031/QĐ-UBND)', () => {
    assert.equal(due('2026-03-10T15:30', 1, 'working_days', after15), '2026-03-11T17:00');
    assert.equal(due('2026-03-10T14:59', 1, 'working_days', after15), '2026-03-11T14:59');
    assert.equal(due('2026-03-10T15:30', 1, 'working_days'), '2026-03-11T15:30');
  });

  test('after 15:00 on Friday 13/2/2026 counts from Monday 23/2 (after Tết)', () => {
    const r = computeDeadline(cal, {
      receivedAt: at('2026-02-13T15:10'),
      amount: 4,
      unit: 'working_hours',
      cutoff: after15,
    });
    assert.equal(toIctIso(r.start), '2026-02-23T07:00:00+07:00');
    assert.equal(toIctIso(r.due), '2026-02-23T11:00:00+07:00');
  });

  test('online within the last hour before closing counts from the next working day (NĐ 297/2025)', () => {
    const lastHour = { beforeCloseMinutes: 60 };
    assert.equal(due('2026-03-10T16:15', 8, 'working_hours', lastHour), '2026-03-11T17:00');
    assert.equal(due('2026-03-10T15:59', 1, 'working_hours', lastHour), '2026-03-10T16:59');
  });
});

describe('calendar days', () => {
  test('N × 24 h; a result on a non-working day moves to the next working day', () => {
    assert.equal(due('2026-03-02T10:00', 7, 'calendar_days'), '2026-03-09T10:00');
    assert.equal(due('2026-03-06T09:00', 1, 'calendar_days'), '2026-03-09T09:00');
    assert.equal(due('2026-02-12T10:00', 3, 'calendar_days'), '2026-02-23T10:00');
    assert.equal(due('2026-04-24T10:00', 3, 'calendar_days'), '2026-04-28T10:00');
  });
});

describe('clock stops and extension', () => {
  const period = { amount: 3, unit: 'working_days' as const };

  test('pause on supplement request, resume with the time that was left', () => {
    const running = startClock(cal, { receivedAt: at('2026-03-09T09:00'), period });
    assert.equal(toIctIso(running.due), '2026-03-12T09:00:00+07:00');
    const paused = pauseClock(cal, running, at('2026-03-10T09:00'));
    assert.equal(paused.remaining, 2 * 480);
    assert.equal(paused.supplementRequests, 1);
    const resumed = resumeClock(cal, paused, at('2026-03-16T14:00'));
    assert.equal(toIctIso(resumed.due), '2026-03-18T14:00:00+07:00');
  });

  test('resuming on a weekend counts from Monday 07:00', () => {
    const running = startClock(cal, { receivedAt: at('2026-03-09T09:00'), period });
    const paused = pauseClock(cal, running, at('2026-03-10T09:00'));
    const resumed = resumeClock(cal, paused, at('2026-03-14T10:00'));
    assert.equal(toIctIso(resumed.due), '2026-03-17T17:00:00+07:00');
  });

  test('restart variant: the whole period runs again from the complete dossier (NĐ 297/2025)', () => {
    const running = startClock(cal, { receivedAt: at('2026-03-09T09:00'), period });
    const paused = pauseClock(cal, running, at('2026-03-10T09:00'));
    const restarted = resumeClock(cal, paused, at('2026-03-16T14:00'), 'restart');
    assert.equal(toIctIso(restarted.due), '2026-03-19T14:00:00+07:00');
  });

  test('a dossier late when paused stays late by the same working time', () => {
    const running = startClock(cal, { receivedAt: at('2026-03-09T09:00'), period });
    const paused = pauseClock(cal, running, at('2026-03-12T11:00'));
    assert.equal(paused.remaining, -120);
    const resumed = resumeClock(cal, paused, at('2026-03-16T09:00'));
    // Two working hours before Mon 09:00 is the end of Friday (same working instant as Mon 07:00).
    assert.equal(toIctIso(resumed.due), '2026-03-13T17:00:00+07:00');
    assert.equal(cal.remainingWorkingMinutes(resumed.due, at('2026-03-16T09:00')), -120);
  });

  test('calendar-day clocks pause in real time', () => {
    const running = startClock(cal, {
      receivedAt: at('2026-03-02T10:00'),
      period: { amount: 7, unit: 'calendar_days' },
    });
    const paused = pauseClock(cal, running, at('2026-03-04T10:00'));
    const resumed = resumeClock(cal, paused, at('2026-03-10T10:00'));
    assert.equal(toIctIso(resumed.due), '2026-03-16T10:00:00+07:00');
  });

  test('pausing twice or resuming a running clock is refused', () => {
    const running = startClock(cal, { receivedAt: at('2026-03-09T09:00'), period });
    const paused = pauseClock(cal, running, at('2026-03-10T09:00'));
    assert.throws(() => pauseClock(cal, paused, at('2026-03-10T10:00')), /tạm dừng/);
    assert.throws(() => resumeClock(cal, running, at('2026-03-10T10:00')), /không ở trạng thái/);
  });

  test('extension is allowed once only (QĐ 88/2025/QĐ-UBND, NĐ 297/2025)', () => {
    const running = startClock(cal, { receivedAt: at('2026-03-09T09:00'), period });
    const extended = extendClock(cal, running, { amount: 2, unit: 'working_days' });
    assert.equal(extended.state, 'running');
    assert.equal(toIctIso((extended as typeof running).due), '2026-03-16T09:00:00+07:00');
    assert.throws(
      () => extendClock(cal, extended, { amount: 1, unit: 'working_days' }),
      /không quá một lần/,
    );
  });

  test('extension while paused adds to the time left; units must match', () => {
    const running = startClock(cal, { receivedAt: at('2026-03-09T09:00'), period });
    const paused = pauseClock(cal, running, at('2026-03-10T09:00'));
    const extended = extendClock(cal, paused, { amount: 4, unit: 'working_hours' });
    assert.equal(extended.state === 'paused' && extended.remaining, 2 * 480 + 240);
    assert.throws(
      () => extendClock(cal, running, { amount: 1, unit: 'calendar_days' }),
      /cùng loại/,
    );
  });
});

describe('remaining time', () => {
  test('Vietnamese and English, in working time (1 ngày = 8 giờ)', () => {
    assert.deepEqual(describeRemaining(2 * 480 + 180), {
      vi: 'Còn 2 ngày 3 giờ',
      en: '2 days 3 hours left',
    });
    assert.deepEqual(describeRemaining(-(480 + 120)), {
      vi: 'Quá hạn 1 ngày 2 giờ',
      en: 'Overdue by 1 day 2 hours',
    });
    assert.deepEqual(describeRemaining(45), { vi: 'Còn 45 phút', en: '45 minutes left' });
    assert.deepEqual(describeRemaining(0), { vi: 'Đến hạn', en: 'Due now' });
  });

  test('counts only working time between now and the due instant', () => {
    assert.equal(cal.remainingWorkingMinutes(at('2026-03-09T09:00'), at('2026-03-06T17:00')), 120);
    assert.equal(cal.remainingWorkingMinutes(at('2026-02-23T09:00'), at('2026-02-13T16:00')), 180);
  });
});

describe('projection from the Labour Code rules', () => {
  test('2026 by the rules matches the official weekdays off (except swaps and 24/11)', async () => {
    const data = (await readDataset(path.join(repoRoot, 'data/calendar'))).find(
      (y) => y.year === 2026,
    )!;
    const weekdayOff = (dates: string[]) =>
      dates.filter((d) => {
        const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
        return wd !== 0 && wd !== 6;
      });
    const official = weekdayOff(
      data.entries
        .filter((e) => !isWorkingKind(e.kind) && e.kind !== 'swap_day_off' && e.status !== 'draft')
        .map((e) => e.date),
    );
    const projected = weekdayOff(projectYear(2026).map((e) => e.date));
    assert.deepEqual(projected.sort(), official.sort());
  });

  test('2027: Tết on Saturday 6/2 gives two compensatory days; 2/9 on Thursday takes 3/9', () => {
    const days = projectYear(2027);
    const dates = days.map((d) => d.date);
    for (const d of ['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11']) {
      assert.ok(dates.includes(d), d);
    }
    assert.ok(dates.includes('2027-04-16'), 'Giỗ Tổ 10/3 Đinh Mùi');
    assert.ok(dates.includes('2027-09-03'));
    assert.ok(days.every((d) => d.status === 'draft' && d.source === 'projection'));
  });

  test('uses the Vietnamese lunar calendar (Tết 2007 was 17/2 in Vietnam, 18/2 in China)', () => {
    assert.ok(projectYear(2007).some((d) => d.date === '2007-02-17'));
    assert.ok(projectYear(2007).some((d) => d.date === '2007-02-16'));
  });
});

describe('properties', () => {
  const instant = fc
    .integer({
      min: Date.parse('2025-01-01T00:00:00+07:00'),
      max: Date.parse('2026-10-31T00:00:00+07:00'),
    })
    .map((ms) => new Date(Math.floor(ms / 60_000) * 60_000));
  const unit = fc.constantFrom<DeadlineUnit>('working_days', 'working_hours', 'calendar_days');

  test('the due instant is never in non-working time', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 120 }), unit, (from, amount, u) => {
        const r = computeDeadline(cal, { receivedAt: from, amount, unit: u });
        return cal.isWorkingTime(r.due);
      }),
      { numRuns: 2000 },
    );
  });

  test('the due instant is monotonic in the amount', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 0, max: 120 }),
        unit,
        (from, a, b, u) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const d1 = computeDeadline(cal, { receivedAt: from, amount: lo, unit: u }).due;
          const d2 = computeDeadline(cal, { receivedAt: from, amount: hi, unit: u }).due;
          return d1.getTime() <= d2.getTime();
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('adding a then b working hours equals adding a + b', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 200 }),
        (from, a, b) => {
          const step = cal.addPeriod(cal.addPeriod(from, a, 'working_hours'), b, 'working_hours');
          const once = cal.addPeriod(from, a + b, 'working_hours');
          return step.getTime() === once.getTime();
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('is fast: 100 000 deadlines well under a second', () => {
    const started = performance.now();
    const base = Date.parse('2025-03-01T00:00:00+07:00');
    for (let i = 0; i < 100_000; i += 1) {
      cal.addPeriod(new Date(base + i * 397_000), (i % 40) + 1, 'working_days');
    }
    const ms = performance.now() - started;
    assert.ok(ms < 1500, `took ${ms} ms`);
  });
});
