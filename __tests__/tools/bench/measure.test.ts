import {
  gibibytes,
  median,
  minutes,
  parseShellTimes,
  runMeasured,
  seconds,
  treeResidentBytes,
} from '../../../tools/bench/measure';

test('median of odd and even counts, unsorted input', () => {
  expect(median([3, 1, 2])).toBe(2);
  expect(median([4, 1, 3, 2])).toBe(2.5);
  expect(() => median([])).toThrow('median of nothing');
});

test('durations and sizes as printed', () => {
  expect(seconds(9_754)).toBe('9.75 s');
  expect(minutes(59_000)).toBe('59.00 s');
  expect(minutes(512_400)).toBe('8 min 32 s');
  expect(minutes(300_000)).toBe('5 min 0 s');
  expect(gibibytes(1024 ** 3 * 0.625)).toBe('0.63 GiB');
});

test("bash's times: the shell's and its children's user and system time, summed", () => {
  expect(parseShellTimes('0m0.004s 0m0.001s\n1m2.500s 0m10.250s\n')).toBe(4 + 1 + 62_500 + 10_250);
  expect(parseShellTimes('0m0,010s 0m0,000s\n0m1,000s 0m0,000s\n')).toBe(1_010);
  expect(parseShellTimes('')).toBe(0);
});

test('the memory of a process tree includes at least the process itself', () => {
  const own = treeResidentBytes(process.pid);
  expect(own).toBeGreaterThan(10 * 1024 * 1024);
  expect(treeResidentBytes(process.pid)).toBeGreaterThanOrEqual(own * 0.5);
});

test("a measured command: its own exit code and command line, its children's CPU time and memory", async () => {
  // Busy until the child itself has used 300 ms of CPU, however loaded the machine is.
  const busy =
    'const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; }; while (cpu() < 300); process.exit(3)';
  const { result, cpuMs, peakBytes } = await runMeasured(process.execPath, ['-e', busy], {
    cwd: __dirname,
    env: process.env,
  });
  expect(result.exitCode).toBe(3);
  expect(result.command).toBe(`${process.execPath} -e ${busy}`);
  expect(cpuMs).toBeGreaterThanOrEqual(300);
  expect(cpuMs).toBeLessThanOrEqual(result.durationMs + 100);
  expect(peakBytes).toBeGreaterThan(0);
});
